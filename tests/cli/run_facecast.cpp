#include "cli/run_facecast.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <grp.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/fixtures.h"

namespace facecast::testing {
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::string temp_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("facecast-test-" + std::to_string(getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  static struct Cleanup {
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(fs::temp_directory_path() / ("facecast-test-" + std::to_string(getpid())), ec);
    }
  } cleanup;
  return dir.string();
}

namespace {

RunResult run(const std::vector<std::string>& args, const std::string& stdin_path, const std::vector<std::string>& env,
              const std::string& working_dir, bool unprivileged) {
  const std::string dir = temp_dir("run");
  const std::string out_path = dir + "/stdout", err_path = dir + "/stderr";
  const std::string binary = facecast_binary();
  std::vector<char*> argv{const_cast<char*>(binary.c_str())};
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  RunResult result;
  pid_t pid = fork();
  if (pid == 0) {
    int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    for (const auto& entry : env) putenv(const_cast<char*>(entry.c_str()));
    int in = open(stdin_path.c_str(), O_RDONLY);
    dup2(in, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    if (!working_dir.empty() && chdir(working_dir.c_str()) != 0) _exit(126);
    constexpr uid_t kNobody = 65534;
    if (unprivileged && geteuid() == 0 && (setgroups(0, nullptr) != 0 || setgid(kNobody) != 0 || setuid(kNobody) != 0))
      _exit(126);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = slurp(out_path);
  result.err = slurp(err_path);
  return result;
}

}  // namespace

RunResult run_facecast(const std::vector<std::string>& args, const std::string& stdin_path,
                       const std::vector<std::string>& env, const std::string& working_dir) {
  return run(args, stdin_path, env, working_dir, false);
}

RunResult run_facecast_unprivileged(const std::vector<std::string>& args) {
  return run(args, "/dev/null", {}, "", true);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

void expect_one_line_error(const RunResult& r, int code, const std::string& mentions) {
  EXPECT_EQ(r.exit_code, code) << r.err;
  auto lines = lines_of(r.err);
  ASSERT_EQ(lines.size(), 1u) << r.err;
  EXPECT_EQ(lines[0].rfind("facecast: ", 0), 0u) << lines[0];
  EXPECT_NE(lines[0].find(mentions), std::string::npos) << lines[0];
}

}  // namespace facecast::testing
