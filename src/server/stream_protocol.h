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
  audio::StreamFormat format;  // start only
  Settings settings;        // base settings with the message's keys applied
};

// Parses a text message. `base` gives the settings the message's keys apply to.
// Throws Error(InvalidArgument) for bad JSON, an unknown type or a bad setting.
ControlMessage parse_control(std::string_view text, const Settings& base);

// The ready, frames and end messages are exporter's (export/live_messages.h), shared with `facecast live`.
std::string error_message(ErrorCode code, std::string_view message);
// {"type":"error","code":"shutting_down",...}: the server is stopping; reconnect.
std::string shutting_down_message();

}  // namespace facecast::server
