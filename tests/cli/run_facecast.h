// Runs the real facecast binary (FACECAST_BINARY) and captures what it says.
#pragma once
#include <string>
#include <vector>

namespace facecast::testing {

struct RunResult {
  int exit_code = -1;  // -1 if it did not exit normally (crashed)
  std::string out;
  std::string err;
};

// stdin_path: a file to use as standard input (default: /dev/null);
// env: extra "KEY=value" environment entries; working_dir: where it runs
// (default: the test's own).
RunResult run_facecast(const std::vector<std::string>& args, const std::string& stdin_path = "/dev/null",
                       const std::vector<std::string>& env = {}, const std::string& working_dir = "");

// As run_facecast, as user nobody when the tests run as root (whom no file
// permission stops), to meet files it may not read.
RunResult run_facecast_unprivileged(const std::vector<std::string>& args);

// A fresh empty directory under the test's temp dir, removed at exit.
std::string temp_dir(const std::string& name);

std::vector<std::string> lines_of(const std::string& text);

// An error is exactly one line on stderr, "facecast: ...", naming what is wrong.
void expect_one_line_error(const RunResult& r, int code, const std::string& mentions);

}  // namespace facecast::testing
