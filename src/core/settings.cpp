#include "core/settings.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>

#include <fmt/format.h>

#include "core/error.h"
#include "core/spelling.h"

namespace facecast {
namespace {

[[noreturn]] void bad(std::string_view key, std::string_view value, std::string_view expected) {
  throw Error(ErrorCode::InvalidArgument,
              fmt::format("setting '{}': '{}' is not valid; expected {}", key, excerpt(value), expected));
}

double parse_number(std::string_view key, std::string_view value, double lo, double hi) {
  double v = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(v) || v < lo || v > hi)
    bad(key, value, fmt::format("a number from {} to {}", lo, hi));
  return v;
}

long long parse_integer(std::string_view key, std::string_view value, long long lo, long long hi) {
  long long v = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (ec != std::errc() || end != value.data() + value.size() || v < lo || v > hi)
    bad(key, value, fmt::format("a whole number from {} to {}", lo, hi));
  return v;
}

// A frame rate: a number ("30", "29.97") or a ratio ("30000/1001"). Video tools
// write the NTSC rates k x 1000/1001 to two or three decimals (23.976, 29.97,
// 59.94): a number that close to one is taken as that exact rate, so frame
// times match the video's; the JSON's fps is then that exact rate.
double parse_frame_rate(std::string_view key, std::string_view value) {
  const auto expected = "a frame rate from 23.976 to 120: a number (30, 29.97) or a ratio (30000/1001)";
  const auto whole_number = [&](std::string_view text) {
    long long v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v <= 0 || v > 1'000'000'000) bad(key, value, expected);
    return static_cast<double>(v);
  };
  double fps = 0;
  if (const auto slash = value.find('/'); slash != std::string_view::npos) {
    fps = whole_number(value.substr(0, slash)) / whole_number(value.substr(slash + 1));
  } else {
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), fps);
    if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(fps)) bad(key, value, expected);
    for (const double base : {24.0, 30.0, 48.0, 60.0, 120.0}) {
      const double ntsc = base * 1000 / 1001;
      if (std::abs(fps - ntsc) < 0.001) fps = ntsc;
    }
  }
  // A hair of slack below: 24000/1001 computed from its decimal digits.
  if (!(fps >= kMinFps - 1e-9 && fps <= kMaxFps)) bad(key, value, expected);
  return std::max(fps, kMinFps);
}

struct Entry {
  std::string_view help;
  std::function<void(Settings&, std::string_view key, std::string_view value)> apply;
};

