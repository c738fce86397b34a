// "name=value,name=value" lists, as settings take them on the command line and
// in form fields (emotion=joy=0.7,anger=0.2; blendshape_map=jawOpen=Jaw_Open).
#pragma once
#include <functional>
#include <string_view>

namespace facecast {

// Calls take(name, value) for each item, both trimmed of spaces; empty items
// between commas are errors, a trailing comma is not. Throws
// Error(InvalidArgument) starting with `where` and showing `example`.
void for_each_name_value(std::string_view text, std::string_view where, std::string_view example,
                         const std::function<void(std::string_view name, std::string_view value)>& take);

std::string_view trim_spaces(std::string_view s);

}  // namespace facecast
