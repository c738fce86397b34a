// The real engine on real speech: fixture speech made by espeak-ng and
// recorded speech from Debian's pocketsphinx-testdata.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "audio/decode.h"
#include "core/error.h"
#include "engine/engine.h"
#include "engine/frame_count.h"
#include "export/json.h"
#include "engine/animation_words.h"
#include "support/fixtures.h"

using namespace facecast;
using facecast::testing::fixture;
using facecast::testing::pocketsphinx_testdata;
using facecast::testing::words_of;

namespace {

const char* kFoxTranscript = "The quick brown fox jumps over the lazy dog";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

audio::DecodedAudio decode(const std::string& path) { return audio::decode_file(path, AudioSettings{}); }

// goforward.raw: 16 kHz mono s16le, "go forward ten meters".
audio::DecodedAudio go_forward() {
  std::string bytes = slurp(pocketsphinx_testdata("goforward.raw"));
  return audio::decode_raw(std::as_bytes(std::span(bytes.data(), bytes.size())), audio::RawFormat{}, AudioSettings{});
}

Engine& shared_engine() {
  static Engine engine{Settings{}};  // model load once for the whole test program
  return engine;
}

Settings with_mode(SpeechMode mode) {
  Settings s;
  s.speech.mode = mode;
  return s;
}

}  // namespace

TEST(engineAnimate, alignsFixtureSpeechIntoTheJsonContract) {
  auto audio = decode(fixture("speech.wav"));
  Animation a = shared_engine().animate(audio, kFoxTranscript, Settings{});
  EXPECT_EQ(a.speech.mode, SpeechMode::Align);
  EXPECT_EQ(a.fps, 30);
  EXPECT_NEAR(a.duration, 3.2049, 0.001);
  EXPECT_EQ(a.frames.size(), frame_count_for(a.duration, 30));
  EXPECT_GT(a.processing_ms, 0);

  auto d = nlohmann::json::parse(exporter::to_json(a))["data"];
  EXPECT_EQ(d["frame_count"], a.frames.size());
  EXPECT_EQ(d["blendshapes"].size(), a.frames.size());
  EXPECT_EQ(d["visemes"]["frames"].size(), a.frames.size());
  EXPECT_EQ(d["head_rotation"].size(), a.frames.size());
  EXPECT_EQ(d["eye_rotation"].size(), a.frames.size());
  for (const auto& frame : d["blendshapes"]) {
    ASSERT_EQ(frame.size(), 52u);
    for (const auto& w : frame) ASSERT_TRUE(w.get<double>() >= 0 && w.get<double>() <= 1) << w;
  }
  std::vector<std::string> expected{"the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog"};
  EXPECT_EQ(words_of(a), expected);
  ASSERT_FALSE(d["phonemes"].empty());
  double previous_end = 0;
  for (const auto& p : d["phonemes"]) {
    EXPECT_GE(p["start"].get<double>(), previous_end - 1e-9);
    EXPECT_GT(p["end"].get<double>(), p["start"].get<double>());
    previous_end = p["end"].get<double>();
  }
  EXPECT_LE(previous_end, a.duration + 0.011);
}

TEST(engineAnimate, opensTheMouthWhileSpeakingAndRestsInSilence) {
  Animation a = shared_engine().animate(decode(fixture("speech.wav")), kFoxTranscript, Settings{});
  float peak_jaw = 0;
  for (const auto& f : a.frames) peak_jaw = std::max(peak_jaw, f.blendshapes[jawOpen]);
  EXPECT_GT(peak_jaw, 0.2f);

  Animation quiet = shared_engine().animate(decode(fixture("silence.wav")), "", with_mode(SpeechMode::Phonetic));
  EXPECT_EQ(quiet.frames.size(), 60u);  // 2 s at 30 fps
  for (const auto& f : quiet.frames) EXPECT_LT(f.blendshapes[jawOpen], 0.05f);
}