const std::map<std::string_view, Entry>& registry() {
  static const std::map<std::string_view, Entry> entries = {
      {"mode",
       {"speech analysis: auto|align|recognize|phonetic (auto = align with a transcript, else recognize)",
        [](Settings& s, auto k, auto v) {
          if (v == "auto") s.speech.mode = SpeechMode::Auto;
          else if (v == "align") s.speech.mode = SpeechMode::Align;
          else if (v == "recognize") s.speech.mode = SpeechMode::Recognize;
          else if (v == "phonetic") s.speech.mode = SpeechMode::Phonetic;
          else bad(k, v, "auto, align, recognize or phonetic");
        }}},
      {"fps",
       {"frames per second of the output, 24..120, or an NTSC rate: 23.976, 29.97, 59.94, 119.88 (= 30000/1001 ...)",
        [](Settings& s, auto k, auto v) { s.face.fps = parse_frame_rate(k, v); }}},
      {"format",
       {"output format: json|csv (Live Link Face layout)|a2f (Audio2Face's blendshape-weight JSON)",
        [](Settings& s, auto k, auto v) {
          if (v == "json") s.output.format = OutputFormat::Json;
          else if (v == "csv") s.output.format = OutputFormat::Csv;
          else if (v == "a2f") s.output.format = OutputFormat::Audio2Face;
          else bad(k, v, "json, csv or a2f");
        }}},
      {"blendshape_map",
       {"new names for ARKit shapes in JSON and a2f output, e.g. jawOpen=Jaw_Open,mouthClose=Mouth_Close "
        "(order and count stay; empty for Apple's names; Live Link CSV keeps its own)",
        [](Settings& s, auto, auto v) { s.output.blendshape_names = parse_blendshape_map(v); }}},
      {"max_duration",
       {"longest audio file or upload accepted, in seconds (default 600; live streams have no length limit)",
        [](Settings& s, auto k, auto v) { s.audio.max_duration_s = parse_number(k, v, 0.1, 86400); }}},
      {"max_input_mb",
       {"largest audio read from standard input or a pipe, in MB (default 1024)",
        [](Settings& s, auto k, auto v) { s.audio.max_input_mb = parse_number(k, v, 0.001, 65536); }}},
      {"max_words_per_second",
       {"most transcript words accepted per second of audio (+20), 1..100 (default 10)",
        [](Settings& s, auto k, auto v) { s.speech.max_words_per_second = parse_number(k, v, 1, 100); }}},
      {"model_dir",
       {"PocketSphinx en-us model directory",
        [](Settings& s, auto, auto v) { s.speech.model_dir = std::string(v); }}},
      {"recognizers",
       {"word recognisers loaded at once at most (~90 MB each; shared by the workers), 0 = one per worker",
        [](Settings& s, auto k, auto v) { s.speech.max_recognizers = static_cast<int>(parse_integer(k, v, 0, 256)); }}},
      {"recognizer_idle",
       {"seconds after which an unused word recogniser beyond the first, or a live-stream decoder beyond the one "
        "kept, is freed, 0 = never (default 30)",
        [](Settings& s, auto k, auto v) { s.speech.recognizer_idle_s = parse_number(k, v, 0, 86400); }}},
      {"lower_face_strength",
       {"scale of mouth and jaw motion, 0..2",
        [](Settings& s, auto k, auto v) { s.face.lower_face_strength = parse_number(k, v, 0, 2); }}},
      {"upper_face_strength",
       {"scale of brow motion and the upper face of emotions (lids, squints), 0..2; blinks and gaze have their own",
        [](Settings& s, auto k, auto v) { s.face.upper_face_strength = parse_number(k, v, 0, 2); }}},
      {"smoothing",
       {"coarticulation smoothing, 0 (raw) .. 2 (default 1)",
        [](Settings& s, auto k, auto v) { s.face.smoothing = parse_number(k, v, 0, 2); }}},
      {"lip_open_offset",
       {"added to the jaw opening while speaking, -0.2..0.2",
        [](Settings& s, auto k, auto v) { s.face.lip_open_offset = parse_number(k, v, -0.2, 0.2); }}},
      {"loudness_strength",
       {"how much loudness scales the jaw, 0..2 (against the file's level; live: the stream's so far)",
        [](Settings& s, auto k, auto v) { s.face.loudness_strength = parse_number(k, v, 0, 2); }}},
      {"seed",
       {"seed of the stochastic motion (blinks, gaze); same seed, same output",
        [](Settings& s, auto k, auto v) { s.face.seed = static_cast<unsigned>(parse_integer(k, v, 0, 4294967295LL)); }}},
      {"blink_strength",
       {"how far blinks close the lids, 0 (no blinks) .. 1",
        [](Settings& s, auto k, auto v) { s.face.blink_strength = parse_number(k, v, 0, 1); }}},
      {"eyelid_open_offset",
       {"resting eyelid opening, -0.5 (heavy lids) .. 0.5 (wide eyes)",
        [](Settings& s, auto k, auto v) { s.face.eyelid_open_offset = parse_number(k, v, -0.5, 0.5); }}},
      {"gaze_strength",
       {"scale of eye saccades, look-aways and the sad downcast look, 0..2",
        [](Settings& s, auto k, auto v) { s.face.gaze_strength = parse_number(k, v, 0, 2); }}},
      {"head_motion",
       {"scale of head motion (nods, tilts, drift), 0..2",
        [](Settings& s, auto k, auto v) { s.face.head_motion = parse_number(k, v, 0, 2); }}},
      {"emotion_strength",
       {"scale of every emotion input, 0..2",
        [](Settings& s, auto k, auto v) { s.face.emotion_strength = parse_number(k, v, 0, 2); }}},
      {"emotion",
       {"emotion constants such as joy=0.7,anger=0.2 (each 0..1; amazement anger cheekiness disgust fear grief "
        "joy outofbreath pain sadness), 'auto' to estimate from the voice, or empty for neutral",
        [](Settings& s, auto, auto v) {
          if (v == "auto") {
            s.face.emotion_mode = EmotionMode::Auto;
            return;
          }
          s.face.emotion = parse_emotion_list(v);
          s.face.emotion_mode = EmotionMode::Constant;
        }}},
      {"emotion_keys",
       {"emotion keyframes as JSON: [{\"time\": 1.2, \"joy\": 0.8}, ...] (replace the constants, not given with them in one request or file; empty clears)",
        [](Settings& s, auto, auto v) {
          if (v.find_first_not_of(" \t\r\n") == std::string_view::npos) {
            s.face.emotion_keys.clear();
            if (s.face.emotion_mode == EmotionMode::Keys) s.face.emotion_mode = EmotionMode::Constant;
            return;
          }
          s.face.emotion_keys = parse_emotion_keys(v);
          s.face.emotion_mode = EmotionMode::Keys;
        }}},
      {"host",
       {"server: address to listen on (default 127.0.0.1)",
        [](Settings& s, auto k, auto v) {
          if (v.empty()) bad(k, v, "an IP address or host name");
          s.server.host = std::string(v);
        }}},
      {"port",
       {"server: TCP port, 0..65535 (0 = any free port)",
        [](Settings& s, auto k, auto v) { s.server.port = static_cast<int>(parse_integer(k, v, 0, 65535)); }}},
      {"workers",
       {"server: parallel offline jobs, 0 = one per core, up to 256",
        [](Settings& s, auto k, auto v) { s.server.workers = static_cast<int>(parse_integer(k, v, 0, 256)); }}},
      {"queue",
       {"server: jobs waiting for a worker before 503 Busy, 0..10000",
        [](Settings& s, auto k, auto v) { s.server.queue = static_cast<int>(parse_integer(k, v, 0, 10000)); }}},
      {"max_upload_mb",
       {"server: largest request body in MB (default 50)",
        [](Settings& s, auto k, auto v) { s.server.max_upload_mb = parse_number(k, v, 0.001, 4096); }}},
      {"request_timeout",
       {"server: seconds a client may take to send a request or read a reply (default 30)",
        [](Settings& s, auto k, auto v) { s.server.request_timeout_s = parse_number(k, v, 0.1, 3600); }}},
      {"cors_origins",
       {"server: comma-separated origins allowed by CORS (and to open live streams), * for any, empty for none",
        [](Settings& s, auto, auto v) { s.server.cors_origins = std::string(v); }}},
      {"max_streams",
       {"server: concurrent live WebSocket streams, 0..10000",
        [](Settings& s, auto k, auto v) { s.server.max_streams = static_cast<int>(parse_integer(k, v, 0, 10000)); }}},
      {"max_connections",
       {"server: open connections (HTTP and WebSocket) at once, beyond it 503, 1..100000 (default 512)",
        [](Settings& s, auto k, auto v) { s.server.max_connections = static_cast<int>(parse_integer(k, v, 1, 100000)); }}},
      {"max_stream_speed",
       {"server: a live stream's audio is read at most this many times faster than real time after its first 10 s, 0 = no limit (default 4)",
        [](Settings& s, auto k, auto v) { s.server.max_stream_speed = parse_number(k, v, 0, 1000); }}},
      {"shutdown_grace",
       {"server: seconds in-flight requests and streams get to finish after SIGTERM (default 20)",
        [](Settings& s, auto k, auto v) { s.server.shutdown_grace_s = parse_number(k, v, 0, 3600); }}},
      {"log_format",
       {"server: text or json: the server's start-up, shutdown and failure lines as text, or as JSON lines like the access log's",
        [](Settings& s, auto k, auto v) {
          if (v == "text") s.server.log_format = LogFormat::Text;
          else if (v == "json") s.server.log_format = LogFormat::Json;
          else bad(k, v, "text or json");
        }}},
      {"web_root",
       {"server: folder of the web app served at / (index.html)",
        [](Settings& s, auto, auto v) { s.server.web_root = std::string(v); }}},
  };
  return entries;
}

}  // namespace

