// The look of one avatar: colours, hair and clothing style, face proportions.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace facecast::avatar {

enum class HairStyle { crop, bob, curls };
enum class Clothing { turtleneck, crew_neck, hoodie };

struct Preset {
  std::string name;
  std::uint32_t skin, lips, iris, hair, brows, cloth;  // sRGB 0xRRGGBB
  HairStyle hair_style;
  Clothing clothing;
  float face_width = 1.0f;   // scales the cranium and cheeks sideways
  float jaw_width = 1.0f;    // scales the lower face sideways
  float nose_size = 1.0f;
  float lip_fullness = 1.0f;
  float eye_size = 1.0f;
  float eye_tilt = 0.06f;      // lift of the outer eye corner, radians per radian from the middle
  float eye_openness = 1.0f;   // height of the eye opening
  float brow_weight = 1.0f;    // thickness of the brows
  float nose_width = 1.0f;     // width of the nostril wings relative to the nose's size
  float cheek_fullness = 1.0f; // size of the cheek apples
  float chin_lift = 0.0f;      // metres the chin sits higher (shorter lower face) or lower
};

const std::vector<Preset>& presets();
// Throws facecast::Error(invalid_argument) naming the known presets when unknown.
const Preset& find_preset(std::string_view name);

}  // namespace facecast::avatar
