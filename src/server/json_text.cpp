#include "server/json_text.h"

#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

namespace facecast::server {

void append_quoted(std::string& out, std::string_view s) {
  // nlohmann escapes control characters and replaces invalid UTF-8.
  out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void append_number(std::string& out, double v, int decimals) {
  if (!std::isfinite(v)) v = 0;
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  if (ec != std::errc()) { out += '0'; return; }
  char* p = end;
  if (decimals > 0) {
    while (p[-1] == '0') --p;
    if (p[-1] == '.') --p;
  }
  std::string_view text(buf, p - buf);
  if (text == "-0") text = "0";
  out += text;
}

}  // namespace facecast::server