void apply_setting(Settings& settings, std::string_view key, std::string_view value) {
  const auto& entries = registry();
  auto it = entries.find(setting_name(key));
  if (it == entries.end()) {
    const auto like = setting_like(key);
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("unknown setting '{}'{}", excerpt(key), like ? fmt::format("; did you mean '{}'?", *like) : ""));
  }
  it->second.apply(settings, key, value);
}

std::string setting_name(std::string_view key) {
  std::string name(key);
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

bool is_setting(std::string_view key) { return registry().contains(setting_name(key)); }

std::span<const std::string> setting_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& info : setting_catalog()) out.emplace_back(info.key);
    return out;
  }();
  return names;
}

std::optional<std::string> setting_like(std::string_view key) { return closest_spelling(setting_name(key), setting_names()); }

std::string conflicting_settings(std::span<const std::string> keys) {
  auto given = [&keys](std::string_view name) {
    return std::any_of(keys.begin(), keys.end(), [name](const std::string& key) { return setting_name(key) == name; });
  };
  if (given("emotion") && given("emotion_keys"))
    return "'emotion' and 'emotion_keys' are both given: give one (keys replace the constants)";
  return {};
}

const std::vector<SettingInfo>& setting_catalog() {
  static const std::vector<SettingInfo> catalog = [] {
    std::vector<SettingInfo> out;
    for (const auto& [key, entry] : registry()) out.push_back({key, entry.help});
    return out;
  }();
  return catalog;
}

std::string_view mode_name(SpeechMode mode) {
  switch (mode) {
    case SpeechMode::Auto: return "auto";
    case SpeechMode::Align: return "align";
    case SpeechMode::Recognize: return "recognize";
    case SpeechMode::Phonetic: return "phonetic";
  }
  return "auto";
}

std::string_view format_name(OutputFormat format) {
  switch (format) {
    case OutputFormat::Json: return "json";
    case OutputFormat::Csv: return "csv";
    case OutputFormat::Audio2Face: return "a2f";
  }
  return "json";
}

}  // namespace facecast
