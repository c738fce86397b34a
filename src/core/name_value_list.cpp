#include "core/name_value_list.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/error.h"

namespace facecast {

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

void for_each_name_value(std::string_view text, std::string_view where, std::string_view example,
                         const std::function<void(std::string_view name, std::string_view value)>& take) {
  std::size_t from = 0;
  while (from <= text.size()) {
    const std::size_t comma = std::min(text.find(',', from), text.size());
    const std::string_view pair = trim_spaces(text.substr(from, comma - from));
    from = comma + 1;
    if (pair.empty()) {
      if (comma == text.size()) break;
      throw Error(ErrorCode::InvalidArgument,
                  fmt::format("{}: empty item in '{}'; expected name=value pairs such as {}", where, excerpt(text), example));
    }
    const std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos)
      throw Error(ErrorCode::InvalidArgument, fmt::format("{}: '{}' is not name=value (e.g. {})", where, excerpt(pair), example));
    take(trim_spaces(pair.substr(0, eq)), trim_spaces(pair.substr(eq + 1)));
  }
}

}  // namespace facecast
