#include "avatar_file.h"

namespace facecast::avatar::testing {

std::string avatar_path(const std::string& preset) { return std::string(FACECAST_AVATAR_DIR) + "/" + preset + ".glb"; }

const ReadGlb& default_avatar() {
  static const ReadGlb glb = read_glb(read_file(avatar_path("ada")));
  return glb;
}

const FaceLayout& default_layout() {
  static const FaceLayout layout = make_layout(find_preset("ada"));
  return layout;
}

}  // namespace facecast::avatar::testing
