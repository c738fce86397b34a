#include "core/blendshape_map.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/error.h"
#include "core/name_value_list.h"
#include "core/names.h"
#include "core/spelling.h"

namespace facecast {
namespace {

constexpr std::string_view kWhere = "setting 'blendshape_map'";
constexpr std::size_t kMaxNameBytes = 64;

[[noreturn]] void bad(const std::string& what) { throw Error(ErrorCode::InvalidArgument, what); }

std::size_t arkit_index(std::string_view name) {
  for (std::size_t i = 0; i < kBlendshapeCount; ++i)
    if (kBlendshapeNames[i] == name) return i;
  static const std::vector<std::string> known(kBlendshapeNames.begin(), kBlendshapeNames.end());
  const auto like = closest_spelling(name, known);
  bad(fmt::format("{}: '{}' is not an ARKit blendshape name{}", kWhere, excerpt(name),
                  like ? fmt::format("; did you mean '{}'?", *like) : " (see /blendshape-names or 'facecast names')"));
}

void check_new_name(std::string_view from, std::string_view to) {
  if (to.empty()) bad(fmt::format("{}: {} is given no new name", kWhere, from));
  if (to.size() > kMaxNameBytes) bad(fmt::format("{}: the new name of {} is longer than {} bytes", kWhere, from, kMaxNameBytes));
  if (std::any_of(to.begin(), to.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }))
    bad(fmt::format("{}: the new name of {} holds a control character", kWhere, from));
}

}  // namespace

BlendshapeNames parse_blendshape_map(std::string_view text) {
  if (trim_spaces(text).empty()) return {};
  BlendshapeNames names(kBlendshapeNames.begin(), kBlendshapeNames.end());
  std::array<bool, kBlendshapeCount> renamed{};
  for_each_name_value(text, kWhere, "jawOpen=Jaw_Open,mouthClose=Mouth_Close", [&](std::string_view from, std::string_view to) {
    const std::size_t i = arkit_index(from);
    if (renamed[i]) bad(fmt::format("{}: {} is renamed twice", kWhere, from));
    check_new_name(from, to);
    renamed[i] = true;
    names[i] = std::string(to);
  });
  for (std::size_t i = 0; i < kBlendshapeCount; ++i)
    for (std::size_t j = i + 1; j < kBlendshapeCount; ++j)
      if (names[i] == names[j])
        bad(fmt::format("{}: {} and {} would both be named '{}'", kWhere, kBlendshapeNames[i], kBlendshapeNames[j], names[i]));
  return names;
}

std::string_view blendshape_name(const BlendshapeNames& names, std::size_t i) {
  return names.empty() ? kBlendshapeNames[i] : std::string_view(names[i]);
}

}  // namespace facecast
