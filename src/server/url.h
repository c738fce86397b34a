// Request targets: path and query string, percent-decoding.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace facecast::server {

struct Target {
  std::string_view path;
  std::string_view query;  // without '?'
};
Target split_target(std::string_view target);

// Percent-decoding; '+' becomes ' ' when form is true (query strings).
// Throws Error(InvalidArgument) for a bad escape.
std::string url_decode(std::string_view text, bool form);

// key=value pairs of a query string, decoded, in order.
std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query);

}  // namespace facecast::server
