// The facecast binary's commands, help and errors (no audio analysis needed).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "cli/run_facecast.h"
#include "core/names.h"
#include "core/settings.h"
#include "support/fixtures.h"

using namespace facecast;
using facecast::testing::lines_of;
using facecast::testing::run_facecast;
using facecast::testing::fixture;
using facecast::testing::temp_dir;

namespace {

// ... and nothing on stdout.
void expect_one_line_error_only(const facecast::testing::RunResult& r, int code, const std::string& mentions) {
  facecast::testing::expect_one_line_error(r, code, mentions);
  EXPECT_TRUE(r.out.empty());
}

}  // namespace

TEST(facecastNames, prints52NamesInAppleOrder) {
  auto r = run_facecast({"names"});
  EXPECT_EQ(r.exit_code, 0);
  auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 52u);
  for (std::size_t i = 0; i < 52; ++i) EXPECT_EQ(lines[i], kBlendshapeNames[i]);
  EXPECT_TRUE(r.err.empty());
}

TEST(facecastHelp, mainHelpListsCommandsAndExitCodes) {
  for (auto args : {std::vector<std::string>{"--help"}, {"-h"}, {"help"}, {"help", "--help"}, {"help", "-h"}}) {
    auto r = run_facecast(args);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("facecast animate"), std::string::npos);
    EXPECT_NE(r.out.find("facecast names"), std::string::npos);
    EXPECT_NE(r.out.find("Exit codes"), std::string::npos);
  }
}

TEST(facecastHelp, everyCommandHasHelp) {
  for (auto args : {std::vector<std::string>{"animate", "--help"}, {"names", "--help"}, {"help", "animate"},
                    {"serve", "--help"}, {"help", "serve"}, {"avatar", "--help"}, {"help", "avatar"},
                    {"live", "--help"}, {"help", "live"}, {"live", "--sample-rate", "5", "--help"},
                    {"animate", "x.wav", "--bogus", "-h"}}) {
    auto r = run_facecast(args);
    EXPECT_EQ(r.exit_code, 0) << args[0];
    EXPECT_NE(r.out.find("Usage: facecast " + (args[0] == "help" ? args[1] : args[0])), std::string::npos);
  }
}

TEST(facecastHelp, animateHelpListsEverySetting) {
  auto r = run_facecast({"animate", "--help"});
  for (const auto& setting : setting_catalog()) {
    std::string flag = "--" + std::string(setting.key);
    std::replace(flag.begin(), flag.end(), '_', '-');
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
  }
}

