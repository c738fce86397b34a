// Each of the 52 ARKit targets moves what its name says, on the right side, and
// nothing outside the region it belongs to (checked on the built default avatar).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "avatar_file.h"
#include "core/names.h"

namespace facecast::avatar::testing {
namespace {

using Region = std::function<bool(Vec3)>;

struct Expectation {
  Blendshape shape;
  std::string mesh;   // mesh holding the vertices that must move
  Region must_move;   // which of its vertices
  Vec3 direction;     // they must travel this way ...
  float min_travel;   // ... by at least this much (metres, best vertex)
  Region allowed;     // no vertex of any mesh outside this region may move
};

constexpr float kStill = 1e-4f;  // 0.1 mm: "nothing else moves"

std::vector<Expectation> expectations() {
  const FaceLayout& L = default_layout();
  const Vec3 eye[2] = {L.eye_center[0], L.eye_center[1]};
  const float my = L.mouth_y, cx = L.mouth_corner_x, lz = L.lip_front_z;
  auto near = [](Vec3 c, float r) { return [=](Vec3 p) { return length(p - c) < r; }; };
  auto left = [](Vec3 p) { return p.x > -0.002f; };
  auto right = [](Vec3 p) { return p.x < 0.002f; };
  auto both = [](const Region& a, const Region& b) { return [=](Vec3 p) { return a(p) && b(p); }; };
  auto eye_front = [=](int s) { return [=](Vec3 p) { return length(p - eye[s]) < L.eye_radius * 1.01f && p.z > eye[s].z + 0.9f * L.eye_radius; }; };
  auto upper_lid = [=](int s) { return [=](Vec3 p) { return length(p - eye[s]) < 0.02f && p.y > eye[s].y + 0.004f && p.z > eye[s].z; }; };
  auto lower_lid = [=](int s) { return [=](Vec3 p) { return length(p - eye[s]) < 0.02f && p.y < eye[s].y - 0.003f && p.z > eye[s].z; }; };
  // The lid and its fold reach ~2.5 eye radii (~45 mm) from the eye's centre (towards the nose).
  auto eye_zone = [=](int s) { return near(eye[s], 2.55f * L.eye_radius); };
  auto jaw_zone = [=](Vec3 p) { return p.y < my + 0.032f && p.z > -0.04f && std::fabs(p.x) < 0.078f; };
  auto mouth_zone = [=](Vec3 p) { return std::fabs(p.x) < cx + 0.03f && std::fabs(p.y - my) < 0.045f && p.z > 0.03f; };
  auto lower_lip = [=](Vec3 p) { return std::fabs(p.x) < 0.01f && p.y < my - 0.002f && p.y > my - 0.012f && p.z > lz - 0.012f; };
  auto upper_lip = [=](Vec3 p) { return std::fabs(p.x) < 0.01f && p.y > my + 0.002f && p.y < my + 0.011f && p.z > lz - 0.012f; };
  auto lips = [=](Vec3 p) { return lower_lip(p) || upper_lip(p); };
  auto corner = [=](float s) { return near({s * cx, my, lz - 0.009f}, 0.007f); };
  auto lip_side = [=](float s, bool upper) {
    return [=](Vec3 p) {
      float x = p.x * s;
      return x > 0.004f && x < 0.015f && (upper ? (p.y > my + 0.002f && p.y < my + 0.011f) : (p.y < my - 0.002f && p.y > my - 0.012f)) &&
             p.z > lz - 0.012f;
    };
  };
  auto brow_zone = [=](Vec3 p) { return p.y > eye[0].y - 0.012f && p.z > 0.02f; };
  auto brows_from = [=](float xmin, float xmax) { return [=](Vec3 p) { return p.x > xmin && p.x < xmax; }; };
  auto cheek_zone = [=](Vec3 p) { return p.y < eye[0].y && p.y > my - 0.04f && p.z > 0.02f; };
  const Vec3 up{0, 1, 0}, down{0, -1, 0}, toL{1, 0, 0}, toR{-1, 0, 0}, fwd{0, 0, 1}, back{0, 0, -1};
  return {
      {eyeBlinkLeft, "Eyelids", upper_lid(0), down, 0.004f, both(left, eye_zone(0))},
      {eyeLookDownLeft, "EyeLeft", eye_front(0), down, 0.003f, both(left, eye_zone(0))},
      {eyeLookInLeft, "EyeLeft", eye_front(0), toR, 0.004f, both(left, eye_zone(0))},
      {eyeLookOutLeft, "EyeLeft", eye_front(0), toL, 0.004f, both(left, eye_zone(0))},
      {eyeLookUpLeft, "EyeLeft", eye_front(0), up, 0.003f, both(left, eye_zone(0))},
      {eyeSquintLeft, "Eyelids", lower_lid(0), up, 0.0015f, both(left, eye_zone(0))},
      {eyeWideLeft, "Eyelids", upper_lid(0), up, 0.0015f, both(left, eye_zone(0))},
      {eyeBlinkRight, "Eyelids", upper_lid(1), down, 0.004f, both(right, eye_zone(1))},
      {eyeLookDownRight, "EyeRight", eye_front(1), down, 0.003f, both(right, eye_zone(1))},
      {eyeLookInRight, "EyeRight", eye_front(1), toL, 0.004f, both(right, eye_zone(1))},
      {eyeLookOutRight, "EyeRight", eye_front(1), toR, 0.004f, both(right, eye_zone(1))},
      {eyeLookUpRight, "EyeRight", eye_front(1), up, 0.003f, both(right, eye_zone(1))},
      {eyeSquintRight, "Eyelids", lower_lid(1), up, 0.0015f, both(right, eye_zone(1))},
      {eyeWideRight, "Eyelids", upper_lid(1), up, 0.0015f, both(right, eye_zone(1))},
      {jawForward, "Skin", near(L.chin, 0.015f), fwd, 0.004f, jaw_zone},
      {jawLeft, "Skin", near(L.chin, 0.015f), toL, 0.004f, jaw_zone},
      {jawRight, "Skin", near(L.chin, 0.015f), toR, 0.004f, jaw_zone},
      {jawOpen, "Skin", near(L.chin, 0.015f), down, 0.015f, jaw_zone},
      {mouthClose, "Skin", lower_lip, up, 0.01f, jaw_zone},
      {mouthFunnel, "Skin", lips, fwd, 0.003f, mouth_zone},
      {mouthPucker, "Skin", lips, fwd, 0.004f, mouth_zone},
      {mouthLeft, "Skin", lips, toL, 0.004f, mouth_zone},
      {mouthRight, "Skin", lips, toR, 0.004f, mouth_zone},
      {mouthSmileLeft, "Skin", corner(1), up, 0.003f, both(left, cheek_zone)},
      {mouthSmileRight, "Skin", corner(-1), up, 0.003f, both(right, cheek_zone)},
      {mouthFrownLeft, "Skin", corner(1), down, 0.003f, both(left, mouth_zone)},
      {mouthFrownRight, "Skin", corner(-1), down, 0.003f, both(right, mouth_zone)},
      {mouthDimpleLeft, "Skin", corner(1), back, 0.002f, both(left, mouth_zone)},
      {mouthDimpleRight, "Skin", corner(-1), back, 0.002f, both(right, mouth_zone)},
      {mouthStretchLeft, "Skin", corner(1), toL, 0.003f, both(left, mouth_zone)},
      {mouthStretchRight, "Skin", corner(-1), toR, 0.003f, both(right, mouth_zone)},
      {mouthRollLower, "Skin", lower_lip, back, 0.002f, mouth_zone},
      {mouthRollUpper, "Skin", upper_lip, back, 0.002f, mouth_zone},
      {mouthShrugLower, "Skin", lower_lip, up, 0.0015f, jaw_zone},
      {mouthShrugUpper, "Skin", upper_lip, up, 0.0012f, mouth_zone},
      {mouthPressLeft, "Skin", lip_side(1, true), down, 0.001f, both(left, mouth_zone)},
      {mouthPressRight, "Skin", lip_side(-1, true), down, 0.001f, both(right, mouth_zone)},
      {mouthLowerDownLeft, "Skin", lip_side(1, false), down, 0.003f, both(left, mouth_zone)},
      {mouthLowerDownRight, "Skin", lip_side(-1, false), down, 0.003f, both(right, mouth_zone)},
      {mouthUpperUpLeft, "Skin", lip_side(1, true), up, 0.003f, both(left, mouth_zone)},
      {mouthUpperUpRight, "Skin", lip_side(-1, true), up, 0.003f, both(right, mouth_zone)},
      {browDownLeft, "Eyebrows", brows_from(0.0f, 1.0f), down, 0.002f, both(left, brow_zone)},
      {browDownRight, "Eyebrows", brows_from(-1.0f, 0.0f), down, 0.002f, both(right, brow_zone)},
      {browInnerUp, "Eyebrows", brows_from(-0.02f, 0.02f), up, 0.003f, brow_zone},
      {browOuterUpLeft, "Eyebrows", brows_from(0.04f, 1.0f), up, 0.003f, both(left, brow_zone)},
      {browOuterUpRight, "Eyebrows", brows_from(-1.0f, -0.04f), up, 0.003f, both(right, brow_zone)},
      {cheekPuff, "Skin", [](Vec3 p) { return p.x > 0.03f && p.y < -0.03f && p.y > -0.06f && p.z > 0.03f; }, toL, 0.003f,
       cheek_zone},
      {cheekSquintLeft, "Skin", [](Vec3 p) { return p.x > 0.025f && p.x < 0.045f && p.y > -0.02f && p.y < 0.0f && p.z > 0.05f; },
       up, 0.0015f, both(left, cheek_zone)},
      {cheekSquintRight, "Skin", [](Vec3 p) { return p.x < -0.025f && p.x > -0.045f && p.y > -0.02f && p.y < 0.0f && p.z > 0.05f; },
       up, 0.0015f, both(right, cheek_zone)},
      {noseSneerLeft, "Skin", near({0.012f, -0.028f, 0.092f}, 0.008f), up, 0.002f, both(left, cheek_zone)},
      {noseSneerRight, "Skin", near({-0.012f, -0.028f, 0.092f}, 0.008f), up, 0.002f, both(right, cheek_zone)},
      {tongueOut, "Tongue", [=](Vec3 p) { return p.z > lz - 0.03f; }, fwd, 0.015f,
       [=](Vec3 p) { return std::fabs(p.x) < cx + 0.03f && std::fabs(p.y - my) < 0.045f && p.z > 0.0f; }},
  };
}

class ArkitTarget : public ::testing::TestWithParam<std::size_t> {};

TEST_P(ArkitTarget, movesItsRegionTheNamedWayAndNothingElse) {
  const auto all = expectations();
  const Expectation& e = all[GetParam()];
  const std::string name(kBlendshapeNames[e.shape]);
  const ReadGlb& glb = default_avatar();

  const ReadMesh& mover = glb.mesh(e.mesh);
  ASSERT_TRUE(mover.targets.count(name)) << e.mesh << " has no target " << name;
  float best = -1;
  std::size_t candidates = 0;
  const auto& deltas = mover.targets.at(name);
  for (std::size_t v = 0; v < mover.positions.size(); ++v) {
    if (!e.must_move(mover.positions[v])) continue;
    ++candidates;
    best = std::max(best, dot(deltas[v], e.direction));
  }
  ASSERT_GT(candidates, 0u) << "no " << e.mesh << " vertices in the region " << name << " must move";
  EXPECT_GE(best, e.min_travel) << name << " moves " << e.mesh << " only " << best * 1000 << " mm the named way";

  for (const ReadMesh& mesh : glb.meshes) {
    auto t = mesh.targets.find(name);
    if (t == mesh.targets.end()) continue;
    std::size_t strays = 0;
    Vec3 example{};
    for (std::size_t v = 0; v < mesh.positions.size(); ++v)
      if (length(t->second[v]) > kStill && !e.allowed(mesh.positions[v])) {
        if (!strays++) example = mesh.positions[v];
      }
    EXPECT_EQ(strays, 0u) << name << " moves " << strays << " " << mesh.name << " vertices outside its region, e.g. at ("
                          << example.x << ", " << example.y << ", " << example.z << ")";
  }
}

INSTANTIATE_TEST_SUITE_P(avatarMorphs, ArkitTarget, ::testing::Range<std::size_t>(0, kBlendshapeCount),
                         [](const ::testing::TestParamInfo<std::size_t>& info) {
                           return std::string(kBlendshapeNames[expectations()[info.param].shape]);
                         });

TEST(avatarMorphs, expectationsCoverAll52InOrder) {
  auto all = expectations();
  ASSERT_EQ(all.size(), kBlendshapeCount);
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].shape, static_cast<Blendshape>(i));
}

}  // namespace
}  // namespace facecast::avatar::testing
