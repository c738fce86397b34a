// `facecast live` end to end: raw PCM fixtures in through the real binary, the
// stream's messages out one JSON object per line.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/run_facecast.h"
#include "core/names.h"
#include "support/fixtures.h"

using facecast::testing::expect_one_line_error;
using facecast::testing::fixture;
using facecast::testing::temp_dir;
using facecast::testing::lines_of;
using facecast::testing::run_facecast;
using nlohmann::json;

namespace {

struct LiveOutput {
  json ready;
  std::vector<std::vector<float>> blendshapes;
  bool contiguous = true;
  int frames_lines = 0;
  json end;
};

LiveOutput parse_lines(const std::string& out) {
  LiveOutput r;
  const auto lines = lines_of(out);
  EXPECT_GE(lines.size(), 3u);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    json msg = json::parse(lines[i]);
    const std::string type = msg.value("type", "");
    if (i == 0) {
      EXPECT_EQ(type, "ready");
      r.ready = msg;
    } else if (i + 1 == lines.size()) {
      EXPECT_EQ(type, "end");
      r.end = msg;
    } else {
      EXPECT_EQ(type, "frames");
      ++r.frames_lines;
      if (msg["start"].get<std::size_t>() != r.blendshapes.size()) r.contiguous = false;
      for (const auto& row : msg["blendshapes"]) r.blendshapes.push_back(row.get<std::vector<float>>());
    }
  }
  return r;
}

}  // namespace

