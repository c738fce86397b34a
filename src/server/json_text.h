// A JSON string helper for the server's hand-written access log lines,
// appending to one reused string without a DOM.
#pragma once
#include <string>
#include <string_view>

namespace facecast::server {

void append_quoted(std::string& out, std::string_view s);  // JSON string with escapes

}  // namespace facecast::server
