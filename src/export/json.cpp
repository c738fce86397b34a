// The JSON contract of issue 2, written straight into one buffer: weights
// with 4 decimals, angles and times with 3, no DOM (nlohmann is ~4x slower).
#include "export/json.h"

#include <cmath>
#include <span>

#include "core/settings.h"
#include "export/text_writer.h"

namespace facecast::exporter {
namespace {

constexpr int kWeightDecimals = 4;
constexpr int kAngleDecimals = 3;  // degrees
constexpr int kTimeDecimals = 3;   // seconds
// The duration to the microsecond (a sample is 10-125 us): frame_count is
// ceil(duration x fps), which 3 decimals did not always give back (16,007
// samples printed as 1 s with 31 frames).
constexpr int kDurationDecimals = 6;

void append_names(TextOut& out, std::span<const std::string_view> names) {
  out.append('[');
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out.append(',');
    append_json_string(out, names[i]);
  }
  out.append(']');
}

// [[...],[...]]: one array member of every frame.
template <int Decimals, typename Member>
void append_frames(TextOut& out, const std::vector<FaceFrame>& frames, Member member) {
  out.append('[');
  for (std::size_t f = 0; f < frames.size(); ++f) {
    const auto& values = frames[f].*member;
    char* p = out.room(2 + values.size() * (kMaxFixedChars + 1) + 1);
    if (f) *p++ = ',';
    *p++ = '[';
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i) *p++ = ',';
      p = write_fixed<Decimals>(p, values[i]);
    }
    *p++ = ']';
    out.commit(p);
  }
  out.append(']');
}

// A segment time to the millisecond, but never past the duration: 2.3058 s of
// audio ended its last phone at "2.306" while "duration" said 2.305813.
void append_segment_time(TextOut& out, double t, double duration) {
  if (std::round(t * 1000) / 1000 > duration) append_number<kDurationDecimals>(out, duration);
  else append_number<kTimeDecimals>(out, t);
}

template <typename Segment, typename Label>
void append_segments(TextOut& out, const std::vector<Segment>& segments, std::string_view label_key, Label label,
                     double duration) {
  out.append('[');
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i) out.append(',');
    out.append("{\"");
    out.append(label_key);
    out.append("\":");
    append_json_string(out, segments[i].*label);
    out.append(",\"start\":");
    append_segment_time(out, segments[i].start, duration);
    out.append(",\"end\":");
    append_segment_time(out, segments[i].end, duration);
    out.append('}');
  }
  out.append(']');
}

// [{"word":"thanks","index":11},...]: transcript words with no place in the audio.
void append_unaligned_words(TextOut& out, const std::vector<UnalignedWord>& words) {
  out.append('[');
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out.append(',');
    out.append("{\"word\":");
    append_json_string(out, words[i].word);
    out.append(",\"index\":");
    append_number<0>(out, static_cast<double>(words[i].index));
    out.append('}');
  }
  out.append(']');
}

// ["мир","½"]: pieces of the transcript with no reading.
void append_strings(TextOut& out, const std::vector<std::string>& strings) {
  out.append('[');
  for (std::size_t i = 0; i < strings.size(); ++i) {
    if (i) out.append(',');
    append_json_string(out, strings[i]);
  }
  out.append(']');
}

// {"mode":"auto","keys":[{"time":0.0,"amazement":0,...},...]}: the emotion used.
void append_emotion(TextOut& out, const Animation& a) {
  out.append("{\"mode\":");
  append_json_string(out, emotion_mode_name(a.emotion_mode));
  out.append(",\"keys\":[");
  for (std::size_t k = 0; k < a.emotion.size(); ++k) {
    if (k) out.append(',');
    out.append("{\"time\":");
    append_number<kTimeDecimals>(out, a.emotion[k].time);
    for (std::size_t e = 0; e < kEmotionCount; ++e) {
      out.append(",\"");
      out.append(kEmotionNames[e]);
      out.append("\":");
      append_number<kWeightDecimals>(out, a.emotion[k].weights[e]);
    }
    out.append('}');
  }
  out.append("]}");
}

std::size_t estimated_size(const Animation& a) {
  // Most weights are 0 ("0,") and the rest up to 7 bytes: ~4 a weight, ~6 an
  // angle, ~56 a timed segment. An underestimate costs one doubling; an
  // overestimate costs page faults on memory never written.
  std::size_t per_frame = (kBlendshapeCount + kVisemeCount) * 4 + 7 * 6 + 16;
  const std::size_t segments = a.speech.phones.size() + a.speech.words.size() + a.speech.unaligned_words.size();
  return 4096 + a.frames.size() * per_frame + segments * 56 +
         a.emotion.size() * 160;
}

}  // namespace

void append_blendshape_names(TextOut& out, const BlendshapeNames& names) {
  out.append('[');
  for (std::size_t i = 0; i < kBlendshapeCount; ++i) {
    if (i) out.append(',');
    append_json_string(out, blendshape_name(names, i));
  }
  out.append(']');
}

std::string to_json(const Animation& a, const BlendshapeNames& names) {
  TextOut out(estimated_size(a));
  out.append("{\"success\":true,\"data\":{\"fps\":");
  append_exact(out, a.fps);
  out.append(",\"duration\":");
  append_number<kDurationDecimals>(out, a.duration);
  out.append(",\"frame_count\":");
  append_number<0>(out, static_cast<double>(a.frames.size()));
  out.append(",\"blendshape_names\":");
  append_blendshape_names(out, names);
  out.append(",\"blendshapes\":");
  append_frames<kWeightDecimals>(out, a.frames, &FaceFrame::blendshapes);
  out.append(",\"visemes\":{\"names\":");
  append_names(out, kVisemeNames);
  out.append(",\"frames\":");
  append_frames<kWeightDecimals>(out, a.frames, &FaceFrame::visemes);
  out.append("},\"head_rotation\":");
  append_frames<kAngleDecimals>(out, a.frames, &FaceFrame::head_rotation);
  out.append(",\"eye_rotation\":");
  append_frames<kAngleDecimals>(out, a.frames, &FaceFrame::eye_rotation);
  out.append(",\"phonemes\":");
  append_segments(out, a.speech.phones, "phoneme", &PhoneSegment::phone, a.duration);
  out.append(",\"words\":");
  append_segments(out, a.speech.words, "word", &WordSegment::word, a.duration);
  out.append(",\"unaligned_words\":");
  append_unaligned_words(out, a.speech.unaligned_words);
  out.append(",\"unread_transcript\":");
  append_strings(out, a.speech.unread_transcript);
  out.append(",\"emotion\":");
  append_emotion(out, a);
  out.append(",\"mode\":");
  append_json_string(out, mode_name(a.speech.mode));
  out.append(",\"processing_ms\":");
  append_number<1>(out, a.processing_ms);
  out.append("}}");
  return out.take();
}

std::string error_json(ErrorCode code, std::string_view message) {
  TextOut out(64 + message.size());
  out.append("{\"success\":false,\"error\":{\"code\":");
  append_json_string(out, code_name(code));
  out.append(",\"message\":");
  append_json_string(out, message);
  out.append("}}");
  return out.take();
}

}  // namespace facecast::exporter
