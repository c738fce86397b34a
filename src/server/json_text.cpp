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
  using namespace std::chrono;
  const auto now = time_point_cast<milliseconds>(system_clock::now());
  const auto second = time_point_cast<seconds>(now);
  // Milliseconds written out: fmt's %S drops them for a time_point.
  fmt::format_to(std::back_inserter(out), "\"{:%Y-%m-%dT%H:%M:%S}.{:03}Z\"", second, (now - second).count());
}

}  // namespace facecast::server
