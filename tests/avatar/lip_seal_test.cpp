// The lips in the mouth's centre never pass through each other for the jaw/seal mixes
// ARKit produces (mouthClose <= jawOpen; a seal is written as mouthClose = jawOpen), and
// a full seal brings them together at every jaw opening. Checked on the built avatar.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "avatar_file.h"

namespace facecast::avatar::testing {
namespace {

struct LipGap {
  float worst = 1;  // smallest (lowest upper-lip y - highest lower-lip y) over the centre's columns, metres
};

// Posed skin position of vertex v under the given weights.
Vec3 posed(const ReadMesh& skin, std::size_t v, const std::map<std::string, float>& weights) {
  Vec3 p = skin.positions[v];
  for (const auto& [name, w] : weights) p += skin.targets.at(name)[v] * w;
  return p;
}

// Lip vertices of the mouth's centre (|x| < 6 mm, front of the lips), told apart by what
// jawOpen does to them: the lower lip goes down with the jaw, the upper lip stays.
struct CentreLips {
  std::vector<std::size_t> upper, lower;
};

CentreLips centre_lips(const ReadMesh& skin, const FaceLayout& L) {
  CentreLips lips;
  const auto& jaw = skin.targets.at("jawOpen");
  for (std::size_t v = 0; v < skin.positions.size(); ++v) {
    Vec3 p = skin.positions[v];
    if (std::fabs(p.x) > 0.006f || std::fabs(p.y - L.mouth_y) > 0.011f || p.z < L.lip_front_z - 0.010f) continue;
    if (jaw[v].y < -0.008f) lips.lower.push_back(v);
    else if (length(jaw[v]) < 0.0005f) lips.upper.push_back(v);
  }
  return lips;
}

// In 1 mm wide columns across the centre: lowest upper-lip point minus highest lower-lip
// point. Negative = the upper lip has passed below the lower lip.
LipGap lip_gap(const ReadMesh& skin, const CentreLips& lips, const std::map<std::string, float>& weights) {
  constexpr int kColumns = 12;
  std::vector<float> upper_min(kColumns, 1.0f), lower_max(kColumns, -1.0f);
  auto column = [](float x) { return std::clamp(static_cast<int>((x + 0.006f) / 0.001f), 0, kColumns - 1); };
  for (std::size_t v : lips.upper) {
    Vec3 p = posed(skin, v, weights);
    upper_min[column(p.x)] = std::min(upper_min[column(p.x)], p.y);
  }
  for (std::size_t v : lips.lower) {
    Vec3 p = posed(skin, v, weights);
    lower_max[column(p.x)] = std::max(lower_max[column(p.x)], p.y);
  }
  LipGap gap;
  for (int c = 0; c < kColumns; ++c)
    if (upper_min[c] < 1.0f && lower_max[c] > -1.0f) gap.worst = std::min(gap.worst, upper_min[c] - lower_max[c]);
  return gap;
}

constexpr float kCrossTolerance = 0.0003f;  // the closed lips' modelled overlap is 0.16 mm

TEST(lipSeal, centreHasBothLips) {
  const ReadMesh& skin = default_avatar().mesh("Skin");
  CentreLips lips = centre_lips(skin, default_layout());
  EXPECT_GT(lips.upper.size(), 20u);
  EXPECT_GT(lips.lower.size(), 20u);
}

TEST(lipSeal, jawOpenSeparatesTheLips) {
  const ReadMesh& skin = default_avatar().mesh("Skin");
  CentreLips lips = centre_lips(skin, default_layout());
  EXPECT_GT(lip_gap(skin, lips, {{"jawOpen", 1.0f}}).worst, 0.015f);
}

TEST(lipSeal, lipsNeverCrossForMouthCloseUpToJawOpen) {
  const ReadMesh& skin = default_avatar().mesh("Skin");
  CentreLips lips = centre_lips(skin, default_layout());
  for (float jaw : {0.0f, 0.25f, 0.5f, 0.75f, 1.0f})
    for (float close = 0; close <= jaw + 1e-6f; close += 0.125f) {
      float gap = lip_gap(skin, lips, {{"jawOpen", jaw}, {"mouthClose", close}}).worst;
      EXPECT_GT(gap, -kCrossTolerance) << "jawOpen " << jaw << " mouthClose " << close << ": upper lip "
                                       << -gap * 1000 << " mm below the lower lip";
    }
}

TEST(lipSeal, fullSealKeepsTheLipsTogetherAtAnyJawOpening) {
  const ReadMesh& skin = default_avatar().mesh("Skin");
  CentreLips lips = centre_lips(skin, default_layout());
  for (float w : {0.25f, 0.5f, 1.0f}) {
    float gap = lip_gap(skin, lips, {{"jawOpen", w}, {"mouthClose", w}}).worst;
    EXPECT_LT(std::fabs(gap), kCrossTolerance) << "jawOpen = mouthClose = " << w << ": lips " << gap * 1000 << " mm apart";
  }
}

TEST(lipSeal, pressingKeepsTheLipsTogetherWithoutCrossing) {
  const ReadMesh& skin = default_avatar().mesh("Skin");
  CentreLips lips = centre_lips(skin, default_layout());
  for (const char* press : {"mouthPressLeft", "mouthPressRight"}) {
    float gap = lip_gap(skin, lips, {{press, 1.0f}}).worst;
    EXPECT_LT(std::fabs(gap), kCrossTolerance) << press << ": lips " << gap * 1000 << " mm apart";
  }
  float both = lip_gap(skin, lips, {{"mouthPressLeft", 1.0f}, {"mouthPressRight", 1.0f}, {"jawOpen", 0.3f}, {"mouthClose", 0.3f}}).worst;
  EXPECT_LT(std::fabs(both), kCrossTolerance) << "pressed seal: lips " << both * 1000 << " mm apart";
}

TEST(lipSeal, lipShapesThatKeepTheMouthShutNeverCrossTheLips) {
  const ReadMesh& skin = default_avatar().mesh("Skin");
  CentreLips lips = centre_lips(skin, default_layout());
  const std::vector<std::map<std::string, float>> poses = {
      {{"mouthPucker", 1.0f}}, {{"mouthRollUpper", 1.0f}}, {{"mouthRollLower", 1.0f}},
      {{"mouthRollUpper", 1.0f}, {"mouthRollLower", 1.0f}}, {{"mouthPucker", 1.0f}, {"mouthPressLeft", 1.0f}, {"mouthPressRight", 1.0f}},
      {{"viseme_PP", 1.0f}}, {{"viseme_sil", 1.0f}}};
  for (const auto& pose : poses) {
    float gap = lip_gap(skin, lips, pose).worst;
    std::string name;
    for (const auto& [n, w] : pose) name += n + " ";
    EXPECT_GT(gap, -kCrossTolerance) << name << ": upper lip " << -gap * 1000 << " mm below the lower lip";
  }
}

}  // namespace
}  // namespace facecast::avatar::testing
