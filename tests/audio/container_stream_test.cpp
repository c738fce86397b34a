// Live WebM and Ogg (what a browser's MediaRecorder sends): pieces cut
// anywhere give what decoding the whole file gives; a stream that cannot be
// read says why.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "audio/decode.h"
#include "audio_test_support.h"

namespace facecast::audio::test {
namespace {

StreamFormat stream_format(StreamContainer container) {
  StreamFormat format;
  format.container = container;
  return format;
}

// Pushes `bytes` in pieces of random sizes up to `largest`; the converter's
// output and what it counted as cut off at the end.
struct Streamed {
  std::vector<float> samples;
  RawInputFlaws flaws;
};
Streamed stream_in_pieces(std::span<const std::byte> bytes, std::size_t largest, unsigned seed,
                          StreamContainer container = StreamContainer::WebM) {
  StreamConverter converter(stream_format(container));
  std::mt19937 random(seed);
  std::uniform_int_distribution<std::size_t> size(1, largest);
  Streamed out;
  for (std::size_t at = 0; at < bytes.size();) {
    const std::size_t n = std::min(size(random), bytes.size() - at);
    converter.push(bytes.subspan(at, n), out.samples);
    at += n;
  }
  converter.finish(out.samples);
  out.flaws = converter.flaws();
  return out;
}

// Pushing `name` into a `container` stream, whole or a byte at a time (the
// verdict must not depend on how the pieces cut the header), fails with
// UnsupportedFormat naming `words`.
void expect_stream_refused(const std::string& name, StreamContainer container, const std::string& words) {
  const auto bytes = read_bytes(fixture(name));
  for (const std::size_t piece : {bytes.size(), std::size_t{1}}) {
    SCOPED_TRACE("pieces of " + std::to_string(piece) + " bytes");
    StreamConverter converter(stream_format(container));
    std::vector<float> out;
    expect_error(
        [&] {
          for (std::size_t at = 0; at < bytes.size(); at += piece)
            converter.push(std::span(bytes).subspan(at, std::min(piece, bytes.size() - at)), out);
        },
        ErrorCode::UnsupportedFormat, words);
  }
}

// Overwrites 4 random bytes anywhere in the file, `trials` times: each stream
// in pieces gives samples or a clean error (CorruptAudio, UnsupportedFormat).
void expect_stream_survives_overwrites(const std::string& name, StreamContainer container, std::mt19937& random,
                                       int trials) {
  const auto original = read_bytes(fixture(name));
  for (int trial = 0; trial < trials; ++trial) {
    auto bytes = original;
    for (int k = 0; k < 4; ++k) bytes[random() % bytes.size()] = static_cast<std::byte>(random());
    SCOPED_TRACE(name + " trial " + std::to_string(trial));
    try {
      const Streamed streamed = stream_in_pieces(bytes, 700, static_cast<unsigned>(trial), container);
      EXPECT_LE(streamed.samples.size(), 2 * original.size() * 16);  // bounded by what came in
    } catch (const Error& error) {
      EXPECT_TRUE(error.code() == ErrorCode::CorruptAudio || error.code() == ErrorCode::UnsupportedFormat)
          << error.what();
    }
  }
}

class webmStream : public ::testing::TestWithParam<std::string> {};

// Opus mono and stereo, and Vorbis in Matroska: the stream path shares the
// file path's codec, mixer and resampler, so the samples are the same.
TEST_P(webmStream, piecesOfAnySizeGiveTheFileDecodersSamples) {
  const auto bytes = read_bytes(fixture(GetParam()));
  const DecodedAudio file = decode_file(fixture(GetParam()), AudioSettings{});
  for (const std::size_t largest : {std::size_t{1}, std::size_t{97}, std::size_t{4000}, bytes.size()}) {
    SCOPED_TRACE("pieces of up to " + std::to_string(largest) + " bytes");
    const Streamed streamed = stream_in_pieces(bytes, largest, 5);
    ASSERT_EQ(streamed.samples.size(), file.samples.size());
    EXPECT_LT(max_abs_difference(streamed.samples, file.samples), 1e-6f);
    EXPECT_EQ(streamed.flaws.partial_frame_bytes, 0u);
  }
}

INSTANTIATE_TEST_SUITE_P(files, webmStream,
                         ::testing::Values("speech.webm", "speech_stereo.webm", "speech_vorbis.mka"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '.', '_');
                           return name;
                         });

// Firefox's MediaRecorder sends Ogg by default. A stream cannot know where
// its sound ends until its last page, whose granule position trims the
// encoder's padding in a file: live, that padding (under one packet) is kept.
TEST(oggStream, piecesOfAnySizeGiveTheFileDecodersSamplesAndItsPaddingAtMost) {
  for (const std::string name : {"speech.opus", "speech.ogg"}) {
    const auto bytes = read_bytes(fixture(name));
    const DecodedAudio file = decode_file(fixture(name), AudioSettings{});
    for (const std::size_t largest : {std::size_t{1}, std::size_t{333}, bytes.size()}) {
      SCOPED_TRACE(name + ", pieces of up to " + std::to_string(largest) + " bytes");
      const Streamed streamed = stream_in_pieces(bytes, largest, 3, StreamContainer::Ogg);
      ASSERT_GE(streamed.samples.size(), file.samples.size());
      EXPECT_LE(streamed.samples.size(), file.samples.size() + 60 * kSamplesPerMs);
      const std::vector<float> same_length(streamed.samples.begin(),
                                           streamed.samples.begin() + static_cast<std::ptrdiff_t>(file.samples.size() - 400));
      const std::vector<float> file_part(file.samples.begin(), file.samples.end() - 400);  // the resampler's tail differs
      EXPECT_LT(max_abs_difference(same_length, file_part), 1e-4f);
      EXPECT_EQ(streamed.flaws.partial_frame_bytes, 0u);
    }
  }
}

TEST(oggStreamErrors, refusesAStreamThatIsNotOgg) {
  expect_stream_refused("speech.webm", StreamContainer::Ogg, "not Ogg");
}

TEST(oggStreamErrors, survivesCorruptedBytesAnywhere) {
  std::mt19937 random(17);
  for (const std::string name : {"speech.opus", "speech.ogg"})
    expect_stream_survives_overwrites(name, StreamContainer::Ogg, random, 150);
}

// MediaRecorder gives the segment and its clusters no size; a stream that
// stops inside a block gives the blocks before it, and counts the rest.
TEST(webmStreamEnd, aStreamCutInsideABlockGivesTheBlocksBeforeAndCountsTheRest) {
  const auto bytes = read_bytes(fixture("live_cut.webm"));
  const DecodedAudio file = decode_file(fixture("live_cut.webm"), AudioSettings{});
  const Streamed streamed = stream_in_pieces(bytes, 512, 9);
  ASSERT_EQ(streamed.samples.size(), file.samples.size());
  EXPECT_LT(max_abs_difference(streamed.samples, file.samples), 1e-6f);
  EXPECT_GT(streamed.flaws.partial_frame_bytes, 0u);
  EXPECT_LT(streamed.flaws.partial_frame_bytes, bytes.size() / 4);
}

TEST(webmStreamErrors, refusesAStreamThatIsNotWebm) {
  expect_stream_refused("speech.wav", StreamContainer::WebM, "not WebM");
}

TEST(webmStreamErrors, refusesACodecItCannotDecodeNamingIt) {
  expect_stream_refused("speech_flac.mka", StreamContainer::WebM, "A_FLAC");
}

TEST(webmStreamErrors, refusesAStreamWithoutAnAudioTrack) {
  expect_stream_refused("subtitles_only.mkv", StreamContainer::WebM, "no audio track");
}

// Random bytes anywhere (sizes, IDs, lacing, Opus packets): every push gives
// samples or a clean Error, never a crash or another exception.
TEST(webmStreamErrors, survivesCorruptedBytesAnywhere) {
  std::mt19937 random(13);
  for (const std::string name : {"speech.webm", "speech_vorbis.mka"})
    expect_stream_survives_overwrites(name, StreamContainer::WebM, random, 200);
}

}  // namespace
}  // namespace facecast::audio::test
