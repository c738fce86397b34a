// An open mouth is round at the corners, not a rectangle: on jawOpen the lower lip drops
// less towards the corners, roughly as an ellipse does (checked on the built default avatar).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "avatar_file.h"

namespace facecast::avatar::testing {
namespace {

// Mean downward travel on jawOpen of the lower lip's front, just below the mouth line,
// over the vertices with |x| / mouth half-width in [from, to).
float lower_lip_drop(const ReadMesh& skin, const FaceLayout& L, float from, float to) {
  const auto& jaw = skin.targets.at("jawOpen");
  float sum = 0;
  int count = 0;
  for (std::size_t v = 0; v < skin.positions.size(); ++v) {
    Vec3 p = skin.positions[v];
    float u = std::fabs(p.x) / L.mouth_corner_x;
    if (u < from || u >= to || p.y > L.mouth_y - 0.0008f || p.y < L.mouth_y - 0.005f || p.z < L.lip_front_z - 0.012f) continue;
    sum += -jaw[v].y;
    ++count;
  }
  EXPECT_GT(count, 0) << "no lower-lip vertices at |x|/half-width in [" << from << ", " << to << ")";
  return count ? sum / count : 0.0f;
}

TEST(avatarMouthShape, jawOpenOpensRoundNotSquareAtTheCorners) {
  const ReadMesh& skin = default_avatar().mesh("Skin");
  const FaceLayout& L = default_layout();
  float centre = lower_lip_drop(skin, L, 0.0f, 0.2f);
  float towards_corner = lower_lip_drop(skin, L, 0.6f, 0.7f);
  float near_corner = lower_lip_drop(skin, L, 0.85f, 0.95f);
  ASSERT_GT(centre, 0.015f) << "the lower lip's middle should drop well over a centimetre";
  // An ellipse keeps ~76% of its height at 0.65 of its half-width and ~44% at 0.9; a
  // rectangle keeps all of it. Allow some slack for the lip's thickness.
  EXPECT_LT(towards_corner, 0.9f * centre) << "drop at 0.65 of the half-width: " << towards_corner * 1000 << " mm, centre "
                                           << centre * 1000 << " mm";
  EXPECT_LT(near_corner, 0.6f * centre) << "drop at 0.9 of the half-width: " << near_corner * 1000 << " mm, centre "
                                        << centre * 1000 << " mm";
  EXPECT_GT(near_corner, 0.0f) << "the corners should still open a little";
}

}  // namespace
}  // namespace facecast::avatar::testing
