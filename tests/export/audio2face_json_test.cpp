#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "export/audio2face_json.h"
#include "export/sample_animation.h"

using namespace facecast;
using nlohmann::json;

namespace {

using Quaternion = std::array<double, 4>;  // x, y, z, w

Quaternion about_axis(int axis, double degrees) {
  Quaternion q{0, 0, 0, std::cos(degrees * M_PI / 360)};
  q[axis] = std::sin(degrees * M_PI / 360);
  return q;
}

Quaternion multiply(const Quaternion& a, const Quaternion& b) {
  return {a[3] * b[0] + a[0] * b[3] + a[1] * b[2] - a[2] * b[1], a[3] * b[1] - a[0] * b[2] + a[1] * b[3] + a[2] * b[0],
          a[3] * b[2] + a[0] * b[1] - a[1] * b[0] + a[2] * b[3], a[3] * b[3] - a[0] * b[0] - a[1] * b[1] - a[2] * b[2]};
}

// The web app's turn: Euler(-pitch, yaw, roll, 'YXZ'), i.e. yaw about Y, then
// pitch about X, then roll about Z, each in the frame the previous one left.
Quaternion web_app_rotation(double pitch, double yaw, double roll) {
  return multiply(multiply(about_axis(1, yaw), about_axis(0, -pitch)), about_axis(2, roll));
}

void expect_quaternion(const json& got, const Quaternion& want, const std::string& what) {
  ASSERT_EQ(got.size(), 4u) << what;
  const double sign = got[3].get<double>() * want[3] < 0 ? -1 : 1;  // q and -q are one rotation
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(got[i].get<double>(), sign * want[i], 2e-6) << what << " [" << i << "]";
}

}  // namespace

TEST(toAudio2FaceJson, holdsTheFieldsAudio2FaceExports) {
  const Animation a = facecast::testing::sample_animation(4);
  const json d = json::parse(exporter::to_audio2face_json(a, "take 1.wav"));
  EXPECT_EQ(d["exportFps"], 30);
  EXPECT_EQ(d["trackPath"], "take 1.wav");
  EXPECT_EQ(d["numPoses"], 52);
  EXPECT_EQ(d["numFrames"], 4);
  ASSERT_EQ(d["facsNames"].size(), kBlendshapeCount);
  for (std::size_t i = 0; i < kBlendshapeCount; ++i) EXPECT_EQ(d["facsNames"][i], kBlendshapeNames[i]);
  ASSERT_EQ(d["weightMat"].size(), 4u);
  for (std::size_t f = 0; f < 4; ++f) {
    ASSERT_EQ(d["weightMat"][f].size(), kBlendshapeCount);
    for (std::size_t i = 0; i < kBlendshapeCount; ++i)
      EXPECT_NEAR(d["weightMat"][f][i].get<double>(), a.frames[f].blendshapes[i], 5e-5);
  }
  EXPECT_EQ(d["joints"], json({"eye_L", "eye_R", "head"}));
  ASSERT_EQ(d["rotations"].size(), 4u);
  ASSERT_EQ(d["translations"].size(), 4u);
  EXPECT_EQ(d["translations"][3], json({{0, 0, 0}, {0, 0, 0}, {0, 0, 0}}));
}

TEST(toAudio2FaceJson, rotationsTurnJointsAsTheWebAppTurnsTheAvatar) {
  Animation a = facecast::testing::sample_animation(3);
  a.frames[0].eye_rotation = {0, 20, 0, 0};    // left eye looks to the face's left only
  a.frames[0].head_rotation = {10, 0, 0};      // chin up only
  a.frames[1].head_rotation = {0, 0, -8};      // roll only
  // sample_animation's frame 2: head {1.5, -2.25, 0.125}, eyes {-3, 4.5, -3, 9}
  const json r = json::parse(exporter::to_audio2face_json(a, ""))["rotations"];
  expect_quaternion(r[0][0], about_axis(1, 20), "pure yaw turns about +Y");
  expect_quaternion(r[0][1], {0, 0, 0, 1}, "a still eye is the identity");
  expect_quaternion(r[0][2], about_axis(0, -10), "chin up turns about -X");
  expect_quaternion(r[1][2], about_axis(2, -8), "roll turns about Z");
  expect_quaternion(r[2][0], web_app_rotation(-3, 4.5, 0), "left eye");
  expect_quaternion(r[2][1], web_app_rotation(-3, 9, 0), "right eye");
  expect_quaternion(r[2][2], web_app_rotation(1.5, -2.25, 0.125), "head");
}

TEST(toAudio2FaceJson, anEmptyAnimationIsValidJsonWithNoFrames) {
  Animation a = facecast::testing::sample_animation(0);
  const json d = json::parse(exporter::to_audio2face_json(a, "bad \"name\"\n"));
  EXPECT_EQ(d["numFrames"], 0);
  EXPECT_TRUE(d["weightMat"].empty());
  EXPECT_TRUE(d["rotations"].empty());
  EXPECT_EQ(d["trackPath"], "bad \"name\"\n");
}