TEST(facecastVersion, printsVersion) {
  auto r = run_facecast({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, std::string("facecast ") + FACECAST_VERSION + "\n");
}

TEST(facecastUsage, unknownFlagIsExit2WithOneLine) {
  expect_one_line_error_only(run_facecast({"animate", "in.wav", "--frobnicate", "3"}), 2, "--frobnicate");
}

TEST(facecastUsage, aMistypedOptionOrCommandNamesTheOneMeant) {
  expect_one_line_error_only(run_facecast({"animate", "in.wav", "--fsp", "60"}), 2, "did you mean '--fps'?");
  expect_one_line_error_only(run_facecast({"animate", "in.wav", "--transcript-fil", "t.txt"}), 2,
                             "did you mean '--transcript-file'?");
  expect_one_line_error_only(run_facecast({"live", "--sample_rat=8000"}), 2, "did you mean '--sample-rate'?");
  expect_one_line_error_only(run_facecast({"serve", "--max-conections", "9"}), 2, "did you mean '--max-connections'?");
  expect_one_line_error_only(run_facecast({"avatar", "--prest", "ada"}), 2, "did you mean '--preset'?");
  expect_one_line_error_only(run_facecast({"animte", "in.wav"}), 2, "did you mean 'animate'?");
  expect_one_line_error_only(run_facecast({"--verison"}), 2, "did you mean '--version'?");
  expect_one_line_error_only(run_facecast({"animate", "in.wav", "-fps", "60"}), 2, "did you mean '--fps'?");
  expect_one_line_error_only(run_facecast({"animate", "in.wav", "--FPS", "60"}), 2, "did you mean '--fps'?");
  expect_one_line_error_only(run_facecast({"animate", "in.wav", "--verbose=1"}), 2, "'--verbose' takes no value");
  expect_one_line_error_only(run_facecast({"help", "animte"}), 2, "did you mean 'animate'?");
  // Nothing close: the plain message, no guess.
  const auto r = run_facecast({"animate", "in.wav", "--frobnicate", "3"});
  EXPECT_EQ(r.err.find("did you mean"), std::string::npos) << r.err;
  // live turns --format down, so a slip of it is not pointed there.
  const auto live = run_facecast({"live", "--fromat", "json"});
  EXPECT_EQ(live.exit_code, 2);
  EXPECT_EQ(live.err.find("did you mean"), std::string::npos) << live.err;
}

TEST(facecastUsage, badSettingValueIsExit2NamingTheSetting) {
  expect_one_line_error_only(run_facecast({"animate", "in.wav", "--fps", "500"}), 2, "fps");
  expect_one_line_error_only(run_facecast({"animate", "in.wav", "--mode=sing"}), 2, "mode");
  expect_one_line_error_only(run_facecast({"animate", "in.wav", "--lower-face-strength", "x"}), 2, "lower_face_strength");
}

TEST(facecastUsage, emotionAndEmotionKeysTogetherAreExit2) {
  expect_one_line_error_only(
      run_facecast({"animate", "in.wav", "--emotion", "joy=1", "--emotion-keys", R"([{"time": 0, "joy": 1}])"}), 2,
      "emotion_keys");
}

TEST(facecastUsage, missingPiecesAreExit2) {
  expect_one_line_error_only(run_facecast({}), 2, "command");
  expect_one_line_error_only(run_facecast({"dance"}), 2, "dance");
  expect_one_line_error_only(run_facecast({"animate"}), 2, "input");
  expect_one_line_error_only(run_facecast({"animate", "in.wav", "--fps"}), 2, "--fps");
  expect_one_line_error_only(run_facecast({"animate", "a.wav", "b.wav"}), 2, "b.wav");
  expect_one_line_error_only(run_facecast({"animate", "a.wav", "--transcript", "x", "--transcript-file", "y"}), 2,
                        "transcript");
  expect_one_line_error_only(run_facecast({"names", "extra"}), 2, "extra");
  // `-o "$OUT"` with OUT unset wrote to stdout as if no -o were given.
  expect_one_line_error_only(run_facecast({"animate", "a.wav", "-o", ""}), 2, "-o needs a file name");
  expect_one_line_error_only(run_facecast({"live", "-o="}), 2, "-o needs a file name");
}

// "--" ends the options: a file whose name starts with "-" can be given as is.
TEST(facecastUsage, doubleDashEndsTheOptions) {
  const std::string dir = temp_dir("double-dash");
  std::filesystem::copy_file(fixture("speech.wav"), dir + "/-take.wav");
  auto r = run_facecast({"animate", "--mode", "phonetic", "--", "-take.wav"}, "/dev/null", {}, dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  expect_one_line_error_only(run_facecast({"animate", "-take.wav"}, "/dev/null", {}, dir), 2, "-take.wav");
}

TEST(facecastServe, rejectsUnknownFlagsAndBadValuesBeforeStarting) {
  expect_one_line_error_only(run_facecast({"serve", "--frobnicate"}), 2, "--frobnicate");
  expect_one_line_error_only(run_facecast({"serve", "--port", "99999"}), 2, "port");
  expect_one_line_error_only(run_facecast({"serve", "extra"}), 2, "extra");
}

TEST(facecastServe, helpListsServerSettings) {
  auto r = run_facecast({"serve", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--port"), std::string::npos);
  EXPECT_NE(r.out.find("FACECAST_"), std::string::npos);
}
