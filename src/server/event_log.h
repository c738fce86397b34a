// The server's own messages (start-up, shutdown, failures) on standard error,
// beside the JSON access lines: plain text for a person at a terminal, or JSON
// lines for a log collector (log_format=json), so every line parses.
#pragma once
#include <string_view>

#include "core/settings.h"

namespace facecast::server {

enum class LogLevel { Info, Warning, Error };

// Process-wide, like the standard error it writes to; set once a command's settings
// are resolved (cli/settings_layers), before the server starts.
void set_log_format(LogFormat format);

// One line, written with one fwrite so lines from different threads never interleave.
// Text: "facecast: message" ("facecast: warning: message" for warnings);
// JSON: {"ts":"...","level":"info","message":"..."}.
void log_event(LogLevel level, std::string_view message);

}  // namespace facecast::server
