#include "server/json_text.h"

#include <nlohmann/json.hpp>

namespace facecast::server {

void append_quoted(std::string& out, std::string_view s) {
  // nlohmann escapes control characters and replaces invalid UTF-8.
  out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace facecast::server
