#include "export/audio2face_json.h"

#include <array>
#include <cmath>

#include "export/text_writer.h"

namespace facecast::exporter {
namespace {

constexpr int kWeightDecimals = 4;      // as our own JSON
constexpr int kQuaternionDecimals = 6;  // 1e-6 of a unit quaternion is ~0.0001 degrees

using Quaternion = std::array<double, 4>;  // x, y, z, w

// Facecast angles (degrees; pitch + = up, yaw + = to the face's left, roll + =
// towards its right shoulder) as the rotation Euler(-pitch, yaw, roll, 'YXZ'):
// q = qy * qx * qz, the order in which three.js and the web app apply them.
Quaternion rotation(double pitch, double yaw, double roll) {
  constexpr double kHalfRadian = 3.14159265358979323846 / 360.0;
  const double x = -pitch * kHalfRadian, y = yaw * kHalfRadian, z = roll * kHalfRadian;
  const double cx = std::cos(x), sx = std::sin(x), cy = std::cos(y), sy = std::sin(y), cz = std::cos(z),
               sz = std::sin(z);
  return {sx * cy * cz + cx * sy * sz, cx * sy * cz - sx * cy * sz, cx * cy * sz - sx * sy * cz,
          cx * cy * cz + sx * sy * sz};
}

template <int Decimals>
void append_number(TextOut& out, double v) {
  out.commit(write_fixed<Decimals>(out.room(kMaxFixedChars), v));
}

void append_quaternion(TextOut& out, const Quaternion& q) {
  out.append('[');
  for (std::size_t i = 0; i < q.size(); ++i) {
    if (i) out.append(',');
    append_number<kQuaternionDecimals>(out, q[i]);
  }
  out.append(']');
}

}  // namespace

std::string to_audio2face_json(const Animation& a, std::string_view track_path) {
  // ~4 bytes a weight, ~40 a quaternion.
  TextOut out(4096 + track_path.size() + a.frames.size() * (kBlendshapeCount * 4 + 3 * 40 + 3 * 8));
  out.append("{\"exportFps\":");
  append_number<0>(out, a.fps);
  out.append(",\"trackPath\":");
  append_json_string(out, track_path);
  out.append(",\"numPoses\":");
  append_number<0>(out, kBlendshapeCount);
  out.append(",\"numFrames\":");
  append_number<0>(out, static_cast<double>(a.frames.size()));
  out.append(",\"facsNames\":[");
  for (std::size_t i = 0; i < kBlendshapeCount; ++i) {
    if (i) out.append(',');
    append_json_string(out, kBlendshapeNames[i]);
  }
  out.append("],\"weightMat\":[");
  for (std::size_t f = 0; f < a.frames.size(); ++f) {
    if (f) out.append(',');
    out.append('[');
    for (std::size_t i = 0; i < kBlendshapeCount; ++i) {
      if (i) out.append(',');
      append_number<kWeightDecimals>(out, a.frames[f].blendshapes[i]);
    }
    out.append(']');
  }
  out.append("],\"joints\":[");
  for (std::size_t j = 0; j < std::size(kAudio2FaceJoints); ++j) {
    if (j) out.append(',');
    append_json_string(out, kAudio2FaceJoints[j]);
  }
  out.append("],\"rotations\":[");
  for (std::size_t f = 0; f < a.frames.size(); ++f) {
    const auto& eyes = a.frames[f].eye_rotation;
    const auto& head = a.frames[f].head_rotation;
    out.append(f ? ",[" : "[");
    append_quaternion(out, rotation(eyes[0], eyes[1], 0));
    out.append(',');
    append_quaternion(out, rotation(eyes[2], eyes[3], 0));
    out.append(',');
    append_quaternion(out, rotation(head[0], head[1], head[2]));
    out.append(']');
  }
  out.append("],\"translations\":[");
  for (std::size_t f = 0; f < a.frames.size(); ++f) out.append(f ? ",[[0,0,0],[0,0,0],[0,0,0]]" : "[[0,0,0],[0,0,0],[0,0,0]]");
  out.append("]}");
  return out.take();
}

}  // namespace facecast::exporter
