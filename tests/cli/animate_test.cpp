// `facecast animate` end to end on real fixture speech: outputs, errors, batch.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli/run_facecast.h"
#include "support/fixtures.h"

using facecast::testing::facecast_binary;
using facecast::testing::fixture;
using facecast::testing::lines_of;
using facecast::testing::run_facecast;
using facecast::testing::run_facecast_unprivileged;
using facecast::testing::expect_one_line_error;
using facecast::testing::temp_dir;
namespace fs = std::filesystem;

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST(facecastAnimate, writesJsonToStdoutAlignedToTheTranscript) {
  auto r = run_facecast({"animate", fixture("speech.wav"), "--transcript-file", fixture("speech.txt")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto d = nlohmann::json::parse(r.out)["data"];
  EXPECT_EQ(d["mode"], "align");
  EXPECT_EQ(d["fps"], 30);
  EXPECT_EQ(d["frame_count"], 97);  // ceil(3.2049 s * 30)
  EXPECT_EQ(d["blendshapes"].size(), 97u);
  ASSERT_EQ(d["words"].size(), 9u);
  EXPECT_EQ(d["words"][0]["word"], "the");
  EXPECT_EQ(d["words"][8]["word"], "dog");
}

// Words of the transcript the speaker never said get no times; the user is
// told, in the JSON and on stderr (a warning, exit 0).
TEST(facecastAnimate, warnsOfTranscriptWordsNotFoundInTheAudio) {
  auto r = run_facecast({"animate", fixture("speech.wav"), "--transcript",
                         "the quick brown fox jumps over the lazy dog and then walks home again slowly"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto d = nlohmann::json::parse(r.out)["data"];
  ASSERT_EQ(d["words"].size(), 9u);
  EXPECT_EQ(d["words"][8]["word"], "dog");
  ASSERT_EQ(d["unaligned_words"].size(), 6u);
  EXPECT_EQ(d["unaligned_words"][0], nlohmann::json::parse(R"({"word":"and","index":9})"));
  expect_one_line_error(r, 0, "warning: 6 transcript words not found in the audio ('and then walks home again slowly')");
}

TEST(facecastAnimate, warnsOfTranscriptTextItCannotRead) {
  auto r = run_facecast({"animate", fixture("speech.wav"), "--transcript",
                         "the quick brown fox \u0441\u043e\u0431\u0430\u043a\u0430 jumps over the lazy dog"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto d = nlohmann::json::parse(r.out)["data"];
  EXPECT_EQ(d["words"].size(), 9u);
  EXPECT_EQ(d["unread_transcript"], nlohmann::json::parse("[\"\u0441\u043e\u0431\u0430\u043a\u0430\"]"));
  expect_one_line_error(r, 0, "warning: '\u0441\u043e\u0431\u0430\u043a\u0430' in the transcript is not in Latin letters");
}

// --mode phonetic with a transcript ran without a word about the transcript.
TEST(facecastAnimate, saysATranscriptIsNotUsedInPhoneticMode) {
  auto r = run_facecast({"animate", fixture("speech.wav"), "--mode", "phonetic", "--transcript", "the quick brown fox"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_one_line_error(r, 0, "warning: the transcript is not used in phonetic mode (align and auto use it)");
}

TEST(facecastAnimate, fpsAndTranscriptFlagsApply) {
  auto r = run_facecast({"animate", fixture("speech.flac"), "--transcript", "the quick brown fox jumps over the lazy dog",
                         "--fps", "60"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto d = nlohmann::json::parse(r.out)["data"];
  EXPECT_EQ(d["fps"], 60);
  EXPECT_EQ(d["frame_count"], 193);  // ceil(3.2049 s * 60)
  EXPECT_EQ(d["words"].size(), 9u);
}

// Dialogue for 29.97 fps video: the frames fall on the video's (30000/1001),
// and each format says so.
TEST(facecastAnimate, anNtscFpsGivesFramesAtTheExactRateInEveryFormat) {
  auto r = run_facecast({"animate", fixture("speech.flac"), "--mode", "phonetic", "--fps", "29.97", "-v"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("97 frames at 29.97 fps"), std::string::npos) << r.err;
  auto d = nlohmann::json::parse(r.out)["data"];
  EXPECT_EQ(d["fps"].get<double>(), 30000.0 / 1001);
  EXPECT_EQ(d["frame_count"], 97);  // ceil(3.2049 s * 29.97)
  r = run_facecast({"animate", fixture("speech.flac"), "--mode", "phonetic", "--fps", "30000/1001", "--format", "a2f"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["exportFps"].get<double>(), 30000.0 / 1001);
  r = run_facecast({"animate", fixture("speech.flac"), "--mode", "phonetic", "--fps", "29.97", "--format", "csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 98u);
  EXPECT_EQ(lines[31].rfind("00:00:01:00.060,61,", 0), 0u) << lines[31].substr(0, 20);  // frame 30 at 1.001 s
}

TEST(facecastAnimate, writesLiveLinkCsvWhenOutputEndsInCsv) {
  const std::string out = temp_dir("csv") + "/take.csv";
  auto r = run_facecast({"animate", fixture("speech.wav"), "-o", out, "--mode", "phonetic"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty());
  auto lines = lines_of(slurp(out));
  ASSERT_EQ(lines.size(), 98u);  // header + 97 frames
  EXPECT_EQ(lines[0].rfind("Timecode,BlendShapeCount,EyeBlinkLeft,", 0), 0u);
  for (const auto& line : lines) EXPECT_EQ(std::count(line.begin(), line.end(), ','), 62);
  EXPECT_EQ(lines[1].rfind("00:00:00:00.000,61,", 0), 0u);
  EXPECT_EQ(lines[31].rfind("00:00:01:00.000,61,", 0), 0u);
  EXPECT_FALSE(fs::exists(out + ".part"));
}

// The same frames as the JSON answer, in the layout Audio2Face exports.
TEST(facecastAnimate, formatA2fWritesAudio2FacesWeightJsonWithTheSameFrames) {
  const std::string dir = temp_dir("a2f");
  auto a2f = run_facecast({"animate", fixture("speech.wav"), "-o", dir + "/take.json", "--format", "a2f", "--mode", "phonetic"});
  ASSERT_EQ(a2f.exit_code, 0) << a2f.err;
  auto ours = run_facecast({"animate", fixture("speech.wav"), "--mode", "phonetic"});
  ASSERT_EQ(ours.exit_code, 0) << ours.err;
  const auto d = nlohmann::json::parse(slurp(dir + "/take.json"));
  const auto data = nlohmann::json::parse(ours.out)["data"];
  EXPECT_EQ(d["trackPath"], fixture("speech.wav"));
  EXPECT_EQ(d["exportFps"], 30);
  EXPECT_EQ(d["numFrames"], data["frame_count"]);
  EXPECT_EQ(d["facsNames"], data["blendshape_names"]);
  EXPECT_EQ(d["weightMat"], data["blendshapes"]);
  EXPECT_EQ(d["rotations"].size(), data["frame_count"].get<std::size_t>());
  // Configured rather than flagged: a .json output takes the a2f layout too.
  auto configured = run_facecast({"animate", fixture("speech.wav"), "-o", dir + "/env.json", "--mode", "phonetic"},
                                 "/dev/null", {"FACECAST_FORMAT=a2f"});
  ASSERT_EQ(configured.exit_code, 0) << configured.err;
  EXPECT_EQ(nlohmann::json::parse(slurp(dir + "/env.json"))["weightMat"], data["blendshapes"]);
  // Batch: every file in the a2f layout, named .json.
  const std::string in = temp_dir("a2f-in"), out = dir + "/batch";
  fs::copy_file(fixture("speech.wav"), in + "/hello.wav");
  auto batch = run_facecast({"animate", in, "-o", out, "--format", "a2f", "--mode", "phonetic"});
  ASSERT_EQ(batch.exit_code, 0) << batch.err;
  EXPECT_EQ(nlohmann::json::parse(slurp(out + "/hello.json"))["trackPath"], in + "/hello.wav");
}

// A rig's own names in JSON and a2f; the Live Link CSV keeps Epic's, which its importer matches.
TEST(facecastAnimate, blendshapeMapRenamesShapesInJsonAndA2fButNotInLiveLinkCsv) {
  const std::string map = "jawOpen=Jaw_Open,mouthClose=Mouth_Close";
  auto json_run = run_facecast({"animate", fixture("speech.wav"), "--mode", "phonetic", "--blendshape-map", map});
  ASSERT_EQ(json_run.exit_code, 0) << json_run.err;
  const auto names = nlohmann::json::parse(json_run.out)["data"]["blendshape_names"];
  EXPECT_EQ(names[17], "Jaw_Open");
  EXPECT_EQ(names[18], "Mouth_Close");
  EXPECT_EQ(names[0], "eyeBlinkLeft");
  auto a2f = run_facecast({"animate", fixture("speech.wav"), "--mode", "phonetic", "--format", "a2f", "--blendshape-map", map});
  ASSERT_EQ(a2f.exit_code, 0) << a2f.err;
  EXPECT_EQ(nlohmann::json::parse(a2f.out)["facsNames"][17], "Jaw_Open");
  auto csv = run_facecast({"animate", fixture("speech.wav"), "--mode", "phonetic", "--format", "csv", "--blendshape-map", map});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(lines_of(csv.out).at(0).find(",JawOpen,"), std::string::npos);
  expect_one_line_error(run_facecast({"animate", fixture("speech.wav"), "--blendshape-map", "jawOpn=J"}), 2,
                        "did you mean 'jawOpen'?");
  expect_one_line_error(run_facecast({"live", "--blendshape-map", map}), 2, "blendshape-map");
}

TEST(facecastAnimate, formatFlagWinsOverTheExtension) {
  const std::string out = temp_dir("format") + "/take.csv";
  auto r = run_facecast({"animate", fixture("speech.wav"), "-o", out, "--format", "json", "--mode", "phonetic"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(slurp(out))["success"], true);
}

TEST(facecastAnimate, badInputIsExit1WithOneLine) {
  expect_one_line_error(run_facecast({"animate", fixture("not_audio.wav")}), 1, "not_audio.wav");
  expect_one_line_error(run_facecast({"animate", fixture("empty.wav")}), 1, "empty.wav");
  expect_one_line_error(run_facecast({"animate", fixture("truncated_data.wav")}), 1, "truncated_data.wav");
  expect_one_line_error(run_facecast({"animate", "/no/such/file.wav"}), 1, "/no/such/file.wav");
  expect_one_line_error(run_facecast({"animate", fixture("speech.wav"), "--transcript-file", "/no/such.txt"}), 1,
                        "/no/such.txt");
}

TEST(facecastAnimate, aDamagedMp3IsOneLineWithoutTheDecodersOwnNotes) {
  // libmpg123 writes "Note: ..." lines to stderr unless told to be quiet.
  expect_one_line_error(run_facecast({"animate", fixture("truncated.mp3"), "--mode", "phonetic"}), 1, "truncated or damaged mp3");
  // 30 bytes a fuzzer wrote over speech.mp3, and 100 zero bytes before it: no
  // frame sync at the start, so libsndfile (not our sniffing) took it for MPEG
  // and decoded it with libmpg123's messages on ("error: dequantization failed!").
  const std::pair<std::size_t, unsigned char> fuzzed[] = {
      {2058, 67},   {2429, 127},  {2706, 152},  {4134, 135},  {4163, 173},  {6151, 227},  {6547, 36},   {6774, 84},
      {7139, 26},   {7229, 199},  {7434, 110},  {7952, 104},  {7966, 143},  {8517, 160},  {8863, 2},    {10079, 240},
      {11479, 85},  {11874, 169}, {13644, 158}, {14182, 57},  {14557, 100}, {15374, 110}, {15595, 184}, {17257, 14},
      {19817, 194}, {20806, 52},  {21529, 1},   {23265, 127}, {24624, 183}, {26306, 130}};
  for (int i = 0; i < 4; ++i) {  // mutated copies, each decodable with a damaged frame or two
    const std::string copy = temp_dir("damaged-mp3-" + std::to_string(i)) + "/speech.mp3";
    std::string bytes = slurp(fixture("speech.mp3"));
    if (i < 3) {
      for (std::size_t at = 3000 + 997 * static_cast<std::size_t>(i); at < 3040 + 997 * static_cast<std::size_t>(i); ++at) bytes[at] = static_cast<char>(0x5A + i);
    } else {
      for (const auto& [at, value] : fuzzed)
        if (at < bytes.size()) bytes[at] = static_cast<char>(value);
      bytes.insert(0, std::string(100, '\0'));
    }
    std::ofstream(copy, std::ios::binary) << bytes;
    auto r = run_facecast({"animate", copy, "--mode", "phonetic", "-o", copy + ".json"});
    EXPECT_TRUE(r.err.empty() || lines_of(r.err).size() == 1) << r.err;
    EXPECT_EQ(r.err.find("Note:"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("libmpg123"), std::string::npos) << r.err;
  }
}

// Opened by its path, libsndfile took any file named .mp3 for MPEG, and
// libmpg123 printed "Note: Illegal Audio-MPEG-Header ..." lines before our error.
TEST(facecastAnimate, aTextFileNamedMp3IsOneLineWithoutTheDecodersOwnNotes) {
  const std::string path = temp_dir("text-named-mp3") + "/take.mp3";
  std::string text;
  for (int i = 0; i < 50; ++i) text += "hello, this is not audio at all, just some text\n";
  std::ofstream(path, std::ios::binary) << text;
  expect_one_line_error(run_facecast({"animate", path, "--mode", "phonetic"}), 1, "not a recognised audio file");
}

// libmpg123's layer II decoder printed "Truncating stereo boundary to sideband
// limit." once per frame, past MPG123_QUIET, and the file was animated.
TEST(facecastAnimate, mpegLayerIIFramesAreOneLineWithoutTheDecodersOwnNotes) {
  expect_one_line_error(run_facecast({"animate", fixture("layer2.mp3"), "--mode", "phonetic"}), 1,
                        "MPEG layer II audio (MP2) is not supported");
  expect_one_line_error(run_facecast({"animate", fixture("layer2_after_layer3.mp3"), "--mode", "phonetic"}), 1,
                        "an MPEG layer II frame inside the MP3 stream");
}

// The name still counts where the bytes do not say MP3 at the start: frames
// behind 100 zero bytes are found (by our quiet reader, as libsndfile did).
TEST(facecastAnimate, anMp3BehindZeroBytesIsStillAnimated) {
  const std::string path = temp_dir("zeros-before-mp3") + "/take.mp3";
  std::ofstream(path, std::ios::binary) << std::string(100, '\0') << slurp(fixture("speech.mp3"));
  const auto r = run_facecast({"animate", path, "--mode", "phonetic", "-o", path + ".json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  EXPECT_NE(slurp(path + ".json").find("\"frame_count\""), std::string::npos);
}

TEST(facecastAnimate, missingModelIsExit3) {
  expect_one_line_error(run_facecast({"animate", fixture("speech.wav"), "--model-dir", "/no/such/model"}), 3,
                        "/no/such/model");
}

TEST(facecastAnimate, dashOutputMeansStdout) {
  auto r = run_facecast({"animate", fixture("speech.wav"), "-o", "-", "--format=csv", "--mode", "phonetic"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("Timecode,BlendShapeCount,", 0), 0u);
}

TEST(facecastAnimate, readsAudioFromStdin) {
  auto r = run_facecast({"animate", "-", "--mode", "phonetic"}, fixture("speech.mp3"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["data"]["frame_count"], 97);
  expect_one_line_error(run_facecast({"animate", "-"}), 1, "empty");
}

// A directory named "-" where facecast runs made `animate -` batch mode.
TEST(facecastAnimate, dashIsStandardInputEvenBesideADirectoryNamedDash) {
  const std::string dir = temp_dir("dash-dir");
  fs::create_directory(fs::path(dir) / "-");
  auto r = run_facecast({"animate", "-", "--mode", "phonetic"}, fixture("speech.mp3"), {}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["data"]["frame_count"], 97);
}

// Its length is unknown until the end: `cat /dev/zero | facecast animate -`
// read until memory ran out ("out of memory", exit 4).
TEST(facecastAnimate, standardInputPastTheLimitIsRefused) {
  ASSERT_GT(fs::file_size(fixture("speech.wav")), 20000u);
  expect_one_line_error(run_facecast({"animate", "-", "--max-input-mb", "0.01"}, fixture("speech.wav")), 1,
                        "more than 0.01 MB of audio (setting max_input_mb)");  // not "0.00999928 MB"
  EXPECT_EQ(run_facecast({"animate", "-", "--mode", "phonetic", "--max-input-mb", "1"}, fixture("speech.wav")).exit_code,
            0);
}

TEST(facecastAnimate, outputNamingTheInputOrTranscriptIsRefused) {
  const std::string dir = temp_dir("out-is-in");
  fs::copy_file(fixture("speech.wav"), dir + "/speech.wav");
  std::ofstream(dir + "/speech.txt") << "hello";
  const std::string before = slurp(dir + "/speech.wav");
  expect_one_line_error(run_facecast({"animate", dir + "/speech.wav", "-o", dir + "/speech.wav"}), 2, "input");
  expect_one_line_error(
      run_facecast({"animate", dir + "/speech.wav", "--transcript-file", dir + "/speech.txt", "-o", dir + "/speech.txt"}),
      2, "transcript");
  EXPECT_EQ(slurp(dir + "/speech.wav"), before);
  EXPECT_EQ(slurp(dir + "/speech.txt"), "hello");
}

TEST(facecastAnimate, readsAudioFromANamedPipe) {
  // As `facecast animate <(ffmpeg ...)` gives it: a pipe, not a regular file.
  const std::string pipe = temp_dir("in-pipe") + "/speech.mp3";
  ASSERT_EQ(mkfifo(pipe.c_str(), 0600), 0);
  std::thread writer([&] { std::ofstream(pipe, std::ios::binary) << slurp(fixture("speech.mp3")); });
  auto r = run_facecast({"animate", pipe, "--mode", "phonetic"});
  writer.join();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["data"]["frame_count"], 97);
  // A device is no pipe: /dev/zero would be read forever.
  expect_one_line_error(run_facecast({"animate", "/dev/zero"}), 1, "not a regular file");
}

// --transcript-file <(...) is a pipe: it has no size, and was refused as "larger than 1 MB".
TEST(facecastAnimate, readsTheTranscriptFromANamedPipe) {
  const std::string pipe = temp_dir("transcript-pipe") + "/speech.txt";
  ASSERT_EQ(mkfifo(pipe.c_str(), 0600), 0);
  std::thread writer([&] { std::ofstream(pipe, std::ios::binary) << slurp(fixture("speech.txt")); });
  auto r = run_facecast({"animate", fixture("speech.wav"), "--transcript-file", pipe});
  writer.join();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto data = nlohmann::json::parse(r.out)["data"];
  EXPECT_EQ(data["mode"], "align");
  EXPECT_EQ(data["words"].size(), 9u);
}

// - is standard input for the transcript too (a user pipes it from a TTS
// script); "does not exist" was the answer. Not with audio on stdin as well.
TEST(facecastAnimate, readsTheTranscriptFromStandardInput) {
  auto r = run_facecast({"animate", fixture("speech.wav"), "--transcript-file", "-"}, fixture("speech.txt"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto data = nlohmann::json::parse(r.out)["data"];
  EXPECT_EQ(data["mode"], "align");
  EXPECT_EQ(data["words"].size(), 9u);
  expect_one_line_error(run_facecast({"animate", "-", "--transcript-file", "-"}, fixture("speech.wav")), 2,
                        "both the audio and the transcript");
}

// -o writes PATH.part and renames it over PATH; that replaced whatever PATH
// was: run as root, `-o /dev/null` turned /dev/null into a plain file (and the
// next program to read it got that output). A named pipe stands in for the
// device here (replacing it cannot harm the machine if this fails).
TEST(facecastAnimate, writesIntoANamedPipeInsteadOfReplacingIt) {
  const std::string pipe = temp_dir("pipe") + "/out.json";
  ASSERT_EQ(mkfifo(pipe.c_str(), 0600), 0);
  const int fd = open(pipe.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);  // a reader, so the writer's open does not block
  ASSERT_GE(fd, 0);
  std::atomic<bool> writer_done{false};
  std::string received;
  std::thread reader([&] {
    char chunk[1 << 16];
    for (;;) {
      const ssize_t n = read(fd, chunk, sizeof chunk);
      if (n > 0) {
        received.append(chunk, static_cast<size_t>(n));
      } else if (writer_done) {
        break;  // drained after the writer exited
      } else {
        usleep(2000);
      }
    }
  });
  const auto r = run_facecast({"animate", fixture("speech.wav"), "-o", pipe, "--mode", "phonetic"});
  writer_done = true;
  reader.join();
  close(fd);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  struct stat st{};
  ASSERT_EQ(stat(pipe.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode)) << "the pipe was replaced by a file";
  ASSERT_FALSE(received.empty());
  EXPECT_EQ(nlohmann::json::parse(received)["data"]["frame_count"], 97);
}

TEST(facecastAnimate, writesThroughASymlinkToItsFile) {
  const std::string dir = temp_dir("symlink");
  std::ofstream(dir + "/target.json") << "old";
  fs::create_symlink(dir + "/target.json", dir + "/link.json");
  const auto r = run_facecast({"animate", fixture("speech.wav"), "-o", dir + "/link.json", "--mode", "phonetic"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(dir + "/link.json"));
  EXPECT_EQ(nlohmann::json::parse(slurp(dir + "/target.json"))["data"]["frame_count"], 97);
}

TEST(facecastAnimate, missingOutputDirectoryFailsBeforeAnalysis) {
  expect_one_line_error(run_facecast({"animate", fixture("speech.wav"), "-o", "/no/such/dir/out.json"}), 1,
                        "/no/such/dir");
}

TEST(facecastAnimate, outputThatIsADirectoryFailsBeforeAnalysis) {
  const std::string dir = temp_dir("out-is-dir");
  expect_one_line_error(run_facecast({"animate", fixture("long.wav"), "-o", dir}), 1, "is a directory");
}

TEST(facecastAnimate, shortOptionsTakeTheirValueAfterAnEqualsSign) {
  const std::string dir = temp_dir("short-equals");
  const auto r = run_facecast({"animate", "-o=" + dir + "/out.json", fixture("speech.wav"), "--mode", "phonetic"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(slurp(dir + "/out.json"))["data"]["frame_count"], 97);
}

TEST(facecastAnimate, alignWithoutTranscriptIsAUsageError) {
  expect_one_line_error(run_facecast({"animate", fixture("speech.wav"), "--mode", "align"}), 2, "transcript");
}

TEST(facecastSettings, flagsOverrideEnvironmentOverrideConfigFile) {
  const std::string config = temp_dir("config") + "/facecast.json";
  std::ofstream(config) << R"({"fps": 48, "mode": "phonetic"})";
  auto fps_of = [&](const std::vector<std::string>& extra, const std::vector<std::string>& env) {
    std::vector<std::string> args{"animate", fixture("speech.wav"), "--config", config};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = run_facecast(args, "/dev/null", env);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    auto d = nlohmann::json::parse(r.out)["data"];
    EXPECT_EQ(d["mode"], "phonetic");  // from the config file throughout
    return d["fps"].get<int>();
  };
  EXPECT_EQ(fps_of({}, {}), 48);
  EXPECT_EQ(fps_of({}, {"FACECAST_FPS=60"}), 60);
  EXPECT_EQ(fps_of({"--fps", "24"}, {"FACECAST_FPS=60"}), 24);
}

TEST(facecastSettings, badConfigOrEnvironmentIsOneLineNamingIt) {
  expect_one_line_error(run_facecast({"animate", fixture("speech.wav"), "--config", "/no/such.json"}), 1,
                        "/no/such.json");
  expect_one_line_error(run_facecast({"animate", fixture("speech.wav")}, "/dev/null", {"FACECAST_FPS=500"}), 2,
                        "FACECAST_FPS");
}

// Flags come last: a bad variable they set again (a shared environment the user
// cannot change) is not read, so `--fps 30` is the way out of FACECAST_FPS=10.
TEST(facecastSettings, aFlagOverridesABadEnvironmentVariable) {
  auto r = run_facecast({"animate", fixture("speech.wav"), "--mode", "phonetic", "--fps", "30"}, "/dev/null",
                        {"FACECAST_FPS=10", "FACECAST_SEED=x"});
  ASSERT_EQ(r.exit_code, 2) << r.err;  // FACECAST_SEED is not set again
  EXPECT_NE(r.err.find("FACECAST_SEED"), std::string::npos) << r.err;
  r = run_facecast({"animate", fixture("speech.wav"), "--mode", "phonetic", "--fps", "30"}, "/dev/null", {"FACECAST_FPS=10"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["data"]["fps"], 30);
}

// A misspelt variable was ignored without a word, so FACECAST_WORKER=8 looked
// like it worked. Names far from every setting stay quiet: scripts keep their
// own variables under FACECAST_ (our tests' FACECAST_BINARY, FACECAST_FIXTURE_DIR).
TEST(facecastSettings, aMisspeltEnvironmentVariableIsWarnedAboutAndTheRunGoesOn) {
  auto r = run_facecast({"animate", fixture("speech.wav"), "--mode", "phonetic"}, "/dev/null",
                        {"FACECAST_FSP=60", "FACECAST_BENCH_PORT=1", "FACECAST_FIXTURE_DIR=/x", "FACECAST_FPS=24",
                         "FACECAST_head_motion=0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["data"]["fps"], 24);
  auto lines = lines_of(r.err);
  std::sort(lines.begin(), lines.end());
  ASSERT_EQ(lines.size(), 2u) << r.err;
  EXPECT_EQ(lines[0], "facecast: warning: FACECAST_FSP is not a setting and is ignored; did you mean FACECAST_FPS?");
  // Only upper-case names are read: a lower-case one was ignored without a word.
  EXPECT_EQ(lines[1],
            "facecast: warning: FACECAST_head_motion is not a setting and is ignored; did you mean FACECAST_HEAD_MOTION?");
}

TEST(facecastBatch, processesEveryFileReportsTheBadOneAndSummarises) {
  const std::string in = temp_dir("batch-in"), out = temp_dir("batch-out") + "/results";
  fs::copy_file(fixture("speech.wav"), in + "/hello.wav");
  fs::copy_file(fixture("speech.txt"), in + "/hello.txt");
  fs::copy_file(fixture("speech.mp3"), in + "/fox.mp3");
  std::ofstream(in + "/fox.txt") << "\n";  // an empty transcript: recognised, and said so
  fs::copy_file(fixture("speech.opus"), in + "/fox_opus.opus");
  fs::copy_file(fixture("speech.webm"), in + "/fox_webm.webm");
  fs::copy_file(fixture("not_audio.wav"), in + "/broken.wav");
  fs::copy_file(fixture("speech.txt"), in + "/notes.txt");  // not audio: ignored
  auto r = run_facecast({"animate", in, "-o", out, "-j", "2", "--mode", "auto"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(fs::exists(out + "/hello.json"));
  EXPECT_TRUE(fs::exists(out + "/fox.json"));
  EXPECT_TRUE(fs::exists(out + "/fox_opus.json"));
  EXPECT_TRUE(fs::exists(out + "/fox_webm.json"));
  EXPECT_FALSE(fs::exists(out + "/broken.json"));
  EXPECT_FALSE(fs::exists(out + "/notes.json"));
  auto hello = nlohmann::json::parse(slurp(out + "/hello.json"))["data"];
  EXPECT_EQ(hello["mode"], "align");  // hello.txt was its transcript
  EXPECT_EQ(hello["words"].size(), 9u);
  EXPECT_EQ(nlohmann::json::parse(slurp(out + "/fox.json"))["data"]["mode"], "recognize");
  EXPECT_NE(r.err.find("broken.wav"), std::string::npos);
  EXPECT_NE(r.err.find("fox.mp3: ok; the transcript is empty: the speech was recognised"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("4 ok, 1 failed"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("x real time"), std::string::npos) << r.err;
}

TEST(facecastBatch, aLinkToAMissingFileIsReportedNotSkipped) {
  const std::string in = temp_dir("batch-dangling"), out = temp_dir("batch-dangling-out");
  fs::copy_file(fixture("speech.wav"), in + "/a.wav");
  fs::create_symlink(in + "/moved-away.wav", in + "/b.wav");
  auto r = run_facecast({"animate", in, "-o", out, "--mode", "phonetic"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(fs::exists(out + "/a.json"));
  EXPECT_NE(r.err.find("b.wav"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 ok, 1 failed"), std::string::npos) << r.err;
}

// A symlink loop was reported as "audio file not found".
TEST(facecastBatch, aSymlinkLoopIsReportedAsSuchAndTheRestGoesOn) {
  const std::string in = temp_dir("batch-loop"), out = temp_dir("batch-loop-out");
  fs::copy_file(fixture("speech.wav"), in + "/a.wav");
  fs::create_symlink("c.wav", in + "/b.wav");
  fs::create_symlink("b.wav", in + "/c.wav");
  auto r = run_facecast({"animate", in, "-o", out, "--mode", "phonetic"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(fs::exists(out + "/a.json"));
  EXPECT_NE(r.err.find("b.wav (Too many levels of symbolic links)"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("not found"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 ok, 2 failed"), std::string::npos) << r.err;
  expect_one_line_error(run_facecast({"animate", in + "/b.wav", "--mode", "phonetic"}), 1,
                        "cannot open audio file: " + in + "/b.wav (Too many levels of symbolic links)");
}

TEST(facecastBatch, allGoodIsExit0AndCsvOnRequest) {
  const std::string in = temp_dir("batch-good"), out = temp_dir("batch-good-out");
  fs::copy_file(fixture("speech.wav"), in + "/a.wav");
  fs::copy_file(fixture("speech.flac"), in + "/a.flac");  // same stem: outputs keep the extension
  auto r = run_facecast({"animate", in, "-o", out, "--format", "csv", "--mode", "phonetic"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(out + "/a.wav.csv"));
  EXPECT_TRUE(fs::exists(out + "/a.flac.csv"));
  EXPECT_NE(r.err.find("2 ok, 0 failed"), std::string::npos) << r.err;
}

// A folder gives the same files as naming them one by one: AIFF, AU and Wave64
// were read by `animate FILE` but skipped in a batch.
TEST(facecastBatch, takesEveryContainerAnimateReads) {
  const std::string in = temp_dir("batch-containers"), out = temp_dir("batch-containers-out");
  for (const char* name : {"speech.aiff", "speech.au", "speech.w64"}) fs::copy_file(fixture(name), in + "/" + name);
  auto r = run_facecast({"animate", in, "-o", out, "--mode", "phonetic"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const char* name : {"speech.aiff.json", "speech.au.json", "speech.w64.json"})
    EXPECT_TRUE(fs::exists(out + "/" + name)) << name << "\n" << r.err;
  EXPECT_NE(r.err.find("3 ok, 0 failed"), std::string::npos) << r.err;
}

TEST(facecastBatch, noOutputOverwritesAnother) {
  // a.wav.ogg's stem is a.wav's whole name: three outputs, three files.
  const std::string in = temp_dir("batch-names"), out = temp_dir("batch-names-out");
  fs::copy_file(fixture("speech.wav"), in + "/a.wav");
  fs::copy_file(fixture("speech.flac"), in + "/a.flac");
  fs::copy_file(fixture("speech.ogg"), in + "/a.wav.ogg");
  auto r = run_facecast({"animate", in, "-o", out, "-j", "1", "--mode", "phonetic"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(out + "/a.wav.json"));
  EXPECT_TRUE(fs::exists(out + "/a.flac.json"));
  EXPECT_TRUE(fs::exists(out + "/a.wav.ogg.json"));
  EXPECT_EQ(std::distance(fs::directory_iterator(out), fs::directory_iterator()), 3);
}

// An animator's dialogue/<actor>/*.wav: subdirectories were skipped without a word.
// A "._take.wav" is macOS metadata that copying leaves beside "take.wav": it
// was animated, failed as "not a recognised audio file" and made the batch exit 1.
TEST(facecastBatch, subdirectoriesAreMirroredButNotHiddenOnesOrTheOutput) {
  const std::string in = temp_dir("batch-tree"), out = in + "/out";
  fs::create_directories(in + "/actor a/scene1");
  fs::create_directories(in + "/.cache");
  fs::create_directories(out);
  fs::copy_file(fixture("speech.wav"), in + "/top.wav");
  fs::copy_file(fixture("speech.wav"), in + "/actor a/scene1/line.wav");
  fs::copy_file(fixture("speech.txt"), in + "/actor a/scene1/line.txt");
  fs::copy_file(fixture("speech.wav"), in + "/.cache/skipped.wav");
  std::ofstream(in + "/actor a/scene1/._line.wav") << std::string("\0\5\26\7", 4);  // AppleDouble magic
  fs::copy_file(fixture("speech.wav"), out + "/old.wav");  // inside the output: not an input
  auto r = run_facecast({"animate", in, "-o", out, "-j", "2", "--mode", "auto"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(out + "/top.json"));
  ASSERT_TRUE(fs::exists(out + "/actor a/scene1/line.json")) << r.err;
  EXPECT_EQ(nlohmann::json::parse(slurp(out + "/actor a/scene1/line.json"))["data"]["mode"], "align");
  EXPECT_FALSE(fs::exists(out + "/.cache"));
  EXPECT_FALSE(fs::exists(out + "/actor a/scene1/._line.json"));
  EXPECT_FALSE(fs::exists(out + "/out"));
  EXPECT_NE(r.err.find("actor a/scene1/line.wav: ok"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2 ok, 0 failed"), std::string::npos) << r.err;
}

// With -v the summary line dropped the folder: two take.wav in two folders read alike.
TEST(facecastBatch, verboseLinesNameTheFileWithinItsFolder) {
  const std::string in = temp_dir("batch-verbose"), out = temp_dir("batch-verbose-out");
  fs::create_directories(in + "/scene1");
  fs::copy_file(fixture("speech.wav"), in + "/scene1/take.wav");
  auto r = run_facecast({"animate", in, "-o", out, "-v", "--mode", "phonetic"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("scene1/take.wav: "), std::string::npos) << r.err;
}

// A folder the user may not read was skipped without a word: its files were
// missing from the outputs and from the count, and the batch exited 0.
TEST(facecastBatch, aFolderItCannotReadIsNamedAndFailsTheBatch) {
  const std::string in = temp_dir("batch-locked"), out = temp_dir("batch-locked-out");
  fs::create_directories(in + "/open");
  fs::create_directories(in + "/locked");
  fs::copy_file(fixture("speech.wav"), in + "/open/a.wav");
  fs::copy_file(fixture("speech.wav"), in + "/locked/b.wav");
  fs::permissions(in + "/locked", fs::perms::none);
  fs::permissions(out, fs::perms::all);  // the unprivileged run writes here
  auto r = run_facecast_unprivileged({"animate", in, "-o", out, "-j", "1", "--mode", "phonetic"});
  fs::permissions(in + "/locked", fs::perms::owner_all);  // for the clean-up
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(fs::exists(out + "/open/a.json")) << r.err;
  EXPECT_NE(r.err.find("locked: cannot read this folder"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 ok, 0 failed, 1 folder not read"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("with 1 worker ("), std::string::npos) << r.err;
}

TEST(facecastBatch, aFileNameWithControlCharactersIsReportedOnOneLine) {
  const std::string in = temp_dir("batch-odd-name"), out = temp_dir("batch-odd-name-out");
  fs::copy_file(fixture("speech.wav"), in + "/good\nname\x1b[2J.wav");
  fs::copy_file(fixture("not_audio.wav"), in + "/bad\nname.wav");
  auto r = run_facecast({"animate", in, "-o", out, "-j", "1", "--mode", "phonetic"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;  // no escape sequence reaches the terminal
  EXPECT_NE(r.err.find("good\\nname\\x1b[2J.wav: ok\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("bad\\nname.wav: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1 ok, 1 failed"), std::string::npos) << r.err;
}

TEST(facecastBatch, needsAnOutputDirectory) {
  const std::string in = temp_dir("batch-noout");
  expect_one_line_error(run_facecast({"animate", in}), 2, "output directory");
}

TEST(facecastBatch, emptyDirectoryIsAnInputError) {
  const std::string in = temp_dir("batch-empty"), out = temp_dir("batch-empty-out");
  expect_one_line_error(run_facecast({"animate", in, "-o", out}), 1, "no audio files");
}

namespace {

double mean_weight(const nlohmann::json& data, std::size_t shape) {
  double sum = 0;
  for (const auto& row : data["blendshapes"]) sum += row[shape].get<double>();
  return sum / data["blendshapes"].size();
}

constexpr std::size_t kMouthSmileLeft = 23;

}  // namespace

TEST(facecastEmotion, emotionFlagChangesTheFaceAndIsReported) {
  auto neutral = run_facecast({"animate", fixture("speech.wav"), "--transcript-file", fixture("speech.txt")});
  auto joyful = run_facecast({"animate", fixture("speech.wav"), "--transcript-file", fixture("speech.txt"),
                              "--emotion", "joy=0.9", "--seed", "3", "--head-motion", "1.5"});
  ASSERT_EQ(joyful.exit_code, 0) << joyful.err;
  auto n = nlohmann::json::parse(neutral.out)["data"];
  auto j = nlohmann::json::parse(joyful.out)["data"];
  EXPECT_GT(mean_weight(j, kMouthSmileLeft), mean_weight(n, kMouthSmileLeft) + 0.3);
  EXPECT_EQ(j["emotion"]["mode"], "constant");
  EXPECT_NEAR(j["emotion"]["keys"][0]["joy"].get<double>(), 0.9, 1e-4);
}

TEST(facecastEmotion, emotionKeysComeFromAFile) {
  const std::string dir = temp_dir("emotion_keys");
  std::ofstream(dir + "/keys.json") << R"([{"time": 0, "sadness": 0}, {"time": 2, "sadness": 1}])";
  auto r = run_facecast({"animate", fixture("speech.wav"), "--transcript-file", fixture("speech.txt"),
                         "--emotion-keys", dir + "/keys.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto d = nlohmann::json::parse(r.out)["data"];
  EXPECT_EQ(d["emotion"]["mode"], "keys");
  ASSERT_EQ(d["emotion"]["keys"].size(), 2u);
  EXPECT_EQ(d["emotion"]["keys"][1]["sadness"], 1.0);
}

TEST(facecastEmotion, autoReportsItsEstimateAsKeys) {
  auto r = run_facecast({"animate", fixture("real_speech.wav"), "--mode", "phonetic", "--emotion", "auto"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto d = nlohmann::json::parse(r.out)["data"];
  EXPECT_EQ(d["emotion"]["mode"], "auto");
  EXPECT_GE(d["emotion"]["keys"].size(), 5u);
}

// Exit 1 (unreadable input) for every file an option names, as for the audio.
TEST(facecastAnimate, aMissingFileAnOptionNamesExitsOneNamingIt) {
  for (const char* option : {"--emotion-keys", "--config", "--transcript-file"})
    expect_one_line_error(run_facecast({"animate", fixture("speech.wav"), option, "/nonexistent/keys.json"}), 1,
                          "keys.json");
}

TEST(facecastEmotion, badEmotionInputIsAUsageErrorNamingIt) {
  expect_one_line_error(run_facecast({"animate", fixture("speech.wav"), "--emotion", "glee=1"}), 2, "glee");
  expect_one_line_error(run_facecast({"animate", fixture("speech.wav"), "--emotion", "joy=2"}), 2, "joy");
  // One keyframe inline, not in a list: the JSON's own error, not "cannot read '{...}'".
  expect_one_line_error(run_facecast({"animate", fixture("speech.wav"), "--emotion-keys", R"({"time":0,"joy":1})"}), 2,
                        "list");
  expect_one_line_error(run_facecast({"animate", fixture("speech.wav"), "--head-motion", "9"}), 2, "head_motion");
}

TEST(facecastAnimate, aReaderThatGoesAwayIsOneLineNotASignal) {
  // `facecast animate x.wav | head -c1`: the write fails with EPIPE; it was
  // SIGPIPE (exit 141, no message) while `live` already reported it.
  const std::string err = temp_dir("pipe") + "/err";
  // fmt rather than "'" + string: GCC 12 warns of a false overlap (-Wrestrict) in that operator+.
  const std::string command = fmt::format("'{}' animate '{}' 2>'{}' | true; exit \\${{PIPESTATUS[0]}}", facecast_binary(),
                                          fixture("speech.wav"), err);
  const int status = std::system(("bash -c \"" + command + "\"").c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1);
  std::ifstream in(err);
  const std::string said((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(said.find("Broken pipe"), std::string::npos) << said;
}
