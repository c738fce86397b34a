// JSON helpers for the server's hand-written log lines (access and events),
// appending to one reused string without a DOM.
#pragma once
#include <string>
#include <string_view>

namespace facecast::server {

void append_quoted(std::string& out, std::string_view s);  // JSON string with escapes
void append_timestamp(std::string& out);  // the current UTC time, quoted: "2026-11-27T13:05:01.123Z"

}  // namespace facecast::server
