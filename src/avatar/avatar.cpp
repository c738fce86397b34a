#include "avatar/avatar.h"

#include <fstream>

#include "avatar/assemble.h"
#include "avatar/glb_writer.h"
#include "core/error.h"

namespace facecast::avatar {

std::vector<std::string> preset_names() {
  std::vector<std::string> names;
  for (const auto& p : presets()) names.push_back(p.name);
  return names;
}

std::vector<std::byte> build_glb(std::string_view preset_name) {
  const Preset& preset = find_preset(preset_name);
  return write_glb_bytes(assemble_avatar(preset), "Avatar_" + preset.name);
}

void write_glb(std::string_view preset, const std::string& path) {
  std::vector<std::byte> bytes = build_glb(preset);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw Error(ErrorCode::NotFound, "cannot write avatar file '" + path + "'");
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw Error(ErrorCode::NotFound, "failed writing avatar file '" + path + "'");
}

}  // namespace facecast::avatar
