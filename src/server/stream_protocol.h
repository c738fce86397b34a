// The JSON messages of WebSocket /stream (see docs/api and GET /openapi.json).
#pragma once
#include <span>
#include <string>
#include <string_view>

#include "audio/decode.h"
#include "core/animation.h"
#include "core/error.h"
#include "core/settings.h"

namespace facecast::server {

enum class ControlType { Start, Settings, Stop };

struct ControlMessage {
  ControlType type = ControlType::Start;
  audio::RawFormat format;  // start only
  Settings settings;        // base settings with the message's keys applied
};

// Parses a text message. `base` gives the settings the message's keys apply to.
// Throws Error(InvalidArgument) for bad JSON, an unknown type or a bad setting.
ControlMessage parse_control(std::string_view text, const Settings& base);

// Appends {"type":"frames","start":K,"fps":F,"blendshapes":[[...]],...} to out
// (cleared first; its capacity is reused between messages).
void write_frames_message(std::string& out, std::size_t start, int fps, std::span<const FaceFrame> frames);

std::string ready_message(int fps, const audio::RawFormat& format);
std::string end_message(std::size_t frame_count);
std::string error_message(ErrorCode code, std::string_view message);
// {"type":"error","code":"shutting_down",...}: the server is stopping; reconnect.
std::string shutting_down_message();

}  // namespace facecast::server
