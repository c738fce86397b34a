// Decoding bytes in memory gives exactly what decoding the file gives.
#include <gtest/gtest.h>

#include "audio/decode.h"
#include "audio_test_support.h"

namespace facecast::audio::test {
namespace {

class decodeMemory : public ::testing::TestWithParam<std::string> {};

TEST_P(decodeMemory, equalsFileDecode) {
  const DecodedAudio from_file = decode_file(fixture(GetParam()), AudioSettings{});
  const auto bytes = read_bytes(fixture(GetParam()));
  const DecodedAudio from_memory = decode_memory(bytes, AudioSettings{});
  EXPECT_EQ(from_memory.source_format, from_file.source_format);
  EXPECT_EQ(from_memory.source_rate, from_file.source_rate);
  EXPECT_EQ(from_memory.source_channels, from_file.source_channels);
  EXPECT_EQ(from_memory.samples, from_file.samples);
}

INSTANTIATE_TEST_SUITE_P(everyContainer, decodeMemory,
                         ::testing::Values("speech_s24.wav", "speech_stereo_44100.wav", "speech.flac",
                                           "speech.mp3", "speech.ogg", "speech.opus", "big_id3.mp3",
                                           "speech_big_list.wav", "speech.rf64.wav", "speech.w64",
                                           "speech.webm", "speech_vorbis.mka"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& ch : name) if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return name;
                         });

// Truncation past the first 64 KiB is seen in memory as on disk (uploads).
TEST(decodeMemory, refusesWhatDecodeFileRefusesForTruncation) {
  for (const char* name : {"truncated_speech_big_list.wav", "truncated_big_id3.mp3", "truncated_last_page.ogg",
                           "truncated.webm"}) {
    const auto bytes = read_bytes(fixture(name));
    try {
      decode_memory(bytes, AudioSettings{});
      ADD_FAILURE() << name << " decoded";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::CorruptAudio) << name << ": " << e.what();
    }
  }
}

}  // namespace
}  // namespace facecast::audio::test
