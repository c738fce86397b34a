// Live Link Face CSV, the take file of Epic's Live Link Face app, so Unreal
// users can import Facecast output.
//
// Layout: Timecode,BlendShapeCount,<52 shapes>,HeadYaw,HeadPitch,HeadRoll,
// LeftEyeYaw,LeftEyePitch,LeftEyeRoll,RightEyeYaw,RightEyePitch,RightEyeRoll.
// - Shape columns use the app's own order, which is Apple's except that
//   JawRight precedes JawLeft and MouthRight precedes MouthLeft (as in take
//   files and in open importers); importers that match by name are unaffected.
// - BlendShapeCount is 61 (52 shapes + 9 angles).
// - Angles: Unreal's ARKit Live Link source maps -180..180 degrees to -1..1,
//   so each column is our degrees / 180. Our angles already use Live Link's
//   signs, so the conversion is that scale alone. We have no eye roll: 0.
// - Timecode HH:MM:SS:FF.mmm counts frames at the output fps: frame i is
//   second i / fps, frame i % fps within it, sub-frame .000 (every frame is whole).
#include "export/csv.h"

#include <array>
#include <cstdio>

#include "export/text_writer.h"

namespace facecast::exporter {
namespace {

constexpr int kWeightDecimals = 4;
constexpr int kAngleDecimals = 5;  // a Live Link unit is 180 degrees: 1e-5 ~ 0.002 degrees
constexpr int kLiveLinkColumns = 61;

// Index into FaceFrame::blendshapes for each Live Link column.
constexpr std::array<std::size_t, kBlendshapeCount> live_link_order() {
  std::array<std::size_t, kBlendshapeCount> order{};
  for (std::size_t i = 0; i < kBlendshapeCount; ++i) order[i] = i;
  std::swap(order[jawLeft], order[jawRight]);
  std::swap(order[mouthLeft], order[mouthRight]);
  return order;
}
constexpr auto kLiveLinkOrder = live_link_order();

void append_capitalised(std::string& out, std::string_view name) {
  out += static_cast<char>(name[0] >= 'a' && name[0] <= 'z' ? name[0] - 'a' + 'A' : name[0]);
  out.append(name.substr(1));
}

void append_timecode(std::string& out, std::size_t frame, int fps) {
  std::size_t seconds = frame / static_cast<std::size_t>(fps);
  std::size_t in_second = frame % static_cast<std::size_t>(fps);
  char buf[48];
  int n = std::snprintf(buf, sizeof buf, "%02zu:%02zu:%02zu:%02zu.000", seconds / 3600, seconds / 60 % 60,
                        seconds % 60, in_second);
  out.append(buf, static_cast<std::size_t>(n));
}

void append_angle(std::string& out, float degrees) {
  out += ',';
  append_fixed(out, degrees / 180.0, kAngleDecimals);
}

}  // namespace

std::string to_live_link_csv(const Animation& a) {
  std::string out;
  out.reserve(1024 + a.frames.size() * (24 + kLiveLinkColumns * 8));
  out += "Timecode,BlendShapeCount";
  for (std::size_t index : kLiveLinkOrder) {
    out += ',';
    append_capitalised(out, kBlendshapeNames[index]);
  }
  out += ",HeadYaw,HeadPitch,HeadRoll,LeftEyeYaw,LeftEyePitch,LeftEyeRoll,RightEyeYaw,RightEyePitch,RightEyeRoll\n";

  const int fps = a.fps > 0 ? a.fps : 30;
  for (std::size_t f = 0; f < a.frames.size(); ++f) {
    const FaceFrame& frame = a.frames[f];
    append_timecode(out, f, fps);
    out += ",61";
    for (std::size_t index : kLiveLinkOrder) {
      out += ',';
      append_fixed(out, frame.blendshapes[index], kWeightDecimals);
    }
    const auto& head = frame.head_rotation;  // pitch, yaw, roll
    append_angle(out, head[1]);
    append_angle(out, head[0]);
    append_angle(out, head[2]);
    const auto& eyes = frame.eye_rotation;  // left pitch, left yaw, right pitch, right yaw
    append_angle(out, eyes[1]);
    append_angle(out, eyes[0]);
    append_angle(out, 0);
    append_angle(out, eyes[3]);
    append_angle(out, eyes[2]);
    append_angle(out, 0);
    out += '\n';
  }
  return out;
}

}  // namespace facecast::exporter
