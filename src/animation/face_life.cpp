#include "animation/face_life.h"

#include "animation/face_layers.h"

namespace facecast::animation {

std::vector<std::unique_ptr<FaceLayer>> make_face_life_layers(const FaceSettings& settings) {
  std::vector<std::unique_ptr<FaceLayer>> layers;
  layers.push_back(make_expression_layer(settings));  // first: sets the emotional base pose
  layers.push_back(make_head_layer(settings));        // adds prosody motion to head and brows
  layers.push_back(make_gaze_layer(settings));        // needs the final head rotation
  layers.push_back(make_blink_layer(settings));       // last: closes lids over whatever is there
  return layers;
}

}  // namespace facecast::animation