TEST(facecastLive, turnsRawPcmOnStdinIntoReadyFramesAndEndLines) {
  auto r = run_facecast({"live", "--sample-rate", "44100", "--channels", "2"}, fixture("speech_s16le_44100_2ch.raw"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  LiveOutput live = parse_lines(r.out);
  EXPECT_EQ(live.ready["sample_rate"], 44100);
  EXPECT_EQ(live.ready["channels"], 2);
  EXPECT_EQ(live.ready["encoding"], "pcm_s16le");
  EXPECT_EQ(live.ready["fps"], 30);
  EXPECT_TRUE(live.contiguous);
  EXPECT_GT(live.frames_lines, 10);  // written as the audio is read, not all at the end
  EXPECT_EQ(live.end["frame_count"], live.blendshapes.size());
  EXPECT_EQ(live.blendshapes.size(), 97u);  // ceil(3.2049 s x 30), as `animate` gives
  for (const auto& row : live.blendshapes) {
    ASSERT_EQ(row.size(), 52u);
    for (float w : row) ASSERT_TRUE(w >= 0 && w <= 1);
  }
}

// s16 PCM read as f32 (a wrong --encoding) holds NaN/Inf patterns and does not
// end on a whole frame: the stream goes on, and says what it mended.
TEST(facecastLive, warnsAtTheEndOfNonFiniteSamplesAndAPartialFrame) {
  const std::string raw = fixture("speech_s16le_44100_2ch.raw");
  std::ifstream in(raw, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string path = temp_dir("live-flaws") + "/odd.raw";
  std::ofstream(path, std::ios::binary) << bytes << "xyz";  // 3 bytes past the last whole frame
  std::size_t non_finite = 0;
  for (std::size_t at = 0; at + 4 <= bytes.size(); at += 4) {
    float x;
    std::memcpy(&x, bytes.data() + at, 4);
    non_finite += std::isfinite(x) ? 0 : 1;
  }
  ASSERT_EQ(bytes.size() % 8, 0u);
  ASSERT_GT(non_finite, 0u);

  auto r = run_facecast({"live", "--sample-rate", "44100", "--channels", "2", "--encoding", "pcm_f32le"}, path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const LiveOutput live = parse_lines(r.out);
  EXPECT_EQ(live.end["non_finite_samples"], non_finite);
  EXPECT_EQ(live.end["partial_frame_bytes"], 3);
  const auto warnings = lines_of(r.err);
  ASSERT_EQ(warnings.size(), 2u) << r.err;
  EXPECT_NE(warnings[0].find(std::to_string(non_finite) + " samples were NaN or infinite"), std::string::npos);
  EXPECT_NE(warnings[0].find("is the input pcm_f32le?"), std::string::npos);
  EXPECT_NE(warnings[1].find("ended 3 byte(s) into a sample frame (2 channel(s) of pcm_f32le)"), std::string::npos);

  // Whole, clean input: no warning, and the end line says so.
  auto clean = run_facecast({"live", "--sample-rate", "44100", "--channels", "2"}, raw);
  EXPECT_TRUE(clean.err.empty()) << clean.err;
  EXPECT_EQ(parse_lines(clean.out).end["non_finite_samples"], 0);
}

TEST(facecastLive, givesFramesCloseToTheOfflinePhoneticResult) {
  auto live_run = run_facecast({"live", fixture("speech_f32le_44100_2ch.raw"), "--sample-rate", "44100", "--channels",
                                "2", "--encoding", "pcm_f32le"});
  ASSERT_EQ(live_run.exit_code, 0) << live_run.err;
  LiveOutput live = parse_lines(live_run.out);
  auto offline_run = run_facecast({"animate", fixture("speech_stereo_44100.wav"), "--mode", "phonetic"});
  ASSERT_EQ(offline_run.exit_code, 0) << offline_run.err;
  json offline = json::parse(offline_run.out)["data"]["blendshapes"];
  ASSERT_EQ(live.blendshapes.size(), offline.size());
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t f = 0; f < offline.size(); ++f)
    for (std::size_t i = 0; i < 52; ++i, ++n) sum += std::abs(live.blendshapes[f][i] - offline[f][i].get<float>());
  EXPECT_LT(sum / n, 0.05);
}

TEST(facecastLive, theSameInputGivesTheSameLines) {
  const std::vector<std::string> args = {"live", "--sample-rate", "44100", "--channels", "2", "--fps", "60"};
  auto first = run_facecast(args, fixture("speech_s16le_44100_2ch.raw"));
  auto second = run_facecast(args, fixture("speech_s16le_44100_2ch.raw"));
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, second.out);
  EXPECT_EQ(parse_lines(first.out).ready["fps"], 60);
}

TEST(facecastLive, silenceOnlyIsARestingFaceNotAnError) {
  const std::string silence = facecast::testing::temp_dir("live-silence") + "/silence.raw";
  std::ofstream(silence, std::ios::binary) << std::string(2 * 16000, '\0');  // 1 s of s16 zeros at 16 kHz
  auto r = run_facecast({"live", silence});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  LiveOutput live = parse_lines(r.out);
  EXPECT_EQ(live.end["frame_count"], 30);
  const auto jaw_open = static_cast<std::size_t>(
      std::find(facecast::kBlendshapeNames.begin(), facecast::kBlendshapeNames.end(), "jawOpen") -
      facecast::kBlendshapeNames.begin());
  ASSERT_LT(jaw_open, 52u);
  for (const auto& row : live.blendshapes) EXPECT_LT(row[jaw_open], 0.02);
}

// arecord and sox write a WAV header to a pipe unless told -t raw: its format is
// used, and its bytes are not taken for samples (speech.wav is 22,050 Hz: read
// as 16 kHz it gave 133 frames, not 97).
TEST(facecastLive, aWavHeaderInTheInputSetsTheFormat) {
  for (const char* name : {"speech.wav", "speech_streamed.wav", "speech_f32.wav", "speech_stereo.wav", "speech_big_list.wav"}) {
    const auto r = run_facecast({"live"}, fixture(name));
    ASSERT_EQ(r.exit_code, 0) << name << ": " << r.err;
    EXPECT_TRUE(r.err.empty()) << name << ": " << r.err;
    const LiveOutput live = parse_lines(r.out);
    const auto offline = run_facecast({"animate", fixture(name), "--mode", "phonetic"});
    ASSERT_EQ(offline.exit_code, 0) << offline.err;
    EXPECT_EQ(live.blendshapes.size(), json::parse(offline.out)["data"]["frame_count"].get<std::size_t>()) << name;
    EXPECT_NE(live.ready["sample_rate"], 16000) << name;  // none of these is 16 kHz
  }
  // A stated format that the header contradicts: the header wins, with a warning.
  const auto stated = run_facecast({"live", "--sample-rate", "44100"}, fixture("speech.wav"));
  ASSERT_EQ(stated.exit_code, 0) << stated.err;
  EXPECT_EQ(parse_lines(stated.out).ready["sample_rate"], 22050);
  EXPECT_NE(stated.err.find("warning: the input begins with a WAV header (22050 Hz"), std::string::npos) << stated.err;
  // Samples a stream cannot take, and a header with no samples after it.
  expect_one_line_error(run_facecast({"live"}, fixture("speech_s24.wav")), 1, "24-bit");
  expect_one_line_error(run_facecast({"live"}, fixture("truncated_header.wav")), 1, "WAV");
}

// WebM or Ogg on the input (ffmpeg's, opusenc's or a recorder's, piped in) is
// known by its header: read as that whatever the options say, with a warning
// when they said otherwise.
TEST(facecastLive, webmOrOggOnTheInputIsReadAsSuch) {
  const auto offline = run_facecast({"animate", fixture("speech.webm"), "--mode", "phonetic"});
  ASSERT_EQ(offline.exit_code, 0) << offline.err;
  const std::size_t frame_count = json::parse(offline.out)["data"]["frame_count"].get<std::size_t>();
  const auto sniffed = run_facecast({"live"}, fixture("speech.webm"));
  ASSERT_EQ(sniffed.exit_code, 0) << sniffed.err;
  EXPECT_TRUE(sniffed.err.empty()) << sniffed.err;
  const LiveOutput live = parse_lines(sniffed.out);
  EXPECT_EQ(live.ready["encoding"], "webm");
  EXPECT_EQ(live.blendshapes.size(), frame_count);

  const auto stated = run_facecast({"live", "--encoding", "webm"}, fixture("speech_stereo.webm"));
  ASSERT_EQ(stated.exit_code, 0) << stated.err;
  EXPECT_EQ(parse_lines(stated.out).blendshapes.size(), frame_count);
  const auto contradicted = run_facecast({"live", "--encoding", "pcm_f32le"}, fixture("speech.webm"));
  ASSERT_EQ(contradicted.exit_code, 0) << contradicted.err;
  EXPECT_NE(contradicted.err.find("warning: the input begins with a WebM header"), std::string::npos) << contradicted.err;
  // A codec it cannot decode is the input's error (exit 1), named in one line.
  expect_one_line_error(run_facecast({"live"}, fixture("speech_flac.mka")), 1, "A_FLAC");

  // Ogg (opusenc's, Firefox's recorder's) the same way. Live, the encoder's
  // padding at the very end is kept (a file's last page trims it): a frame more at most.
  const auto ogg = run_facecast({"live"}, fixture("speech.opus"));
  ASSERT_EQ(ogg.exit_code, 0) << ogg.err;
  const LiveOutput ogg_live = parse_lines(ogg.out);
  EXPECT_EQ(ogg_live.ready["encoding"], "ogg");
  EXPECT_GE(ogg_live.blendshapes.size(), frame_count);
  EXPECT_LE(ogg_live.blendshapes.size(), frame_count + 1);
}

// A server or environment default of mode is for files: live runs phonetic
// regardless, and only a --mode given to live itself is checked.
TEST(facecastLive, aModeFromTheEnvironmentDoesNotStopIt) {
  const auto r = run_facecast({"live", "--sample-rate", "44100", "--channels", "2"}, fixture("speech_s16le_44100_2ch.raw"),
                              {"FACECAST_MODE=align"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(parse_lines(r.out).blendshapes.size(), 97u);
}

TEST(facecastLive, badFormatModeOrOptionIsAUsageError) {
  expect_one_line_error(run_facecast({"live", "--sample-rate", "4000"}), 2, "--sample-rate");
  expect_one_line_error(run_facecast({"live", "--channels", "9"}), 2, "--channels");
  expect_one_line_error(run_facecast({"live", "--encoding", "mp3"}), 2, "pcm_s16le, pcm_f32le, webm or ogg");
  expect_one_line_error(run_facecast({"live", "--mode", "align"}), 2, "phonetic");
  expect_one_line_error(run_facecast({"live", "--format", "csv"}), 2, "--format");
  expect_one_line_error(run_facecast({"live", "--transcript", "hello"}), 2, "--transcript");
  expect_one_line_error(run_facecast({"live", "a.raw", "b.raw"}), 2, "one input");
}

// A stream runs as long as its input: the help offered max_duration, which
// live never applied.
TEST(facecastLive, helpOffersOnlySettingsLiveUses) {
  const auto r = run_facecast({"live", "--help"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("--fps"), std::string::npos) << r.out;
  for (const char* unused : {"--max-duration V", "--mode V", "--format V", "--recognizers V", "--blendshape-map V"})
    EXPECT_EQ(r.out.find(unused), std::string::npos) << unused;
}

TEST(facecastLive, aMissingInputIsOneLineNamingIt) {
  expect_one_line_error(run_facecast({"live", "/no/such/input.raw"}), 1, "/no/such/input.raw");
}

TEST(facecastLive, refusesToWriteOverItsInput) {
  // -o naming the input file truncated it before reading: the PCM was lost and
  // the tool read its own "ready" line back as audio.
  const std::string dir = temp_dir("live-same-file");
  const std::string input = dir + "/speech.raw";
  std::filesystem::copy_file(fixture("speech_s16le_44100_2ch.raw"), input);
  const auto size = std::filesystem::file_size(input);
  const auto r = run_facecast({"live", input, "--sample-rate", "44100", "--channels", "2", "-o", input});
  expect_one_line_error(r, 2, "input file");
  EXPECT_EQ(std::filesystem::file_size(input), size);
}
