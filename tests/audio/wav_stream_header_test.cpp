// A WAV header at the start of a live PCM stream (see audio/wav_stream_header.h),
// fed the fixtures' bytes as a pipe delivers them: a few at a time.
#include "audio/wav_stream_header.h"

#include <gtest/gtest.h>

#include <span>

#include "audio/audio_test_support.h"

namespace facecast::audio::test {
namespace {

// Scans `bytes` as if they arrived `step` at a time; the scan's result once it is decided.
WavHeaderScan scan_arriving(const std::vector<std::byte>& bytes, std::size_t step, WavStreamHeader& header) {
  for (std::size_t have = std::min(step, bytes.size());; have = std::min(have + step, bytes.size())) {
    const bool ended = have == bytes.size();
    const WavHeaderScan scan = scan_wav_stream_header(std::span(bytes).first(have), ended, header);
    if (scan != WavHeaderScan::NeedMore) return scan;
    EXPECT_FALSE(ended);
    if (ended) return scan;
  }
}

TEST(scanWavStreamHeader, readsTheFormatAndWhereTheSamplesBeginWhateverTheChunksArrive) {
  const auto bytes = read_bytes(fixture("speech.wav"));
  for (std::size_t step : {1u, 7u, 4096u}) {
    WavStreamHeader header;
    ASSERT_EQ(scan_arriving(bytes, step, header), WavHeaderScan::Found) << step;
    EXPECT_EQ(header.format.sample_rate, 22050);
    EXPECT_EQ(header.format.channels, 1);
    EXPECT_EQ(header.format.encoding, PcmEncoding::S16LE);
    EXPECT_EQ(bytes.size() - header.data_offset, 70667u * 2);  // speech.wav's 70667 frames follow
    ASSERT_TRUE(header.data_bytes.has_value());
    EXPECT_EQ(*header.data_bytes, 70667u * 2);
  }
}

TEST(scanWavStreamHeader, takesFloatStereoAMetadataChunkAndAnUnknownLength) {
  WavStreamHeader header;
  ASSERT_EQ(scan_arriving(read_bytes(fixture("speech_f32.wav")), 100, header), WavHeaderScan::Found);
  EXPECT_EQ(header.format.encoding, PcmEncoding::F32LE);
  ASSERT_EQ(scan_arriving(read_bytes(fixture("speech_stereo.wav")), 100, header), WavHeaderScan::Found);
  EXPECT_EQ(header.format.channels, 2);
  ASSERT_EQ(scan_arriving(read_bytes(fixture("speech_big_list.wav")), 4096, header), WavHeaderScan::Found);
  EXPECT_GT(header.data_offset, 70000u);  // after its 70,000-byte LIST chunk
  ASSERT_EQ(scan_arriving(read_bytes(fixture("speech_streamed.wav")), 100, header), WavHeaderScan::Found);
  EXPECT_FALSE(header.data_bytes.has_value());  // espeak-ng's placeholder: to the end of the stream
}

TEST(scanWavStreamHeader, decidesRawPcmFromTheFirstByteThatIsNotRiff) {
  const std::vector<std::byte> raw = read_bytes(fixture("speech_s16le_44100_2ch.raw"));
  WavStreamHeader header;
  EXPECT_EQ(scan_wav_stream_header(std::span(raw).first(1), false, header), WavHeaderScan::NotWav);
  const std::vector<std::byte> ri = {std::byte{'R'}, std::byte{'I'}};
  EXPECT_EQ(scan_wav_stream_header(ri, false, header), WavHeaderScan::NeedMore);
  EXPECT_EQ(scan_wav_stream_header(ri, true, header), WavHeaderScan::NotWav);  // two bytes of PCM, then the end
}

TEST(scanWavStreamHeader, refusesSamplesAStreamCannotTakeAndAHeaderThatEnds) {
  WavStreamHeader header;
  for (const char* name : {"speech_s24.wav", "speech_u8.wav", "speech_f64.wav"})
    expect_error([&] { scan_arriving(read_bytes(fixture(name)), 4096, header); }, ErrorCode::UnsupportedFormat,
                 "a stream takes 16-bit integer or 32-bit float");
  expect_error([&] { scan_arriving(read_bytes(fixture("truncated_header.wav")), 4096, header); }, ErrorCode::CorruptAudio,
               "ends before its samples");
}

}  // namespace
}  // namespace facecast::audio::test
