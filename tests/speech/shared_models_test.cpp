// The models Analyzers share: the pronouncing dictionary and the pool of word
// recognisers (real PocketSphinx decoders, loaded from the Debian model).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "core/error.h"
#include "speech/pronouncing_dictionary.h"
#include "speech/decoder_pool.h"
#include "speech/sphinx_decoder.h"

namespace facecast::speech {
namespace {

std::string cmudict_path() { return dictionary_path(SpeechSettings{}); }

std::string write_temp(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

ErrorCode code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.code();
  }
  return ErrorCode::Internal;
}

TEST(pronouncingDictionary, findsEveryVariantOfCmudict) {
  const PronouncingDictionary dictionary(cmudict_path());
  EXPECT_GT(dictionary.size(), 130000u);
  EXPECT_EQ(dictionary.lookup("forward"), "F AO R W ER D");
  EXPECT_FALSE(dictionary.lookup("read(2)").empty());
  EXPECT_TRUE(dictionary.lookup("zorblaxing").empty());
  EXPECT_TRUE(dictionary.lookup("").empty());
  EXPECT_TRUE(dictionary.lookup("Forward").empty());  // case-sensitive, as the file
}

TEST(pronouncingDictionary, readsUnsortedEntriesSkippingBlankLinesAndComments) {
  const auto path = write_temp("facecast_dict_unsorted.dict", "zed Z EH D\n\nabe EY B  \r\nmid M IH D # a comment\n");
  const PronouncingDictionary dictionary(path);
  EXPECT_EQ(dictionary.size(), 3u);
  EXPECT_EQ(dictionary.lookup("abe"), "EY B");
  EXPECT_EQ(dictionary.lookup("zed"), "Z EH D");
  EXPECT_EQ(dictionary.lookup("mid"), "M IH D");
  std::filesystem::remove(path);
}

TEST(pronouncingDictionary, skipsLeadingBlanksAndKeepsTheFirstOfDuplicates) {
  const auto path = write_temp("facecast_dict_dups.dict", "  lead L IY D\nzed Z EH D\nzed Z IY\n");
  const PronouncingDictionary dictionary(path);
  EXPECT_EQ(dictionary.lookup("lead"), "L IY D");
  EXPECT_EQ(dictionary.lookup("zed"), "Z EH D");
  std::filesystem::remove(path);
}

TEST(pronouncingDictionary, rejectsMissingOrEmptyFile) {
  EXPECT_EQ(code_of([] { PronouncingDictionary("/nonexistent/facecast.dict"); }), ErrorCode::ModelUnavailable);
  const auto empty = write_temp("facecast_dict_empty.dict", "\n\n");
  EXPECT_EQ(code_of([&] { PronouncingDictionary{empty}; }), ErrorCode::ModelUnavailable);
  std::filesystem::remove(empty);
}

TEST(decoderPool, loadsOneOnPreloadAndReusesIt) {
  DecoderPool pool(SpeechSettings{}, SearchKind::Recognize, {2, 1, 0});
  EXPECT_EQ(pool.loaded(), 0);
  pool.preload();
  EXPECT_EQ(pool.loaded(), 1);
  SphinxDecoder* first = nullptr;
  {
    auto lease = pool.acquire();
    first = &lease.decoder();
  }
  auto again = pool.acquire();
  EXPECT_EQ(&again.decoder(), first);
  EXPECT_EQ(pool.loaded(), 1);
}

TEST(decoderPool, growsToItsLimitThenMakesCallersWait) {
  DecoderPool pool(SpeechSettings{}, SearchKind::Recognize, {1, 1, 0});
  auto held = std::make_unique<DecoderPool::Lease>(pool.acquire());
  auto waiting = std::async(std::launch::async, [&] {
    auto lease = pool.acquire();
    return &lease.decoder();
  });
  EXPECT_EQ(waiting.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
  SphinxDecoder* held_decoder = &held->decoder();
  held.reset();  // gives it back: the waiting caller gets the same decoder
  EXPECT_EQ(waiting.get(), held_decoder);
  EXPECT_EQ(pool.loaded(), 1);
}

TEST(decoderPool, freesExtraDecodersOnceIdleButKeepsOne) {
  DecoderPool pool(SpeechSettings{}, SearchKind::Recognize, {2, 1, 0.2});
  {
    auto a = pool.acquire();
    auto b = pool.acquire();
    EXPECT_NE(&a.decoder(), &b.decoder());
    EXPECT_EQ(pool.loaded(), 2);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (pool.loaded() > 1 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(pool.loaded(), 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  EXPECT_EQ(pool.loaded(), 1);  // the last one stays warm
}

TEST(decoderPool, preloadsWhatItKeepsAndGrowsWithoutLimitWhenAsked) {
  DecoderPool pool(SpeechSettings{}, SearchKind::Allphone, {0, 2, 0});
  pool.preload();
  EXPECT_EQ(pool.loaded(), 2);
  auto a = pool.acquire(), b = pool.acquire(), c = pool.acquire();
  EXPECT_EQ(pool.loaded(), 3);
}

TEST(decoderPool, aDiscardedDecoderFreesItsPlace) {
  DecoderPool pool(SpeechSettings{}, SearchKind::Allphone, {1, 1, 0});
  {
    auto lease = pool.acquire();
    lease.discard();
    EXPECT_EQ(pool.loaded(), 0);
  }
  EXPECT_EQ(pool.loaded(), 0);  // not given back
  auto again = pool.acquire();  // the limit is free again: a new one loads
  EXPECT_EQ(pool.loaded(), 1);
}

TEST(decoderPool, keepsNoMoreLoadedThanItsLimitAllows) {
  DecoderPool pool(SpeechSettings{}, SearchKind::Allphone, {1, 3, 0});
  pool.preload();  // would wait for ever if it tried to hold 3 of at most 1
  EXPECT_EQ(pool.loaded(), 1);
}

TEST(decoderPool, reportsAMissingModelAndStaysUsable) {
  SpeechSettings missing;
  missing.model_dir = "/nonexistent/model";
  DecoderPool pool(missing, SearchKind::Recognize, {1, 1, 0});
  EXPECT_EQ(code_of([&] { pool.acquire(); }), ErrorCode::ModelUnavailable);
  EXPECT_EQ(pool.loaded(), 0);  // a failed load does not use up the limit
  EXPECT_EQ(code_of([&] { pool.acquire(); }), ErrorCode::ModelUnavailable);
}

}  // namespace
}  // namespace facecast::speech
