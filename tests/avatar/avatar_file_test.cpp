// The generated files as a whole: names, presets, size, determinism, lips and lids.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "avatar/avatar.h"
#include "avatar_file.h"
#include "core/error.h"
#include "core/names.h"

namespace facecast::avatar::testing {
namespace {

const char* const kMovingMeshes[] = {"Skin", "Eyebrows", "Teeth", "Tongue", "EyeLeft", "EyeRight", "Eyelids", "Eyelashes"};

TEST(avatarFile, everyMovingMeshCarriesTheSameNamedTargets) {
  const auto expected = morph_target_names();
  ASSERT_EQ(expected.size(), kBlendshapeCount + kVisemeCount + 5);
  for (std::size_t i = 0; i < kBlendshapeCount; ++i) EXPECT_EQ(expected[i], kBlendshapeNames[i]);
  for (std::size_t i = 0; i < kVisemeCount; ++i) EXPECT_EQ(expected[kBlendshapeCount + i], "viseme_" + std::string(kVisemeNames[i]));
  for (const char* extra : {"mouthOpen", "mouthSmile", "eyesClosed", "eyesLookUp", "eyesLookDown"})
    EXPECT_NE(std::find(expected.begin(), expected.end(), extra), expected.end()) << extra;
  for (const char* mesh : kMovingMeshes) EXPECT_EQ(default_avatar().mesh(mesh).target_order, expected) << mesh;
}

TEST(avatarFile, jawOpenWithMouthCloseKeepsTheLipsTogether) {
  const FaceLayout& L = default_layout();
  const ReadMesh& skin = default_avatar().mesh("Skin");
  const auto& jaw = skin.targets.at("jawOpen");
  const auto& close = skin.targets.at("mouthClose");
  std::size_t lip_vertices = 0;
  for (std::size_t v = 0; v < skin.positions.size(); ++v) {
    Vec3 p = skin.positions[v];
    bool lower_lip = std::fabs(p.x) < 0.008f && p.y < L.mouth_y - 0.001f && p.y > L.mouth_y - 0.008f && p.z > L.lip_front_z - 0.006f;
    if (!lower_lip) continue;
    ++lip_vertices;
    EXPECT_GT(length(jaw[v]), 0.010f) << "jawOpen should part the lips";
    EXPECT_LT(length(jaw[v] + close[v]), 0.0005f) << "lower lip leaves the upper lip at jawOpen + mouthClose";
  }
  EXPECT_GT(lip_vertices, 5u);
}

TEST(avatarFile, blinkCoversTheFrontOfTheEye) {
  const FaceLayout& L = default_layout();
  const ReadMesh& lids = default_avatar().mesh("Eyelids");
  for (int side = 0; side < 2; ++side) {
    const Vec3 front = L.eye_center[side] + Vec3{0, 0, L.eye_radius};
    const auto& blink = lids.targets.at(side == 0 ? "eyeBlinkLeft" : "eyeBlinkRight");
    float open_gap = 1, closed_gap = 1;
    for (std::size_t v = 0; v < lids.positions.size(); ++v) {
      Vec3 p = lids.positions[v];
      Vec3 q = p + blink[v];
      if (p.z > front.z) open_gap = std::min(open_gap, std::hypot(p.x - front.x, p.y - front.y));
      if (q.z > front.z) closed_gap = std::min(closed_gap, std::hypot(q.x - front.x, q.y - front.y));
    }
    EXPECT_GT(open_gap, 0.003f) << "the open eye should show its pupil (side " << side << ")";
    EXPECT_LT(closed_gap, 0.0015f) << "the closed lid should cover the pupil (side " << side << ")";
  }
}

TEST(avatarFile, visemeAaOpensTheMouthAndSilIsNeutral) {
  const ReadMesh& skin = default_avatar().mesh("Skin");
  float aa = 0, sil = 0;
  for (std::size_t v = 0; v < skin.positions.size(); ++v) {
    aa = std::max(aa, -skin.targets.at("viseme_aa")[v].y);
    sil = std::max(sil, length(skin.targets.at("viseme_sil")[v]));
  }
  EXPECT_GT(aa, 0.008f);
  EXPECT_EQ(sil, 0.0f);
}

TEST(avatarFile, everyPresetIsBuiltSmallAndReadable) {
  const auto names = preset_names();
  ASSERT_GE(names.size(), 3u);
  std::vector<std::size_t> skin_sizes;
  for (const auto& name : names) {
    const std::string path = avatar_path(name);
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    EXPECT_LE(std::filesystem::file_size(path), 5u * 1024 * 1024) << path;
    ReadGlb glb = read_glb(read_file(path));
    EXPECT_NO_THROW(glb.mesh("Hair"));
    EXPECT_NO_THROW(glb.mesh("Clothing"));
    skin_sizes.push_back(glb.mesh("Skin").positions.size());
  }
  // Different face proportions give different skin meshes.
  std::sort(skin_sizes.begin(), skin_sizes.end());
  EXPECT_EQ(std::unique(skin_sizes.begin(), skin_sizes.end()), skin_sizes.end());
}

TEST(avatarFile, generationIsDeterministic) {
  const auto bytes = build_glb("ada");
  const auto file = read_file(avatar_path("ada"));
  ASSERT_EQ(bytes.size(), file.size());
  auto diff = std::mismatch(bytes.begin(), bytes.end(), file.begin());
  EXPECT_TRUE(diff.first == bytes.end()) << "first difference at byte " << (diff.first - bytes.begin());
}

TEST(buildGlb, rejectsAnUnknownPresetNamingTheKnownOnes) {
  try {
    build_glb("nobody");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("ada"), std::string::npos);
  }
}

}  // namespace
}  // namespace facecast::avatar::testing
