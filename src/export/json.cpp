// The JSON contract of issue 2, written straight into one reserved string:
// weights with 4 decimals, times with 3, no DOM (nlohmann is ~4x slower here).
#include "export/json.h"

#include <span>

#include "core/settings.h"
#include "export/text_writer.h"

namespace facecast::exporter {
namespace {

constexpr int kWeightDecimals = 4;
constexpr int kAngleDecimals = 3;  // degrees
constexpr int kTimeDecimals = 3;   // seconds

void append_names(std::string& out, std::span<const std::string_view> names) {
  out += '[';
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, names[i]);
  }
  out += ']';
}

template <std::size_t N>
void append_row(std::string& out, const std::array<float, N>& values, int decimals) {
  out += '[';
  for (std::size_t i = 0; i < N; ++i) {
    if (i) out += ',';
    append_fixed(out, values[i], decimals);
  }
  out += ']';
}

// "key":[[...],[...]] for one array member of every frame.
template <typename Member>
void append_frames(std::string& out, const std::vector<FaceFrame>& frames, Member member, int decimals) {
  out += '[';
  for (std::size_t f = 0; f < frames.size(); ++f) {
    if (f) out += ',';
    append_row(out, frames[f].*member, decimals);
  }
  out += ']';
}

template <typename Segment, typename Label>
void append_segments(std::string& out, const std::vector<Segment>& segments, std::string_view label_key,
                     Label label) {
  out += '[';
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i) out += ',';
    out += "{\"";
    out += label_key;
    out += "\":";
    append_json_string(out, segments[i].*label);
    out += ",\"start\":";
    append_fixed(out, segments[i].start, kTimeDecimals);
    out += ",\"end\":";
    append_fixed(out, segments[i].end, kTimeDecimals);
    out += '}';
  }
  out += ']';
}

std::size_t estimated_size(const Animation& a) {
  // ~7 bytes a weight, ~9 an angle, ~50 a timed segment.
  std::size_t per_frame = (kBlendshapeCount + kVisemeCount) * 7 + 7 * 9 + 16;
  return 4096 + a.frames.size() * per_frame + (a.speech.phones.size() + a.speech.words.size()) * 56;
}

}  // namespace

std::string to_json(const Animation& a) {
  std::string out;
  out.reserve(estimated_size(a));
  out += "{\"success\":true,\"data\":{\"fps\":";
  append_uint(out, static_cast<unsigned>(a.fps));
  out += ",\"duration\":";
  append_fixed(out, a.duration, kTimeDecimals);
  out += ",\"frame_count\":";
  append_uint(out, a.frames.size());
  out += ",\"blendshape_names\":";
  append_names(out, kBlendshapeNames);
  out += ",\"blendshapes\":";
  append_frames(out, a.frames, &FaceFrame::blendshapes, kWeightDecimals);
  out += ",\"visemes\":{\"names\":";
  append_names(out, kVisemeNames);
  out += ",\"frames\":";
  append_frames(out, a.frames, &FaceFrame::visemes, kWeightDecimals);
  out += "},\"head_rotation\":";
  append_frames(out, a.frames, &FaceFrame::head_rotation, kAngleDecimals);
  out += ",\"eye_rotation\":";
  append_frames(out, a.frames, &FaceFrame::eye_rotation, kAngleDecimals);
  out += ",\"phonemes\":";
  append_segments(out, a.speech.phones, "phoneme", &PhoneSegment::phone);
  out += ",\"words\":";
  append_segments(out, a.speech.words, "word", &WordSegment::word);
  out += ",\"mode\":";
  append_json_string(out, mode_name(a.speech.mode));
  out += ",\"processing_ms\":";
  append_fixed(out, a.processing_ms, 1);
  out += "}}";
  return out;
}

std::string error_json(ErrorCode code, std::string_view message) {
  std::string out;
  out.reserve(64 + message.size());
  out += "{\"success\":false,\"error\":{\"code\":";
  append_json_string(out, code_name(code));
  out += ",\"message\":";
  append_json_string(out, message);
  out += "}}";
  return out;
}

}  // namespace facecast::exporter
