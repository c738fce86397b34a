// Small JSON text helpers for the server's hand-written messages (access log,
// stream frames), appending to one reused string without a DOM.
#pragma once
#include <string>
#include <string_view>

namespace facecast::server {

void append_quoted(std::string& out, std::string_view s);  // JSON string with escapes
void append_number(std::string& out, double v, int decimals);  // fixed, trailing zeros dropped; non-finite -> 0

}  // namespace facecast::server
