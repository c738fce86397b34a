#include "server/json_text.h"

#include <chrono>
#include <iterator>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace facecast::server {

void append_quoted(std::string& out, std::string_view s) {
  // nlohmann escapes control characters and replaces invalid UTF-8.
  out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void append_timestamp(std::string& out) {
  const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  fmt::format_to(std::back_inserter(out), "\"{:%Y-%m-%dT%H:%M:%S}Z\"", now);
}

}  // namespace facecast::server
