// The messages of a live stream, one JSON object each: what WebSocket /stream
// sends and what `facecast live` writes one per line (NDJSON), so a client
// parses both the same way (docs/api/server.md).
#pragma once
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "audio/decode.h"
#include "core/animation.h"

namespace facecast::exporter {

// {"type":"ready","fps":F,"sample_rate":R,"channels":C,"encoding":"pcm_s16le"};
// sample_rate and channels are null for a WebM or Ogg stream (it states its own).
std::string ready_message(double fps, const audio::StreamFormat& format);

// Appends {"type":"frames","start":K,"fps":F,"blendshapes":[[...]],...} to out
// (cleared first; its capacity is reused between messages).
void write_frames_message(std::string& out, std::size_t start, double fps, std::span<const FaceFrame> frames);

// {"type":"end","frame_count":N,"non_finite_samples":K,"partial_frame_bytes":B}:
// the last two count input the stream mended (audio::RawInputFlaws).
std::string end_message(std::size_t frame_count, std::size_t non_finite_samples, std::size_t partial_frame_bytes);

}  // namespace facecast::exporter
