// Every format, bit depth, rate and channel count decodes to the same 16 kHz
// mono speech, with the right length and source description.
#include <gtest/gtest.h>

#include <algorithm>

#include "audio/decode.h"
#include "audio_test_support.h"

namespace facecast::audio::test {
namespace {

struct FormatCase {
  std::string file;
  std::string format;
  int rate;
  int channels;
  // Lossless variants must match speech.wav sample for sample within this;
  // resampled and lossy ones must keep the waveform's shape (correlation).
  float max_difference;
  double min_correlation;
  double duration_tolerance_s = 0.001;
};

void PrintTo(const FormatCase& c, std::ostream* os) { *os << c.file; }

class decodeFile : public ::testing::TestWithParam<FormatCase> {
 protected:
  static const DecodedAudio& reference() {
    static const DecodedAudio audio = decode_file(fixture("speech.wav"), AudioSettings{});
    return audio;
  }
};

TEST_P(decodeFile, givesSixteenKilohertzMonoOfTheRightLengthAndShape) {
  const FormatCase& c = GetParam();
  const DecodedAudio audio = decode_file(fixture(c.file), AudioSettings{});
  EXPECT_EQ(audio.source_format, c.format);
  EXPECT_EQ(audio.source_rate, c.rate);
  EXPECT_EQ(audio.source_channels, c.channels);
  EXPECT_NEAR(audio.duration(), kSpeechSeconds, c.duration_tolerance_s);
  EXPECT_GT(rms(audio.samples), 0.05) << "speech came out (nearly) silent";
  if (c.max_difference > 0) {
    EXPECT_LE(max_abs_difference(audio.samples, reference().samples), c.max_difference);
  }
  EXPECT_GE(correlation(audio.samples, reference().samples), c.min_correlation);
}

INSTANTIATE_TEST_SUITE_P(
    everyFormat, decodeFile,
    ::testing::Values(
        // bit depths: all lossless against the 16-bit original
        FormatCase{"speech_u8.wav", "wav", 22050, 1, 0.02f, 0.999},  // 8-bit: sox dithers
        FormatCase{"speech_s16.wav", "wav", 22050, 1, 1e-6f, 0.999999},
        FormatCase{"speech_s24.wav", "wav", 22050, 1, 1e-6f, 0.999999},
        FormatCase{"speech_s32.wav", "wav", 22050, 1, 1e-6f, 0.999999},
        FormatCase{"speech_f32.wav", "wav", 22050, 1, 1e-6f, 0.999999},
        FormatCase{"speech_f64.wav", "wav", 22050, 1, 1e-6f, 0.999999},
        // the WAV family: Wave64, RF64, a 70 KB LIST chunk before the data
        FormatCase{"speech.w64", "w64", 22050, 1, 1e-6f, 0.999999},
        FormatCase{"speech.rf64.wav", "rf64", 22050, 1, 1e-6f, 0.999999},
        FormatCase{"speech_big_list.wav", "wav", 22050, 1, 1e-6f, 0.999999},
        // channels: the same speech in every channel averages back to it
        FormatCase{"speech_stereo.wav", "wav", 22050, 2, 1e-6f, 0.999999},
        FormatCase{"speech_6ch.wav", "wav", 22050, 6, 1e-6f, 0.999999},
        FormatCase{"speech_8ch.wav", "wav", 22050, 8, 1e-6f, 0.999999},
        // rates: resampled twice (by sox, then by us); 8 kHz loses the top band
        FormatCase{"speech_8000.wav", "wav", 8000, 1, 0, 0.95},
        FormatCase{"speech_11025.wav", "wav", 11025, 1, 0, 0.98},
        FormatCase{"speech_16000.wav", "wav", 16000, 1, 0, 0.999},
        FormatCase{"speech_32000.wav", "wav", 32000, 1, 0, 0.999},
        FormatCase{"speech_44100.wav", "wav", 44100, 1, 0, 0.999},
        FormatCase{"speech_48000.wav", "wav", 48000, 1, 0, 0.999},
        FormatCase{"speech_96000.wav", "wav", 96000, 1, 0, 0.999},
        // compressed
        FormatCase{"speech.flac", "flac", 22050, 1, 1e-6f, 0.999999},
        FormatCase{"speech.mp3", "mp3", 22050, 1, 0, 0.9},
        FormatCase{"speech_stereo.mp3", "mp3", 44100, 2, 0, 0.9},
        FormatCase{"big_id3.mp3", "mp3", 22050, 1, 0, 0.9},  // behind a 100 KB ID3 tag
        FormatCase{"speech.ogg", "ogg", 22050, 1, 0, 0.9},
        FormatCase{"speech.opus", "opus", 24000, 1, 0, 0.8},
        // WebM/Matroska: the same Opus (decoded at 48 kHz) and Vorbis streams
        FormatCase{"speech.webm", "webm", 48000, 1, 0, 0.8},
        FormatCase{"speech_stereo.webm", "webm", 48000, 2, 0, 0.8},
        // Matroska keeps no end trim for Vorbis (Ogg's last granule position
        // gives one): the encoder's padding in the last block, 5 ms, stays.
        FormatCase{"speech_vorbis.mka", "webm", 22050, 1, 0, 0.9, 0.010},
        // not advertised, but libsndfile reads them and so do we
        FormatCase{"speech.aiff", "aiff", 22050, 1, 1e-6f, 0.999999},
        FormatCase{"speech.au", "au", 22050, 1, 1e-6f, 0.999999}),
    [](const auto& info) {
      std::string name = info.param.file;
      for (char& ch : name) if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      return name;
    });

TEST(decodeAudio, wavWithStreamingPlaceholderSizeDecodesToEndOfFile) {
  // espeak-ng --stdout cannot seek back, so its data size says 0x7FFFF000.
  const DecodedAudio streamed = decode_file(fixture("speech_streamed.wav"), AudioSettings{});
  const DecodedAudio whole = decode_file(fixture("speech.wav"), AudioSettings{});
  EXPECT_EQ(streamed.samples, whole.samples);
}

// A recording written live states no sizes, so a cut one cannot be told from
// a shorter one: the whole blocks before the cut are its audio.
TEST(decodeAudio, aLiveWrittenWebmCutInsideABlockGivesTheAudioBeforeTheCut) {
  const DecodedAudio cut = decode_file(fixture("live_cut.webm"), AudioSettings{});
  const DecodedAudio whole = decode_file(fixture("speech.webm"), AudioSettings{});
  EXPECT_EQ(cut.source_format, "webm");
  EXPECT_GT(cut.duration(), 1.0);
  EXPECT_LT(cut.duration(), whole.duration() - 0.5);
  ASSERT_GT(cut.samples.size(), 8000u);
  // The same stream up to the cut: the first half second is the same audio.
  EXPECT_TRUE(std::equal(cut.samples.begin(), cut.samples.begin() + 8000, whole.samples.begin()));
}

TEST(decodeAudio, mp3WithoutLengthTagDecodesEverything) {
  // lame -t writes no Xing tag: libsndfile only estimates the length, and the
  // encoder's delay and padding stay in (about 50 ms more than the source).
  const DecodedAudio audio = decode_file(fixture("speech_notag.mp3"), AudioSettings{});
  EXPECT_EQ(audio.source_format, "mp3");
  EXPECT_GE(audio.duration(), kSpeechSeconds);
  EXPECT_LT(audio.duration(), kSpeechSeconds + 0.1);
}

TEST(decodeAudio, keepsExactLengthOfKnownTone) {
  // 2.5 s at 48 kHz is exactly 40000 samples at 16 kHz; allow 1 ms.
  const DecodedAudio audio = decode_file(fixture("tone_2500ms_48000.wav"), AudioSettings{});
  EXPECT_NEAR(static_cast<double>(audio.samples.size()), 40000.0, kSamplesPerMs);
  EXPECT_DOUBLE_EQ(audio.duration(), audio.samples.size() / 16000.0);
}

TEST(decodeAudio, silenceIsNotAnError) {
  const DecodedAudio audio = decode_file(fixture("silence.wav"), AudioSettings{});
  EXPECT_EQ(audio.samples.size(), 32000u);
  EXPECT_EQ(rms(audio.samples), 0.0);
}

TEST(decodeAudio, sixteenKilohertzMonoPassesThroughUnchanged) {
  const DecodedAudio audio = decode_file(fixture("speech_16000.wav"), AudioSettings{});
  const auto bytes = read_bytes(fixture("speech_16000.wav"));
  const DecodedAudio raw = decode_raw(std::span(bytes).subspan(bytes.size() - 2 * audio.samples.size()),
                                      RawFormat{PcmEncoding::S16LE, 16000, 1}, AudioSettings{});
  EXPECT_EQ(audio.samples, raw.samples);
}

}  // namespace
}  // namespace facecast::audio::test
