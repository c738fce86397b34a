// `facecast avatar`: the generated avatars as files, through the real binary.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "cli/run_facecast.h"

using facecast::testing::lines_of;
using facecast::testing::run_facecast;
using facecast::testing::temp_dir;

namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST(facecastAvatar, listsThePresetsDefaultFirst) {
  auto r = run_facecast({"avatar", "--list"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  auto names = lines_of(r.out);
  ASSERT_GE(names.size(), 3u);
  EXPECT_EQ(names[0], "ada");
}

TEST(facecastAvatar, writesAGlbPerPresetDeterministically) {
  const auto dir = temp_dir("avatar");
  const auto first = dir + "/kofi.glb", second = dir + "/kofi-again.glb", fallback = dir + "/default.glb";
  ASSERT_EQ(run_facecast({"avatar", "-o", first, "--preset", "kofi"}).exit_code, 0);
  ASSERT_EQ(run_facecast({"avatar", "--preset=kofi", "--output=" + second}).exit_code, 0);
  ASSERT_EQ(run_facecast({"avatar", "-o", fallback}).exit_code, 0);
  const auto bytes = read_file(first);
  ASSERT_GT(bytes.size(), 1000u);
  EXPECT_EQ(bytes.substr(0, 4), "glTF");  // GLB magic
  EXPECT_EQ(bytes, read_file(second));
  EXPECT_EQ(bytes, run_facecast({"avatar", "--preset", "kofi", "-o", "-"}).out);  // - is standard output
  EXPECT_NE(bytes, read_file(fallback));  // the default (ada) is another face
  EXPECT_LE(std::filesystem::file_size(first), 5u * 1024 * 1024);
}

TEST(facecastAvatar, unknownPresetIsExit2NamingTheKnownOnes) {
  auto r = run_facecast({"avatar", "-o", temp_dir("avatar-bad") + "/x.glb", "--preset", "zed"});
  EXPECT_EQ(r.exit_code, 2);
  ASSERT_EQ(lines_of(r.err).size(), 1u) << r.err;
  EXPECT_NE(r.err.find("zed"), std::string::npos);
  EXPECT_NE(r.err.find("ada"), std::string::npos);
}

TEST(facecastAvatar, missingOutputOrUnwritablePathIsAOneLineError) {
  auto missing = run_facecast({"avatar"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(lines_of(missing.err).size(), 1u);
  auto unwritable = run_facecast({"avatar", "-o", "/nonexistent-dir/x.glb"});
  EXPECT_EQ(unwritable.exit_code, 1);
  EXPECT_EQ(lines_of(unwritable.err).size(), 1u);
}
