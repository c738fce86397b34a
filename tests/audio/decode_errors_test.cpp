// Broken input gets a facecast::Error that names the problem, never a crash.
#include <gtest/gtest.h>

#include <malloc.h>

#include <random>

#include "audio/decode.h"
#include "audio_test_support.h"

namespace facecast::audio::test {
namespace {

void expect_file_error(const std::string& name, ErrorCode code, const std::string& words,
                       const AudioSettings& settings = {}) {
  SCOPED_TRACE(name);
  expect_error([&] { decode_file(fixture(name), settings); }, code, words);
  // The same bytes in memory fail the same way (a missing file has no bytes).
  if (code != ErrorCode::NotFound) {
    const auto bytes = read_bytes(fixture(name));
    expect_error([&] { decode_memory(bytes, settings); }, code, words);
  }
}

TEST(decodeAudio, rejectsMissingFile) {
  expect_file_error("no_such_file.wav", ErrorCode::NotFound, "not found");
}

TEST(decodeAudio, rejectsDirectory) {
  expect_error([] { decode_file(FACECAST_FIXTURE_DIR, AudioSettings{}); }, ErrorCode::NotFound,
               "not a regular file");
}

TEST(decodeAudio, rejectsEmptyFile) { expect_file_error("empty.wav", ErrorCode::EmptyAudio, "empty"); }

TEST(decodeAudio, rejectsTextRenamedToWav) {
  expect_file_error("not_audio.wav", ErrorCode::UnsupportedFormat, "not a recognised audio file");
}

TEST(decodeAudio, rejectsTruncatedWavHeader) {
  expect_file_error("truncated_header.wav", ErrorCode::CorruptAudio, "truncated WAV header");
}

TEST(decodeAudio, rejectsTruncatedWavData) {
  expect_file_error("truncated_data.wav", ErrorCode::CorruptAudio, "truncated WAV");
}

TEST(decodeAudio, rejectsWavHeaderWithoutItsData) {
  expect_file_error("header_only.wav", ErrorCode::CorruptAudio, "but only 0 are present");
}

TEST(decodeAudio, rejectsTruncatedFlac) {
  expect_file_error("truncated.flac", ErrorCode::CorruptAudio, "truncated or damaged flac");
}

TEST(decodeAudio, rejectsTruncatedMp3WithLengthTag) {
  expect_file_error("truncated.mp3", ErrorCode::CorruptAudio, "truncated or damaged mp3");
}

TEST(decodeAudio, rejectsTruncatedWave64Rf64AndWavWithALargeChunkBeforeItsData) {
  // libsndfile decodes each cut file's first half without a word.
  for (const char* name : {"truncated_speech.w64", "truncated_speech.rf64.wav", "truncated_speech_big_list.wav"})
    expect_file_error(name, ErrorCode::CorruptAudio, "truncated WAV: the header declares 141334 bytes");
}

// libmpg123's layer II decoder prints to stderr on some damaged headers
// whatever MPG123_QUIET says: no layer I/II frame reaches it.
TEST(decodeAudio, rejectsMpegLayerIIAudioNamedMp3) {
  expect_file_error("layer2.mp3", ErrorCode::UnsupportedFormat, "MPEG layer II audio (MP2) is not supported");
}

TEST(decodeAudio, rejectsALayerIIFrameInsideAnMp3Stream) {
  expect_file_error("layer2_after_layer3.mp3", ErrorCode::CorruptAudio,
                    "damaged mp3 data after 3.265 s (an MPEG layer II frame inside the MP3 stream)");
}

TEST(decodeAudio, rejectsTruncatedMp3BehindALargeId3Tag) {
  // The length tag of the first frame lies past the first 64 KiB (read as such).
  expect_file_error("truncated_big_id3.mp3", ErrorCode::CorruptAudio, "truncated or damaged mp3");
}

TEST(decodeAudio, rejectsTruncatedOggVorbis) {
  expect_file_error("truncated.ogg", ErrorCode::CorruptAudio, "truncated Ogg");
}

TEST(decodeAudio, rejectsOggCutInsideItsEndOfStreamPage) {
  // The last page's header (end-of-stream flag set) survives; its data does not.
  expect_file_error("truncated_last_page.ogg", ErrorCode::CorruptAudio, "truncated Ogg");
  expect_file_error("truncated_last_page.opus", ErrorCode::CorruptAudio, "truncated Ogg");
}

TEST(decodeAudio, rejectsOggVorbisWithADamagedHeaderPage) {
  expect_file_error("damaged_header.ogg", ErrorCode::CorruptAudio, "damaged or truncated OGG header");
}

TEST(decodeAudio, aDamagedOggVorbisHeaderLeaksNothing) {
  // libsndfile 1.2.0 kept 5.8 KB of every Vorbis header it refused: 200 of them grew
  // the heap by 1.1 MB. A few KB of slack for the allocator's own bookkeeping.
  const auto bytes = read_bytes(fixture("damaged_header.ogg"));
  const auto attempt = [&] {
    try {
      decode_memory(bytes, AudioSettings{});
    } catch (const Error&) {
    }
  };
  attempt();  // first-use allocations (locale, error strings) happen once
  const std::size_t before = mallinfo2().uordblks;
  for (int i = 0; i < 200; ++i) attempt();
  EXPECT_LT(mallinfo2().uordblks, before + 64 * 1024);
}

TEST(decodeAudio, rejectsTruncatedOpus) {
  expect_file_error("truncated.opus", ErrorCode::CorruptAudio, "truncated Ogg");
}

TEST(decodeAudio, rejectsZeroDuration) {
  expect_file_error("zero_frames.wav", ErrorCode::EmptyAudio, "zero duration");
}

TEST(decodeAudio, rejectsLessThanOneSampleAt16kHz) {
  // It decoded to no samples and an animation of no frames, reported as success.
  expect_file_error("one_sample_44100.wav", ErrorCode::EmptyAudio, "too short");
}

TEST(decodeAudio, rejectsNaNSamples) {
  expect_file_error("nan.wav", ErrorCode::InvalidSamples, "NaN sample at 1.602 s");
}

TEST(decodeAudio, rejectsInfiniteSamples) {
  expect_file_error("inf.wav", ErrorCode::InvalidSamples, "infinite sample");
}

// libsndfile reads a 64-bit 1e39 as a float +Inf: it is not called infinite.
TEST(decodeAudio, rejectsA64BitSampleBeyondFloatRangeWithoutCallingItInfinite) {
  expect_file_error("beyond_float.wav", ErrorCode::InvalidSamples,
                    "infinite or out-of-range (beyond ±3.4e38) sample at 1.602 s");
}

TEST(decodeAudio, rejectsAudioLongerThanDefaultLimit) {
  expect_file_error("long.wav", ErrorCode::AudioTooLong, "660.000 s long; the limit is 600 s");
}

TEST(decodeAudio, rejectsAudioLongerThanConfiguredLimit) {
  AudioSettings settings;
  settings.max_duration_s = 3;
  expect_file_error("speech.wav", ErrorCode::AudioTooLong, "the limit is 3 s", settings);
  expect_file_error("speech.ogg", ErrorCode::AudioTooLong, "the limit is 3 s", settings);
  settings.max_duration_s = 3.3;
  EXPECT_NO_THROW(decode_file(fixture("speech.wav"), settings));
}

TEST(decodeAudio, refusesTooLongFromHeaderBeforeReadingSamples) {
  // nan.wav has a NaN at 1.6 s: reading samples would report it. Refusing on
  // the header's length alone gives AudioTooLong instead, at no decoding cost.
  AudioSettings settings;
  settings.max_duration_s = 1;
  expect_file_error("nan.wav", ErrorCode::AudioTooLong, "3.205 s long; the limit is 1 s", settings);
}

TEST(decodeAudio, aLengthJustOverTheLimitDoesNotReadAsTheLimit) {
  AudioSettings settings;
  settings.max_duration_s = 3.2;  // speech.wav lasts 3.204875 s
  expect_file_error("speech.wav", ErrorCode::AudioTooLong, "3.205 s long; the limit is 3.2 s", settings);
}

TEST(decodeAudio, rejectsSampleRateOutsideRange) {
  expect_file_error("speech_4000.wav", ErrorCode::UnsupportedFormat,
                    "sample rate 4000 Hz is not supported (accepted: 8000 to 96000 Hz)");
}

TEST(decodeAudio, rejectsMoreThanEightChannels) {
  expect_file_error("speech_9ch.wav", ErrorCode::UnsupportedFormat,
                    "9 channels are not supported (accepted: 1 to 8)");
}

TEST(decodeAudio, rejectsM4aNamingAcceptedFormats) {
  expect_file_error("header_only.m4a", ErrorCode::UnsupportedFormat,
                    "MP4/M4A (AAC) audio is not supported; send WAV, MP3, FLAC, OGG Vorbis, Opus or WebM");
}

// libsndfile calls it "Malformed 'fmt ' chunk": the message said "damaged or truncated WAV header".
TEST(decodeAudio, rejectsAWavCodecItCannotDecodeNamingTheFormatTag) {
  expect_file_error("aac_tag.wav", ErrorCode::UnsupportedFormat,
                    "WAV file uses an encoding we cannot decode (format tag 0x00FF)");
}

TEST(decodeAudio, rejectsAdtsAac) {
  expect_file_error("header_only.aac", ErrorCode::UnsupportedFormat, "AAC audio is not supported");
}

TEST(decodeAudio, rejectsTruncatedWebm) {
  expect_file_error("truncated.webm", ErrorCode::CorruptAudio,
                    "truncated WebM/Matroska file: its segment declares");
}

TEST(decodeAudio, rejectsAWebmFileCutInsideItsEbmlHeader) {
  expect_file_error("header_only.webm", ErrorCode::CorruptAudio, "damaged WebM/Matroska file: no whole EBML header");
}

TEST(decodeAudio, rejectsMatroskaAudioInACodecItCannotDecodeNamingTheCodec) {
  expect_file_error("speech_flac.mka", ErrorCode::UnsupportedFormat,
                    "WebM/Matroska audio in the codec A_FLAC is not supported (Opus and Vorbis are)");
}

TEST(decodeAudio, rejectsMatroskaWithoutAnAudioTrack) {
  expect_file_error("subtitles_only.mkv", ErrorCode::UnsupportedFormat, "the WebM/Matroska file has no audio track");
}

TEST(decodeAudio, fileErrorsNameThePath) {
  expect_error([] { decode_file(fixture("truncated_data.wav"), AudioSettings{}); },
               ErrorCode::CorruptAudio, "truncated_data.wav: ");
}

TEST(decodeAudio, rejectsEmptyMemory) {
  expect_error([] { decode_memory({}, AudioSettings{}); }, ErrorCode::EmptyAudio, "0 bytes");
}

// Every prefix of a real file must fail cleanly or decode: no crash, no hang.
TEST(decodeAudio, survivesEveryCutOfEachFormat) {
  for (const std::string name :
       {"speech.wav", "speech.flac", "speech.mp3", "speech.ogg", "speech.opus", "speech.webm", "speech_vorbis.mka"}) {
    const auto bytes = read_bytes(fixture(name));
    for (std::size_t cut = 1; cut < bytes.size(); cut += 1 + cut / 2) {
      SCOPED_TRACE(name + " cut at " + std::to_string(cut));
      try {
        decode_memory(std::span(bytes).first(cut), AudioSettings{});
      } catch (const Error& error) {
        const ErrorCode code = error.code();
        EXPECT_TRUE(code == ErrorCode::CorruptAudio || code == ErrorCode::UnsupportedFormat ||
                    code == ErrorCode::EmptyAudio)
            << code_name(code) << ": " << error.what();
      }
    }
  }
}

// Overwrites `bytes_per_trial` random bytes among the first `within` bytes of
// the file (all of it when 0), `trials` times: each decode must give success
// or a clean error.
void expect_survives_overwrites(const std::string& name, std::mt19937& random, int trials, int bytes_per_trial,
                                std::size_t within = 0) {
  const auto original = read_bytes(fixture(name));
  if (within == 0) within = original.size();
  for (int trial = 0; trial < trials; ++trial) {
    auto bytes = original;
    for (int k = 0; k < bytes_per_trial; ++k) bytes[random() % within] = static_cast<std::byte>(random());
    SCOPED_TRACE(name + " trial " + std::to_string(trial));
    try {
      const DecodedAudio audio = decode_memory(bytes, AudioSettings{});
      EXPECT_LE(audio.duration(), AudioSettings{}.max_duration_s);
    } catch (const Error& error) {
      EXPECT_NE(error.code(), ErrorCode::Internal) << error.what();
    }
  }
}

// Random bytes written over each header (where a parser is most easily
// misled: sizes, rates, channel counts) must give success or a clean error.
TEST(decodeAudio, survivesCorruptedHeaders) {
  std::mt19937 random(7);
  for (const std::string name : {"speech.wav", "speech_f32.wav", "speech.flac", "speech.mp3",
                                 "speech.ogg", "speech.opus", "speech.webm", "speech_vorbis.mka"})
    expect_survives_overwrites(name, random, 60, 3, 128);
}

// WebM's headers lie past the first 128 bytes (a 4 KB Void before the tracks),
// and its blocks carry lacing sizes of their own: bytes anywhere are fair game.
TEST(decodeAudio, survivesCorruptedBytesAnywhereInAWebmFile) {
  std::mt19937 random(11);
  for (const std::string name : {"speech.webm", "speech_stereo.webm", "speech_vorbis.mka"})
    expect_survives_overwrites(name, random, 200, 4);
}

}  // namespace
}  // namespace facecast::audio::test
