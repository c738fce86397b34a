#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace facecast::cli {

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

Progress::Progress(std::size_t total, bool terminal) : total_(total), terminal_(terminal) {
  std::lock_guard lock(mutex_);
  if (terminal_) draw_bar();
}

void Progress::draw_bar() {
  constexpr int kWidth = 30;
  int filled = total_ ? static_cast<int>(kWidth * done_ / total_) : kWidth;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\r\x1b[K[%s] %zu/%zu", bar.c_str(), done_, total_);
  if (failures_) std::fprintf(stderr, ", %zu failed", failures_);
  std::fflush(stderr);
}

void Progress::succeeded(const std::string& line) {
  std::lock_guard lock(mutex_);
  ++done_;
  if (terminal_) draw_bar();
  else std::fprintf(stderr, "facecast: [%zu/%zu] %s\n", done_, total_, line.c_str());
}

void Progress::reported(const std::string& line) {
  std::lock_guard lock(mutex_);
  ++done_;
  write_line(line);
}

void Progress::failed(const std::string& line) {
  std::lock_guard lock(mutex_);
  ++done_;
  ++failures_;
  write_line(line);
}

void Progress::write_line(const std::string& line) {
  if (terminal_) std::fprintf(stderr, "\r\x1b[K");  // the line replaces the bar, which is drawn again below it
  std::fprintf(stderr, "facecast: [%zu/%zu] %s\n", done_, total_, line.c_str());
  if (terminal_) draw_bar();
}

void Progress::finish() {
  std::lock_guard lock(mutex_);
  if (terminal_) std::fprintf(stderr, "\n");
}

}  // namespace facecast::cli
