#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "export/csv.h"
#include "export/sample_animation.h"

using namespace facecast;

namespace {

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, sep)) parts.push_back(part);
  return parts;
}

}  // namespace

TEST(toLiveLinkCsv, headerHasTimecodeCountAnd61Channels) {
  auto lines = split(exporter::to_live_link_csv(facecast::testing::sample_animation()), '\n');
  auto header = split(lines.at(0), ',');
  ASSERT_EQ(header.size(), 2u + 61u);
  EXPECT_EQ(header[0], "Timecode");
  EXPECT_EQ(header[1], "BlendShapeCount");
  EXPECT_EQ(header[2], "EyeBlinkLeft");
  EXPECT_EQ(header[16], "JawForward");
  EXPECT_EQ(header[17], "JawRight");  // the app's order: JawRight before JawLeft
  EXPECT_EQ(header[18], "JawLeft");
  EXPECT_EQ(header[19], "JawOpen");
  EXPECT_EQ(header[23], "MouthRight");
  EXPECT_EQ(header[24], "MouthLeft");
  EXPECT_EQ(header[53], "TongueOut");
  std::vector<std::string> tail(header.begin() + 54, header.end());
  EXPECT_EQ(tail, (std::vector<std::string>{"HeadYaw", "HeadPitch", "HeadRoll", "LeftEyeYaw", "LeftEyePitch",
                                            "LeftEyeRoll", "RightEyeYaw", "RightEyePitch", "RightEyeRoll"}));
}

TEST(toLiveLinkCsv, everyShapeColumnIsNamedAfterItsValue) {
  auto a = facecast::testing::sample_animation(1);
  auto lines = split(exporter::to_live_link_csv(a), '\n');
  auto header = split(lines.at(0), ',');
  auto row = split(lines.at(1), ',');
  ASSERT_EQ(row.size(), header.size());
  for (std::size_t i = 0; i < kBlendshapeCount; ++i) {
    std::string name(kBlendshapeNames[i]);
    name[0] = static_cast<char>(std::toupper(name[0]));
    auto column = std::find(header.begin(), header.end(), name) - header.begin();
    ASSERT_LT(column, static_cast<long>(header.size())) << name;
    EXPECT_NEAR(std::stod(row[column]), a.frames[0].blendshapes[i], 0.00005) << name;
  }
}

TEST(toLiveLinkCsv, rowsHaveTimecodeCountAndAnglesOver180) {
  auto a = facecast::testing::sample_animation(1);
  auto row = split(split(exporter::to_live_link_csv(a), '\n').at(1), ',');
  EXPECT_EQ(row[0], "00:00:00:00.000");
  EXPECT_EQ(row[1], "61");
  // head: pitch 1.5, yaw -2.25, roll 0.125 degrees; eyes: left -3/4.5, right -3/9 (pitch/yaw)
  EXPECT_NEAR(std::stod(row[54]), -2.25 / 180, 1e-5);  // HeadYaw
  EXPECT_NEAR(std::stod(row[55]), 1.5 / 180, 1e-5);    // HeadPitch
  EXPECT_NEAR(std::stod(row[56]), 0.125 / 180, 1e-5);  // HeadRoll
  EXPECT_NEAR(std::stod(row[57]), 4.5 / 180, 1e-5);    // LeftEyeYaw
  EXPECT_NEAR(std::stod(row[58]), -3.0 / 180, 1e-5);   // LeftEyePitch
  EXPECT_EQ(row[59], "0");                              // LeftEyeRoll
  EXPECT_NEAR(std::stod(row[60]), 9.0 / 180, 1e-5);    // RightEyeYaw
  EXPECT_NEAR(std::stod(row[61]), -3.0 / 180, 1e-5);   // RightEyePitch
  EXPECT_EQ(row[62], "0");                              // RightEyeRoll
}

TEST(toLiveLinkCsv, timecodeCountsSixtyFpsFramesAt30Fps) {
  auto a = facecast::testing::sample_animation(3700 * 30 + 31);
  auto lines = split(exporter::to_live_link_csv(a), '\n');
  ASSERT_EQ(lines.size(), a.frames.size() + 1);
  EXPECT_EQ(lines[1].substr(0, 15), "00:00:00:00.000");
  EXPECT_EQ(lines[2].substr(0, 15), "00:00:00:02.000");
  EXPECT_EQ(lines[30].substr(0, 15), "00:00:00:58.000");
  EXPECT_EQ(lines[31].substr(0, 15), "00:00:01:00.000");
  EXPECT_EQ(lines[32].substr(0, 15), "00:00:01:02.000");
  EXPECT_EQ(lines[60 * 30 + 1].substr(0, 15), "00:01:00:00.000");
  EXPECT_EQ(lines[3700 * 30 + 31].substr(0, 15), "01:01:41:00.000");
}

TEST(toLiveLinkCsv, timecodeAt60FpsCountsTo59) {
  auto a = facecast::testing::sample_animation(61);
  a.fps = 60;
  auto lines = split(exporter::to_live_link_csv(a), '\n');
  EXPECT_EQ(lines[60].substr(0, 15), "00:00:00:59.000");
  EXPECT_EQ(lines[61].substr(0, 15), "00:00:01:00.000");
}

TEST(toLiveLinkCsv, ntscFramesFallBehindWholeSecondsAsTheVideosDo) {
  auto a = facecast::testing::sample_animation(1801);
  a.fps = 30000.0 / 1001;
  auto lines = split(exporter::to_live_link_csv(a), '\n');
  EXPECT_EQ(lines[30].substr(0, 15), "00:00:00:58.058");  // frame 29: 0.9676 s
  EXPECT_EQ(lines[31].substr(0, 15), "00:00:01:00.060");  // frame 30: 1.001 s
  EXPECT_EQ(lines[1801].substr(0, 15), "00:01:00:03.600");  // frame 1800: 60.06 s
}

// Unreal's importer places a row at HH:MM:SS + FF.mmm / 60: every fps must come
// out at its frame's own time (a 24 or 120 fps file was squeezed or overflowed).
TEST(toLiveLinkCsv, everyFpsImportsAtItsFramesTimes) {  // NTSC rates too
  for (double fps : {24000.0 / 1001, 24.0, 25.0, 30000.0 / 1001, 30.0, 48.0, 50.0, 60000.0 / 1001, 60.0, 97.0, 100.0,
                     120.0}) {
    auto a = facecast::testing::sample_animation(static_cast<std::size_t>(fps * 2 + 3));
    a.fps = fps;
    auto lines = split(exporter::to_live_link_csv(a), '\n');
    for (std::size_t f = 0; f < a.frames.size(); ++f) {
      const auto parts = split(split(lines[f + 1], ',').at(0), ':');
      ASSERT_EQ(parts.size(), 4u) << lines[f + 1];
      ASSERT_EQ(parts[3].size(), 6u) << "FF.mmm at " << fps << " fps: " << parts[3];
      const double imported = std::stoi(parts[0]) * 3600 + std::stoi(parts[1]) * 60 + std::stoi(parts[2]) +
                              std::stod(parts[3]) / 60.0;
      EXPECT_NEAR(imported, static_cast<double>(f) / fps, 0.0005 / 60 + 1e-9) << fps << " fps, frame " << f;
    }
  }
}
