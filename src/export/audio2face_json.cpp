#include "export/audio2face_json.h"

#include "export/json.h"
#include "export/text_writer.h"

namespace facecast::exporter {
namespace {

constexpr int kWeightDecimals = 4;  // as our own JSON

}  // namespace

std::string to_audio2face_json(const Animation& a, std::string_view track_path, const BlendshapeNames& names) {
  // ~4 bytes a weight.
  TextOut out(4096 + track_path.size() + a.frames.size() * (kBlendshapeCount * 4 + 16));
  out.append("{\"exportFps\":");
  append_exact(out, a.fps);
  out.append(",\"trackPath\":");
  append_json_string(out, track_path);
  out.append(",\"numPoses\":");
  append_number<0>(out, kBlendshapeCount);
  out.append(",\"numFrames\":");
  append_number<0>(out, static_cast<double>(a.frames.size()));
  out.append(",\"facsNames\":");
  append_blendshape_names(out, names);
  out.append(",\"weightMat\":[");
  for (std::size_t f = 0; f < a.frames.size(); ++f) {
    if (f) out.append(',');
    out.append('[');
    for (std::size_t i = 0; i < kBlendshapeCount; ++i) {
      if (i) out.append(',');
      append_number<kWeightDecimals>(out, a.frames[f].blendshapes[i]);
    }
    out.append(']');
  }
  // No joints: importers of this format set a joint's local transform from its
  // rotation and translation as they are, so values from the rest pose (all we
  // know without the rig) would move eyes and head to their parent's origin.
  // Gaze is in the eyeLook* weights; head rotation is in our JSON and the CSV.
  // An empty list per frame keeps the shape importers index: frame, then joint.
  out.append("],\"joints\":[],\"rotations\":[");
  for (std::size_t f = 0; f < a.frames.size(); ++f) out.append(f ? ",[]" : "[]");
  out.append("],\"translations\":[");
  for (std::size_t f = 0; f < a.frames.size(); ++f) out.append(f ? ",[]" : "[]");
  out.append("]}");
  return out.take();
}

}  // namespace facecast::exporter
