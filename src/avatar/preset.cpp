#include "avatar/preset.h"

#include "core/error.h"

namespace facecast::avatar {

const std::vector<Preset>& presets() {
  // First entry is the default avatar.
  static const std::vector<Preset> all = {
      {"ada", 0xF2C9A8, 0xD98A86, 0x5E6F45, 0x5A3A22, 0x4A3020, 0x4F7DBF, HairStyle::crop, Clothing::turtleneck,
       1.0f, 1.0f, 1.0f, 1.0f, 1.0f, 0.06f, 1.0f, 1.0f, 1.0f, 1.0f, 0.0f},
      {"kofi", 0x8D5A3B, 0x8A4E45, 0x3B2416, 0x1C1613, 0x1A1310, 0x3E8E5E, HairStyle::curls, Clothing::crew_neck,
       1.04f, 1.12f, 1.2f, 1.25f, 0.97f, 0.03f, 1.06f, 1.25f, 1.06f, 0.97f, -0.002f},
      {"mei", 0xE8B98F, 0xC9706C, 0x6A4424, 0x141112, 0x1E1A18, 0xB8434E, HairStyle::bob, Clothing::hoodie,
       0.96f, 0.90f, 0.88f, 0.92f, 1.02f, 0.11f, 0.92f, 0.80f, 0.94f, 1.06f, 0.002f},
  };
  return all;
}

const Preset& find_preset(std::string_view name) {
  std::string known;
  for (const auto& p : presets()) {
    if (p.name == name) return p;
    known += (known.empty() ? "" : ", ") + p.name;
  }
  throw Error(ErrorCode::InvalidArgument, "unknown avatar preset '" + std::string(name) + "' (known: " + known + ")");
}

}  // namespace facecast::avatar
