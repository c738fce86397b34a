// Headerless PCM: decoded like the equivalent WAV, and its stated format checked.
#include <gtest/gtest.h>

#include "audio/decode.h"
#include "audio_test_support.h"

namespace facecast::audio::test {
namespace {

TEST(decodeRaw, s16leEqualsTheSameWav) {
  const DecodedAudio wav = decode_file(fixture("speech_stereo_44100.wav"), AudioSettings{});
  const auto bytes = read_bytes(fixture("speech_s16le_44100_2ch.raw"));
  const DecodedAudio raw = decode_raw(bytes, {PcmEncoding::S16LE, 44100, 2}, AudioSettings{});
  EXPECT_EQ(raw.source_format, "pcm_s16le");
  EXPECT_EQ(raw.source_rate, 44100);
  EXPECT_EQ(raw.source_channels, 2);
  EXPECT_EQ(raw.samples, wav.samples);
}

TEST(decodeRaw, f32leMatchesTheSameSpeech) {
  const DecodedAudio wav = decode_file(fixture("speech_stereo_44100.wav"), AudioSettings{});
  const auto bytes = read_bytes(fixture("speech_f32le_44100_2ch.raw"));
  const DecodedAudio raw = decode_raw(bytes, {PcmEncoding::F32LE, 44100, 2}, AudioSettings{});
  EXPECT_EQ(raw.source_format, "pcm_f32le");
  ASSERT_EQ(raw.samples.size(), wav.samples.size());
  EXPECT_LT(max_abs_difference(raw.samples, wav.samples), 1e-4f);
  EXPECT_NEAR(raw.duration(), kSpeechSeconds, 0.001);
}

TEST(decodeRaw, rejectsRateOutsideRange) {
  const std::vector<std::byte> bytes(100);
  expect_error([&] { decode_raw(bytes, {PcmEncoding::S16LE, 7999, 1}, AudioSettings{}); },
               ErrorCode::InvalidArgument, "sample rate 7999 Hz");
  expect_error([&] { decode_raw(bytes, {PcmEncoding::S16LE, 96001, 1}, AudioSettings{}); },
               ErrorCode::InvalidArgument, "8000 to 96000 Hz");
}

TEST(decodeRaw, rejectsChannelCountOutsideRange) {
  const std::vector<std::byte> bytes(100);
  expect_error([&] { decode_raw(bytes, {PcmEncoding::S16LE, 16000, 0}, AudioSettings{}); },
               ErrorCode::InvalidArgument, "0 channels");
  expect_error([&] { decode_raw(bytes, {PcmEncoding::F32LE, 16000, 9}, AudioSettings{}); },
               ErrorCode::InvalidArgument, "1 to 8");
}

TEST(decodeRaw, rejectsPartialFrame) {
  const std::vector<std::byte> bytes(1001);
  expect_error([&] { decode_raw(bytes, {PcmEncoding::S16LE, 16000, 2}, AudioSettings{}); },
               ErrorCode::CorruptAudio, "not a whole number of 4-byte frames");
}

TEST(decodeRaw, rejectsEmptyInput) {
  expect_error([] { decode_raw({}, {PcmEncoding::S16LE, 16000, 1}, AudioSettings{}); },
               ErrorCode::EmptyAudio, "0 bytes");
}

TEST(decodeRaw, rejectsNaN) {
  std::vector<float> samples(1000, 0.1f);
  samples[500] = std::nanf("");
  const auto bytes = std::as_bytes(std::span(samples));
  expect_error([&] { decode_raw(bytes, {PcmEncoding::F32LE, 8000, 1}, AudioSettings{}); },
               ErrorCode::InvalidSamples, "NaN sample at 0.062 s");
}

TEST(decodeRaw, rejectsTooLongBeforeConverting) {
  AudioSettings settings;
  settings.max_duration_s = 1;
  const std::vector<std::byte> bytes(2 * 16001);
  expect_error([&] { decode_raw(bytes, {PcmEncoding::S16LE, 16000, 1}, settings); },
               ErrorCode::AudioTooLong, "the limit is 1 s");
}

}  // namespace
}  // namespace facecast::audio::test
