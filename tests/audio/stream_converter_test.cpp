// Live conversion: chunks of any size give what one-shot decoding gives.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <cstdlib>
#include <new>
#include <random>

#include "audio/decode.h"
#include "audio_test_support.h"

// Counts C++ heap allocations in this test program, to show the live path
// makes none per chunk (libsoxr, in C, sets its buffers up at creation).
// GCC cannot see that the replaced new and delete below pair malloc and free.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
namespace {
std::atomic<long> allocations{0};
}
void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace facecast::audio::test {
namespace {

std::vector<float> convert_in_chunks(std::span<const std::byte> bytes, const RawFormat& format,
                                     const std::function<std::size_t()>& next_chunk_size) {
  StreamConverter converter(format);
  std::vector<float> out;
  for (std::size_t at = 0; at < bytes.size();) {
    const std::size_t n = std::min(next_chunk_size(), bytes.size() - at);
    converter.push(bytes.subspan(at, n), out);
    at += n;
  }
  converter.finish(out);
  return out;
}

struct StreamCase {
  std::string file;
  RawFormat format;
};

class streamConverter : public ::testing::TestWithParam<StreamCase> {};

TEST_P(streamConverter, randomChunksEqualOneShotDecode) {
  const auto bytes = read_bytes(fixture(GetParam().file));
  const RawFormat format = GetParam().format;
  const DecodedAudio one_shot = decode_raw(bytes, format, AudioSettings{});
  std::mt19937 random(42);
  std::uniform_int_distribution<std::size_t> size(1, 5000);
  const auto streamed = convert_in_chunks(bytes, format, [&] { return size(random); });
  ASSERT_EQ(streamed.size(), one_shot.samples.size());
  EXPECT_LT(max_abs_difference(streamed, one_shot.samples), 1e-6f);
}

TEST_P(streamConverter, oneByteChunksEqualOneShotDecode) {
  const auto bytes = read_bytes(fixture(GetParam().file));
  const RawFormat format = GetParam().format;
  const DecodedAudio one_shot = decode_raw(bytes, format, AudioSettings{});
  const auto streamed = convert_in_chunks(bytes, format, [] { return std::size_t{1}; });
  ASSERT_EQ(streamed.size(), one_shot.samples.size());
  EXPECT_LT(max_abs_difference(streamed, one_shot.samples), 1e-6f);
}

INSTANTIATE_TEST_SUITE_P(
    rawFormats, streamConverter,
    ::testing::Values(StreamCase{"speech_s16le_44100_2ch.raw", {PcmEncoding::S16LE, 44100, 2}},
                      StreamCase{"speech_f32le_44100_2ch.raw", {PcmEncoding::F32LE, 44100, 2}},
                      // Read as 16 kHz mono: no resampling, bytes straight through.
                      StreamCase{"speech_s16le_44100_2ch.raw", {PcmEncoding::S16LE, 16000, 1}}),
    [](const auto& info) {
      const RawFormat& f = info.param.format;
      return std::string(f.encoding == PcmEncoding::S16LE ? "s16le_" : "f32le_") +
             std::to_string(f.sample_rate) + "Hz_" + std::to_string(f.channels) + "ch";
    });

// A voice 18 dB too loud, clipped: its peaks are restored the same wherever
// the chunks end. Declipping each chunk alone left every clipped run near a
// chunk's edge flat (20 ms chunks: 18 % of a clipped clip's samples differed).
TEST(streamConverter, declipsAlikeInAnyChunks) {
  auto bytes = read_bytes(fixture("speech_s16le_44100_2ch.raw"));
  std::size_t at_full_scale = 0;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    int16_t v;
    std::memcpy(&v, &bytes[i], 2);
    const int louder = std::clamp(v * 8, -32768, 32767);
    at_full_scale += louder == 32767 || louder == -32768;
    v = static_cast<int16_t>(louder);
    std::memcpy(&bytes[i], &v, 2);
  }
  ASSERT_GT(at_full_scale, 2000u);  // the clip is clipped
  const RawFormat format{PcmEncoding::S16LE, 44100, 2};
  const DecodedAudio one_shot = decode_raw(bytes, format, AudioSettings{});
  for (std::size_t chunk : {std::size_t{3528}, std::size_t{1}, std::size_t{4099}}) {  // 20 ms; odd sizes
    const auto streamed = convert_in_chunks(bytes, format, [chunk] { return chunk; });
    ASSERT_EQ(streamed.size(), one_shot.samples.size()) << chunk;
    EXPECT_LT(max_abs_difference(streamed, one_shot.samples), 1e-6f) << chunk;
  }
}

// The live path turns an inverted channel back as files do, whatever the chunks.
TEST(streamConverter, turnsBackAChannelWithInvertedPolarityInAnyChunks) {
  const DecodedAudio file = decode_file(fixture("speech_stereo_inverted.wav"), AudioSettings{});
  auto bytes = read_bytes(fixture("speech_s16le_44100_2ch.raw"));
  auto* samples = reinterpret_cast<int16_t*>(bytes.data());
  for (std::size_t i = 1; i < bytes.size() / 2; i += 2) samples[i] = static_cast<int16_t>(-std::max<int>(samples[i], -32767));
  const RawFormat format{PcmEncoding::S16LE, 44100, 2};
  const DecodedAudio one_shot = decode_raw(bytes, format, AudioSettings{});
  EXPECT_NEAR(rms(one_shot.samples), rms(file.samples), 0.02 * rms(file.samples));
  std::mt19937 random(7);
  std::uniform_int_distribution<std::size_t> size(1, 3000);
  const auto streamed = convert_in_chunks(bytes, format, [&] { return size(random); });
  ASSERT_EQ(streamed.size(), one_shot.samples.size());
  EXPECT_LT(max_abs_difference(streamed, one_shot.samples), 1e-6f);
}

TEST(streamConverter, outputGrowsAsChunksArrive) {
  // Live use: output must not wait for finish().
  const auto bytes = read_bytes(fixture("speech_s16le_44100_2ch.raw"));
  StreamConverter converter(RawFormat{PcmEncoding::S16LE, 44100, 2});
  std::vector<float> out;
  converter.push(std::span(bytes).first(44100 * 4), out);  // one second
  EXPECT_GT(out.size(), 15000u);
  EXPECT_LE(out.size(), 16000u);
}

TEST(streamConverter, allocatesNothingPerChunk) {
  const auto bytes = read_bytes(fixture("speech_s16le_44100_2ch.raw"));
  StreamConverter converter(RawFormat{PcmEncoding::S16LE, 44100, 2});
  std::vector<float> out;
  out.reserve(bytes.size());  // room enough: growing `out` is the caller's cost
  const long before = allocations.load();
  for (std::size_t at = 0; at + 1763 <= bytes.size(); at += 1763) {  // odd size: splits samples
    converter.push(std::span(bytes).subspan(at, 1763), out);
  }
  EXPECT_EQ(allocations.load() - before, 0);
  EXPECT_GT(out.size(), 40000u);
}

// MediaRecorder's WebM: once the track list has set the decoder up, its blocks
// (SimpleBlocks of Opus) are read, decoded and resampled in buffers kept from
// the first pieces on.
TEST(streamConverter, webmPiecesAllocateNothingOnceItsDecoderIsSetUp) {
  const auto bytes = read_bytes(fixture("speech.webm"));
  StreamFormat format;
  format.container = StreamContainer::WebM;
  StreamConverter converter(format);
  std::vector<float> out;
  out.reserve(4 * bytes.size());  // room enough: growing `out` is the caller's cost
  const std::size_t warm = bytes.size() / 2;
  converter.push(std::span(bytes).first(warm), out);
  ASSERT_GT(out.size(), 0u);
  const long before = allocations.load();
  // Up to the last block, which mkvmerge writes as a BlockGroup (for its
  // DiscardPadding; MediaRecorder writes none): its children are read through
  // an EbmlInput, which allocates.
  const std::size_t last_block_group = bytes.size() - 200;
  for (std::size_t at = warm; at + 501 <= last_block_group; at += 501)  // odd size: splits elements
    converter.push(std::span(bytes).subspan(at, 501), out);
  EXPECT_EQ(allocations.load() - before, 0);
  EXPECT_GT(out.size(), 40000u);
}

TEST(streamConverter, replacesNonFiniteSamplesWithZero) {
  std::vector<float> samples(1600, 0.25f);
  std::vector<float> zeroed = samples;  // what the stream must have heard instead
  for (const std::size_t i : {10, 20, 30}) zeroed[i] = 0.0f;
  samples[10] = std::nanf("");
  samples[20] = INFINITY;
  samples[30] = -INFINITY;
  auto convert = [](const std::vector<float>& in) {
    StreamConverter converter(RawFormat{PcmEncoding::F32LE, 16000, 1});
    std::vector<float> out;
    converter.push(std::as_bytes(std::span(in)), out);
    converter.finish(out);
    return out;
  };
  const auto out = convert(samples);
  ASSERT_EQ(out.size(), samples.size());
  for (float x : out) ASSERT_TRUE(std::isfinite(x));
  EXPECT_EQ(out, convert(zeroed));
}

TEST(streamConverter, countsWhatItMendedForTheEndOfTheStream) {
  std::vector<float> samples(1600, 0.25f);
  samples[10] = std::nanf("");
  samples[20] = INFINITY;
  StreamConverter converter(RawFormat{PcmEncoding::F32LE, 16000, 2});
  std::vector<float> out;
  const auto bytes = std::as_bytes(std::span(samples));
  converter.push(bytes.first(3001), out);  // splits a frame: its bytes wait for the next chunk
  converter.push(bytes.subspan(3001, 3000), out);
  EXPECT_EQ(converter.flaws().non_finite_samples, 2u);
  EXPECT_EQ(converter.flaws().partial_frame_bytes, 0u);
  converter.finish(out);  // 6001 bytes: 750 frames of 8 bytes and 1 byte over
  EXPECT_EQ(converter.flaws().partial_frame_bytes, 1u);
}

TEST(streamConverter, rejectsBadFormatAtConstruction) {
  expect_error([] { StreamConverter(RawFormat{PcmEncoding::S16LE, 4000, 1}); }, ErrorCode::InvalidArgument,
               "sample rate 4000 Hz");
  expect_error([] { StreamConverter(RawFormat{PcmEncoding::S16LE, 16000, 9}); }, ErrorCode::InvalidArgument,
               "9 channels");
}

TEST(streamConverter, canStartANewStreamAfterFinish) {
  const auto bytes = read_bytes(fixture("speech_s16le_44100_2ch.raw"));
  StreamConverter converter(RawFormat{PcmEncoding::S16LE, 44100, 2});
  std::vector<float> first, second;
  converter.push(bytes, first);
  converter.finish(first);
  converter.push(bytes, second);
  converter.finish(second);
  ASSERT_EQ(first.size(), second.size());
  EXPECT_LT(max_abs_difference(first, second), 1e-6f);
}

}  // namespace
}  // namespace facecast::audio::test
