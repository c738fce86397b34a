#include "export/live_messages.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <nlohmann/json.hpp>

#include "export/text_writer.h"

namespace facecast::exporter {
namespace {

constexpr int kWeightDecimals = 4;
constexpr int kAngleDecimals = 3;

template <int Decimals, std::size_t N>
void append_rows(std::string& out, std::span<const FaceFrame> frames, std::array<float, N> FaceFrame::*member) {
  char number[kMaxFixedChars];
  out += '[';
  for (std::size_t f = 0; f < frames.size(); ++f) {
    if (f) out += ',';
    out += '[';
    const auto& row = frames[f].*member;
    for (std::size_t i = 0; i < N; ++i) {
      if (i) out += ',';
      out.append(number, write_fixed<Decimals>(number, row[i]));
    }
    out += ']';
  }
  out += ']';
}

}  // namespace

std::string ready_message(double fps, const audio::StreamFormat& format) {
  // A WebM or Ogg stream states its own rate and channels: null here.
  const bool raw = format.is_raw_pcm();
  return nlohmann::json{{"type", "ready"},
                        {"fps", std::nearbyint(fps) == fps ? nlohmann::json(static_cast<int>(fps)) : nlohmann::json(fps)},
                        {"sample_rate", raw ? nlohmann::json(format.raw.sample_rate) : nlohmann::json()},
                        {"channels", raw ? nlohmann::json(format.raw.channels) : nlohmann::json()},
                        {"encoding", std::string(audio::encoding_name(format))}}
      .dump();
}

void write_frames_message(std::string& out, std::size_t start, double fps, std::span<const FaceFrame> frames) {
  char number[std::max(kMaxFixedChars, kMaxExactChars)];
  out.clear();
  out += "{\"type\":\"frames\",\"start\":";
  out += std::to_string(start);
  out += ",\"fps\":";
  out.append(number, write_exact(number, fps));
  out += ",\"blendshapes\":";
  append_rows<kWeightDecimals>(out, frames, &FaceFrame::blendshapes);
  out += ",\"visemes\":";
  append_rows<kWeightDecimals>(out, frames, &FaceFrame::visemes);
  out += ",\"head_rotation\":";
  append_rows<kAngleDecimals>(out, frames, &FaceFrame::head_rotation);
  out += ",\"eye_rotation\":";
  append_rows<kAngleDecimals>(out, frames, &FaceFrame::eye_rotation);
  out += '}';
}

std::string end_message(std::size_t frame_count, std::size_t non_finite_samples, std::size_t partial_frame_bytes) {
  return nlohmann::json{{"type", "end"},
                        {"frame_count", frame_count},
                        {"non_finite_samples", non_finite_samples},
                        {"partial_frame_bytes", partial_frame_bytes}}
      .dump();
}

}  // namespace facecast::exporter
