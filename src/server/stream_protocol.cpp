#include "server/stream_protocol.h"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

#include "server/config_loader.h"
#include "server/upload.h"

namespace facecast::server {
namespace {

[[noreturn]] void bad(const std::string& message) { throw Error(ErrorCode::InvalidArgument, message); }

// A whole number, given as a JSON number or, as the settings may be (and as
// HTTP form fields are), as its text: "sample_rate":"48000".
int integer_field(const nlohmann::json& msg, const char* key, int fallback, int lo, int hi) {
  if (!msg.contains(key)) return fallback;
  const auto& v = msg[key];
  long long n = lo - 1LL;
  if (v.is_number_integer()) {
    n = v.get<long long>();
  } else if (v.is_string()) {
    const std::string& text = v.get_ref<const std::string&>();
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) n = lo - 1LL;
  }
  if (n < lo || n > hi)
    bad(std::string("'") + key + "' must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  return static_cast<int>(n);
}

}  // namespace

ControlMessage parse_control(std::string_view text, const Settings& base) {
  int depth = 0;
  nlohmann::json msg = parse_settings_json(text, depth);
  if (depth > kMaxSettingsDepth) bad("message nests deeper than " + std::to_string(kMaxSettingsDepth) + " levels");
  if (msg.is_discarded()) bad("message is not valid JSON");
  if (!msg.is_object()) bad("message must be a JSON object");
  if (!msg.contains("type") || !msg["type"].is_string()) bad("message has no \"type\"");
  const std::string type = msg["type"];
  ControlMessage out;
  out.settings = base;
  if (type == "start") out.type = ControlType::Start;
  else if (type == "settings") out.type = ControlType::Settings;
  else if (type == "stop") out.type = ControlType::Stop;
  else bad("unknown message type '" + excerpt(type) + "' (expected start, settings or stop)");

  if (out.type == ControlType::Start) {
    out.format.raw.sample_rate = integer_field(msg, "sample_rate", 16000, 8000, 96000);
    out.format.raw.channels = integer_field(msg, "channels", 1, 1, 8);
    const std::string encoding = msg.contains("encoding") && msg["encoding"].is_string() ? msg["encoding"].get<std::string>()
                                 : msg.contains("encoding") ? "?" : "pcm_s16le";
    if (!audio::set_stream_encoding(out.format, encoding)) bad("'encoding' must be pcm_s16le, pcm_f32le, webm or ogg");
  }
  std::vector<std::string> keys;  // the settings this message gives
  for (const auto& [key, value] : msg.items()) {
    if (key == "type" || key == "sample_rate" || key == "channels" || key == "encoding") {
      if (out.type == ControlType::Settings && key != "type")
        bad("'" + key + "' cannot change during a stream");
      continue;
    }
    if (out.type == ControlType::Stop) continue;
    // The seed picks the blinks and gaze of the whole stream when it starts.
    if (out.type == ControlType::Settings && (key == "fps" || key == "mode" || key == "seed"))
      bad("'" + key + "' cannot change during a stream (give it in start)");
    apply_request_field(out.settings, key, setting_text(key, value));
    if (key == "blendshape_map")
      bad("stream frames carry no names (their order is /blendshape-names): 'blendshape_map' is for files and uploads");
    if (key == "format" && out.settings.output.format != OutputFormat::Json)
      bad("a live stream sends its frames as JSON messages: 'format' may only be json");
    keys.push_back(key);
  }
  if (auto conflict = conflicting_settings(keys); !conflict.empty()) bad(conflict);
  // Only a mode the client gives is checked: the server's configured mode is the
  // default for uploads, and streams run phonetic regardless.
  const bool mode_given = std::any_of(keys.begin(), keys.end(), [](const std::string& k) { return setting_name(k) == "mode"; });
  if (mode_given && out.settings.speech.mode != SpeechMode::Auto && out.settings.speech.mode != SpeechMode::Phonetic)
    bad("live streams use phonetic mode; 'mode' may only be auto or phonetic");
  return out;
}

std::string error_message(ErrorCode code, std::string_view message) {
  if (code == ErrorCode::Internal) message = "internal error; the server log has the details";
  return nlohmann::json{{"type", "error"}, {"code", std::string(code_name(code))}, {"message", std::string(message)}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string shutting_down_message() {
  return R"({"type":"error","code":"shutting_down","message":"the server is shutting down; reconnect to continue"})";
}

}  // namespace facecast::server
