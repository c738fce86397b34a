#include "server/event_log.h"

#include <atomic>
#include <cstdio>
#include <string>

#include "core/error.h"
#include "server/json_text.h"

namespace facecast::server {
namespace {

std::atomic<LogFormat> g_format{LogFormat::Text};

std::string_view level_name(LogLevel level) {
  switch (level) {
    case LogLevel::Info: return "info";
    case LogLevel::Warning: return "warning";
    case LogLevel::Error: return "error";
  }
  return "info";
}

}  // namespace

void set_log_format(LogFormat format) { g_format = format; }

void log_event(LogLevel level, std::string_view message) {
  std::string line;
  if (g_format == LogFormat::Json) {
    line = "{\"ts\":";
    append_timestamp(line);
    line += ",\"level\":\"";
    line += level_name(level);
    line += "\",\"message\":";
    append_quoted(line, message);
    line += "}\n";
  } else {
    line = level == LogLevel::Warning ? "facecast: warning: " : "facecast: ";
    line += one_line(message);  // a quoted file name or client text must not start a new line
    line += '\n';
  }
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

}  // namespace facecast::server
