// Batch progress on stderr: a redrawn bar on a terminal, one plain line per
// file otherwise (logs, CI). Failures are always a line of their own.
// Thread-safe: workers report as they finish.
#pragma once
#include <cstddef>
#include <mutex>
#include <string>

namespace facecast::cli {

class Progress {
 public:
  Progress(std::size_t total, bool terminal);
  void succeeded(const std::string& line);  // "name.wav: ok": a line only off a terminal
  void reported(const std::string& line);   // a success's summary (-v): always a line
  void failed(const std::string& line);     // the error, naming the file
  void finish();  // ends the bar's line

 private:
  void draw_bar();  // caller holds mutex_
  void write_line(const std::string& line);  // caller holds mutex_
  std::mutex mutex_;
  std::size_t total_, done_ = 0, failures_ = 0;
  bool terminal_;
};

bool stderr_is_terminal();

}  // namespace facecast::cli
