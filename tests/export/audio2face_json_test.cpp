#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "export/audio2face_json.h"
#include "export/sample_animation.h"

using namespace facecast;
using nlohmann::json;


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
  // No joint: a rest-relative transform would pull an importer's bones to their
  // parent's origin. One empty list per frame, the shape importers index.
  EXPECT_EQ(d["joints"], json::array());
  ASSERT_EQ(d["rotations"].size(), 4u);
  ASSERT_EQ(d["translations"].size(), 4u);
  EXPECT_EQ(d["rotations"][3], json::array());
  EXPECT_EQ(d["translations"][3], json::array());
}

TEST(toAudio2FaceJson, anEmptyAnimationIsValidJsonWithNoFrames) {
  Animation a = facecast::testing::sample_animation(0);
  const json d = json::parse(exporter::to_audio2face_json(a, "bad \"name\"\n"));
  EXPECT_EQ(d["numFrames"], 0);
  EXPECT_TRUE(d["weightMat"].empty());
  EXPECT_TRUE(d["rotations"].empty());
  EXPECT_EQ(d["trackPath"], "bad \"name\"\n");
}
