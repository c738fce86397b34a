// A part-closed lid stays in front of the eyeball: morph targets move the lid's edge along
// a straight chord, not round the eye, so without help the iris shows through a half blink.
// Checked on the built default avatar, left eye, at several blink weights and with gaze.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "avatar_file.h"

namespace facecast::avatar::testing {
namespace {

Vec3 posed(const ReadMesh& mesh, std::size_t v, const std::map<std::string, float>& weights) {
  Vec3 p = mesh.positions[v];
  for (const auto& [name, w] : weights) p += mesh.targets.at(name)[v] * w;
  return p;
}

// Deepest a left-lid vertex in front of the eyeball sinks below the eyeball's surface (mm,
// positive = the eyeball shows through), for the given weights.
float worst_dip_mm(const std::map<std::string, float>& weights) {
  const ReadGlb& glb = default_avatar();
  const FaceLayout& L = default_layout();
  const Vec3 c = L.eye_center[0];
  const ReadMesh& eye = glb.mesh("EyeLeft");
  const ReadMesh& lids = glb.mesh("Eyelids");
  std::vector<Vec3> eye_dirs;
  std::vector<float> eye_radii;
  for (std::size_t v = 0; v < eye.positions.size(); ++v) {
    Vec3 p = posed(eye, v, weights) - c;
    eye_dirs.push_back(normalize(p));
    eye_radii.push_back(length(p));
  }
  float worst = -1e9f;
  for (std::size_t v = 0; v < lids.positions.size(); ++v) {
    Vec3 d = posed(lids, v, weights) - c;
    float r = length(d);
    Vec3 n = normalize(d);
    // Only the lid over the eyeball's front, where it lies close to the eye.
    if (lids.positions[v].x < 0 || n.z < std::cos(0.9f) || r > L.eye_radius + 0.003f) continue;
    float best = -2, radius = 0;
    for (std::size_t e = 0; e < eye_dirs.size(); ++e) {
      float cosine = dot(eye_dirs[e], n);
      if (cosine > best) { best = cosine; radius = eye_radii[e]; }
    }
    worst = std::max(worst, (radius - r) * 1000);
  }
  return worst;
}

TEST(avatarEyelids, partBlinkKeepsTheLidInFrontOfTheEyeball) {
  for (float w : {0.1f, 0.25f, 0.4f, 0.5f, 0.6f, 0.75f, 0.9f}) {
    for (const char* gaze : {"", "eyeLookDownLeft", "eyeLookUpLeft", "eyeLookOutLeft", "eyeLookInLeft"}) {
      std::map<std::string, float> weights{{"eyeBlinkLeft", w}};
      if (*gaze) weights[gaze] = 1.0f;
      // The eye mesh is a ring of facets; its flat facets sit up to ~0.15 mm inside the
      // sphere the lid is shaped to, hence a little tolerance.
      EXPECT_LT(worst_dip_mm(weights), 0.2f) << "eyeBlinkLeft " << w << (*gaze ? " + " : "") << gaze;
    }
  }
}

}  // namespace
}  // namespace facecast::avatar::testing
