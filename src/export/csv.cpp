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
//   so each column is our degrees / 180, with our signs (docs/face.md: pitch +
//   chin up, yaw + towards the avatar's left, roll + towards its right
//   shoulder). Live Link's own sign convention is not verified here (no
//   capture to compare with); an importer that disagrees flips a sign. No eye roll: 0.
// - Timecode HH:MM:SS:FF.mmm counts 60 fps frames, as the app records them,
//   whatever the output fps: FF.mmm is the time within the second x 60 (a 24 fps
//   frame 1 is 02.500). Unreal's importer reads FF.mmm as 60 fps frames (newer
//   versions guess 30 or 60 from whether any FF passes 30), so frames counted at
//   24, 25, 50 or 120 fps landed up to 1 s off, and at 120 fps FF had 3 digits.
//   At 29.97 fps (30000/1001) frame 30 is at 00:00:01:00.060.
#include "export/csv.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include "export/text_writer.h"

namespace facecast::exporter {
namespace {

constexpr int kWeightDecimals = 4;
constexpr int kAngleDecimals = 5;  // a Live Link unit is 180 degrees: 1e-5 ~ 0.002 degrees
constexpr std::size_t kLiveLinkColumns = 61;

// Index into FaceFrame::blendshapes for each Live Link column.
constexpr std::array<std::size_t, kBlendshapeCount> live_link_order() {
  std::array<std::size_t, kBlendshapeCount> order{};
  for (std::size_t i = 0; i < kBlendshapeCount; ++i) order[i] = i;
  std::swap(order[jawLeft], order[jawRight]);
  std::swap(order[mouthLeft], order[mouthRight]);
  return order;
}
constexpr auto kLiveLinkOrder = live_link_order();

std::string header() {
  std::string out = "Timecode,BlendShapeCount";
  for (std::size_t index : kLiveLinkOrder) {
    std::string_view name = kBlendshapeNames[index];
    out += ',';
    out += static_cast<char>(name[0] - 'a' + 'A');  // every ARKit name starts lower case
    out.append(name.substr(1));
  }
  out += ",HeadYaw,HeadPitch,HeadRoll,LeftEyeYaw,LeftEyePitch,LeftEyeRoll,RightEyeYaw,RightEyePitch,RightEyeRoll\n";
  return out;
}

char* write_two_digits(char* p, std::size_t v) {
  if (v >= 100) return std::to_chars(p, p + 20, v).ptr;  // hours past 99
  *p++ = static_cast<char>('0' + v / 10);
  *p++ = static_cast<char>('0' + v % 10);
  return p;
}

constexpr std::size_t kTimecodeFps = 60;

// Frame f is at f / fps seconds (fps may be fractional, 30000/1001), written
// to the nearest thousandth of a 60 fps frame.
char* write_timecode(char* p, std::size_t frame, double fps) {
  constexpr std::size_t kPerSecond = kTimecodeFps * 1000;
  const auto milliframes = static_cast<std::size_t>(std::llround(static_cast<double>(frame) * kPerSecond / fps));
  const std::size_t seconds = milliframes / kPerSecond;
  p = write_two_digits(p, seconds / 3600);
  *p++ = ':';
  p = write_two_digits(p, seconds / 60 % 60);
  *p++ = ':';
  p = write_two_digits(p, seconds % 60);
  *p++ = ':';
  const std::size_t within = milliframes % kPerSecond;
  p = write_two_digits(p, within / 1000);
  *p++ = '.';
  const std::size_t fraction = within % 1000;
  *p++ = static_cast<char>('0' + fraction / 100);
  *p++ = static_cast<char>('0' + fraction / 10 % 10);
  *p++ = static_cast<char>('0' + fraction % 10);
  return p;
}

char* write_angle(char* p, float degrees) {
  *p++ = ',';
  return write_fixed<kAngleDecimals>(p, degrees / 180.0);
}

}  // namespace

std::string to_live_link_csv(const Animation& a) {
  const std::string head = header();
  TextOut out(head.size() + a.frames.size() * (32 + kLiveLinkColumns * 4));  // ~4 bytes a value, as in json.cpp
  out.append(head);
  const double fps = a.fps > 0 ? a.fps : 30;
  for (std::size_t f = 0; f < a.frames.size(); ++f) {
    const FaceFrame& frame = a.frames[f];
    char* p = out.room(48 + kLiveLinkColumns * (kMaxFixedChars + 1));
    p = write_timecode(p, f, fps);
    p = std::copy_n(",61", 3, p);
    for (std::size_t index : kLiveLinkOrder) {
      *p++ = ',';
      p = write_fixed<kWeightDecimals>(p, frame.blendshapes[index]);
    }
    const auto& head_rotation = frame.head_rotation;  // pitch, yaw, roll
    p = write_angle(p, head_rotation[1]);
    p = write_angle(p, head_rotation[0]);
    p = write_angle(p, head_rotation[2]);
    const auto& eyes = frame.eye_rotation;  // left pitch, left yaw, right pitch, right yaw
    p = write_angle(p, eyes[1]);
    p = write_angle(p, eyes[0]);
    p = write_angle(p, 0);
    p = write_angle(p, eyes[3]);
    p = write_angle(p, eyes[2]);
    p = write_angle(p, 0);
    *p++ = '\n';
    out.commit(p);
  }
  return out.take();
}

}  // namespace facecast::exporter
