#include "server/cors.h"

#include <algorithm>

namespace facecast::server {

CorsPolicy::CorsPolicy(std::string_view origins) {
  while (!origins.empty()) {
    std::size_t comma = origins.find(',');
    std::string_view item = origins.substr(0, comma);
    origins = comma == std::string_view::npos ? std::string_view{} : origins.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '/')) item.remove_suffix(1);
    if (item == "*") any_ = true;
    else if (!item.empty()) origins_.emplace_back(item);
  }
}

std::string CorsPolicy::allow_origin(std::string_view origin) const {
  if (origin.empty()) return {};
  if (any_) return "*";
  if (std::find(origins_.begin(), origins_.end(), origin) != origins_.end()) return std::string(origin);
  return {};
}

bool CorsPolicy::allows_stream(std::string_view origin, std::string_view host) const {
  if (origin.empty() || !allow_origin(origin).empty()) return true;
  const std::size_t scheme_end = origin.find("://");
  const std::string_view origin_host = scheme_end == std::string_view::npos ? origin : origin.substr(scheme_end + 3);
  return !host.empty() && origin_host == host;
}

}  // namespace facecast::server