TEST(engineAnimate, alignsRecordedSpeechFromPocketsphinxTestdata) {
  Animation a = shared_engine().animate(go_forward(), "go forward ten meters", Settings{});
  EXPECT_EQ(a.speech.mode, SpeechMode::Align);
  EXPECT_EQ(words_of(a), (std::vector<std::string>{"go", "forward", "ten", "meters"}));
  EXPECT_EQ(a.frames.size(), frame_count_for(a.duration, 30));
}

TEST(engineAnimate, autoRecognisesWithoutATranscript) {
  Animation a = shared_engine().animate(go_forward(), "  \n", Settings{});
  EXPECT_EQ(a.speech.mode, SpeechMode::Recognize);
  EXPECT_FALSE(a.speech.phones.empty());
}

TEST(engineAnimate, phoneticModeNeedsNoWords) {
  Animation a = shared_engine().animate(go_forward(), "", with_mode(SpeechMode::Phonetic));
  EXPECT_EQ(a.speech.mode, SpeechMode::Phonetic);
  EXPECT_FALSE(a.speech.phones.empty());
  EXPECT_EQ(a.frames.size(), frame_count_for(a.duration, 30));
}

TEST(engineAnimate, followsThePerRequestFps) {
  Settings s;
  s.face.fps = 24;
  Animation a = shared_engine().animate(decode(fixture("speech.wav")), kFoxTranscript, s);
  EXPECT_EQ(a.fps, 24);
  EXPECT_EQ(a.frames.size(), 77u);  // ceil(3.2049 * 24)
}

TEST(engineAnimate, alignWithoutTranscriptIsInvalidArgument) {
  try {
    shared_engine().animate(decode(fixture("speech.wav")), " ", with_mode(SpeechMode::Align));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("transcript"), std::string::npos);
  }
}

// 3.2 s of speech with a whole book's worth of transcript: refused at once
// (aligning 80,000 words to 2 s took 28 s before), unless the limit is raised.
TEST(engineAnimate, refusesATranscriptFarLongerThanTheAudioCanHold) {
  std::string book;
  for (int i = 0; i < 10000; ++i) book += "the quick brown fox ";
  try {
    shared_engine().animate(decode(fixture("speech.wav")), book, with_mode(SpeechMode::Align));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("40000 words"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("max_words_per_second"), std::string::npos) << e.what();
  }
  // 52 words on 3.2 s: within 10 x 3.2 + 20.
  std::string long_but_possible;
  for (int i = 0; i < 13; ++i) long_but_possible += "the quick brown fox ";
  EXPECT_NO_THROW(shared_engine().animate(decode(fixture("speech.wav")), long_but_possible, with_mode(SpeechMode::Align)));
}

// For 10 ms of audio the message read "more than 0.0 s of audio can hold".
TEST(engineAnimate, theTranscriptLimitMessageShowsTheLengthOfAVeryShortClip) {
  audio::DecodedAudio ten_ms;
  ten_ms.samples.assign(160, 0.0f);
  std::string words;
  for (int i = 0; i < 13; ++i) words += "the quick brown fox ";
  try {
    shared_engine().animate(ten_ms, words, with_mode(SpeechMode::Align));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("more than 0.010 s of audio can hold (at most 20: max_words_per_second 10 x 0.010 s + 20)"),
              std::string::npos) << e.what();
  }
}

TEST(engineAnimate, sameInputGivesTheSameOutputByteForByte) {
  auto audio = decode(fixture("speech.wav"));
  Engine other{Settings{}};
  for (SpeechMode mode : {SpeechMode::Align, SpeechMode::Recognize, SpeechMode::Phonetic}) {
    std::string transcript = mode == SpeechMode::Align ? kFoxTranscript : "";
    Animation first = shared_engine().animate(audio, transcript, with_mode(mode));
    Animation again = shared_engine().animate(audio, transcript, with_mode(mode));  // warm decoder reused
    Animation fresh = other.animate(audio, transcript, with_mode(mode));           // another engine
    first.processing_ms = again.processing_ms = fresh.processing_ms = 0;
    EXPECT_EQ(exporter::to_json(first), exporter::to_json(again)) << mode_name(mode);
    EXPECT_EQ(exporter::to_json(first), exporter::to_json(fresh)) << mode_name(mode);
  }
}
