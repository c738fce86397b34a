// Real recordings (Debian's pocketsphinx-testdata) and concurrent use, as the
// batch CLI and the server will decode.
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "audio/decode.h"
#include "audio_test_support.h"

namespace facecast::audio::test {
namespace {

TEST(decodeAudio, decodesRealRecordedSpeech) {
  const std::string path = facecast::testing::pocketsphinx_testdata(
      "librivox/sense_and_sensibility_01_austen_64kb-0880.wav");
  ASSERT_TRUE(std::filesystem::exists(path)) << "install pocketsphinx-testdata";
  const DecodedAudio audio = decode_file(path, AudioSettings{});
  EXPECT_EQ(audio.source_rate, 16000);
  // 16 kHz input passes through: one sample per frame of the file.
  EXPECT_EQ(audio.samples.size(), (std::filesystem::file_size(path) - 44) / 2);
  EXPECT_GT(rms(audio.samples), 0.01);
}

TEST(decodeAudio, concurrentDecodesMatchSerialOnes) {
  const std::vector<std::string> names = {"speech.mp3", "speech.ogg",      "speech.opus",
                                          "speech.flac", "truncated.flac", "not_audio.wav",
                                          "speech_44100.wav", "truncated_header.wav"};
  auto outcome = [](const std::string& name) {
    try {
      return decode_file(fixture(name), AudioSettings{}).samples;
    } catch (const Error& error) {
      return std::vector<float>{static_cast<float>(error.code())};
    }
  };
  std::vector<std::vector<float>> serial;
  for (const auto& name : names) serial.push_back(outcome(name));
  std::vector<std::vector<float>> parallel(names.size());
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 2; ++t) {
      threads.emplace_back([&, t] {
        for (std::size_t i = t; i < names.size(); i += 2) parallel[i] = outcome(names[i]);
      });
    }
  }
  for (std::size_t i = 0; i < names.size(); ++i) EXPECT_EQ(parallel[i], serial[i]) << names[i];
}

}  // namespace
}  // namespace facecast::audio::test
