// One settings struct with defaults, shared by every way of configuring
// Facecast: config file, FACECAST_* environment variables, CLI flags and HTTP
// fields all go through apply_setting(), so names, parsing and validation live
// in one place (settings.cpp).
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/blendshape_map.h"
#include "core/emotion.h"
#include "core/timeline.h"

namespace facecast {

struct AudioSettings {
  double max_duration_s = 600;  // longer input is refused (audio_too_long)
  // Audio read whole before decoding (standard input, a named pipe) is refused
  // past this many MB: its length is unknown until the end, so without a cap
  // `cat /dev/zero | facecast animate -` read until memory ran out.
  double max_input_mb = 1024;
};

struct SpeechSettings {
  SpeechMode mode = SpeechMode::Auto;  // auto: align with a transcript, else recognize
  std::string model_dir = FACECAST_MODEL_DIR;  // PocketSphinx en-us: en-us/, *.dict, *.lm.bin
  // Pauses at least this long split long input into utterances so time and
  // memory stay linear in length.
  double utterance_pause_s = 0.3;
  double max_utterance_s = 30;  // a cut is forced at the quietest point past this
  // A transcript with more words than this per second of audio (plus
  // kTranscriptWordAllowance) is refused: no one speaks that fast, and
  // aligning it would cost time for nothing (80,000 words on 2 s took 28 s).
  double max_words_per_second = 10;
  // Word recognisers (~90 MB each) are shared by the workers of a server or a
  // batch: at most this many are loaded at once (0 = one per worker); beyond
  // the first, one idle this long is freed.
  int max_recognizers = 0;
  double recognizer_idle_s = 30;
};

// Face synthesis. Lips come from the phones; eyes, brows, head and emotion
// from the voice's prosody and the emotion inputs (animation/face_life.h).
// Frame rates: 24..120, and the NTSC rates just below 24, 30, 48, 60 and 120
// (24000/1001 = 23.976... and so on) that video tools call 23.976, 29.97 ...
inline constexpr double kMinFps = 24000.0 / 1001;
inline constexpr double kMaxFps = 120;

struct FaceSettings {
  double fps = 30;                   // kMinFps..kMaxFps; frame i is at i / fps seconds
  double lower_face_strength = 1.0;  // scales mouth/jaw motion, 0..2
  double upper_face_strength = 1.0;  // scales brows and emotions' upper face, 0..2 (not blinks or gaze)
  double smoothing = 1.0;            // 0 = raw targets, 1 = default coarticulation, up to 2
  double lip_open_offset = 0.0;      // added to jaw opening while speaking, -0.2..0.2
  double loudness_strength = 1.0;    // how much loudness scales jaw opening, 0..2
  unsigned seed = 0;                 // for the stochastic parts (blinks, gaze), deterministic
  // Face life, as in Audio2Face's post-processing controls.
  double blink_strength = 1.0;       // 0 = no blinks .. 1 = lids fully closed
  double eyelid_open_offset = 0.0;   // -0.5 (heavy lids) .. 0.5 (wide eyes)
  double gaze_strength = 1.0;        // scales saccades, look-aways and the sad downcast look, 0..2
  double head_motion = 1.0;          // scales head rotation, 0..2
  double emotion_strength = 1.0;     // scales every emotion input, 0..2
  EmotionMode emotion_mode = EmotionMode::Constant;
  EmotionWeights emotion{};              // EmotionMode::Constant
  std::vector<EmotionKey> emotion_keys;  // EmotionMode::Keys
};

enum class OutputFormat { Json, Csv, Audio2Face };
enum class LogFormat { Text, Json };  // the server's own lines on stderr

struct OutputSettings {
  OutputFormat format = OutputFormat::Json;
  BlendshapeNames blendshape_names;  // empty: Apple's (JSON and a2f; Live Link CSV keeps Epic's)
};

// The HTTP/WebSocket server (facecast serve). Not settable per request.
struct ServerSettings {
  std::string host = "127.0.0.1";
  int port = 8000;
  int workers = 0;                 // offline jobs run in parallel; 0 = one per core
  int queue = 32;                  // jobs waiting for a worker; beyond this -> 503
  double max_upload_mb = 50;       // larger request bodies -> 413
  double request_timeout_s = 30;   // slow or stalled clients are cut off after this
  std::string cors_origins = "*";  // comma-separated allowed origins, "*" for any, "" for none
  int max_streams = 32;            // concurrent WebSocket /stream sessions
  // Open connections (HTTP and WebSocket); a connection beyond it is answered 503
  // and closed. Kept below the process's descriptor limit, which serve raises to fit.
  int max_connections = 512;
  // A live stream's audio is taken at most this many times faster than real time
  // (after its first kStreamBurstS seconds), so a client pushing a long file at
  // full speed cannot hold an I/O thread the HTTP routes need. 0 = no limit.
  double max_stream_speed = 4;
  std::string web_root = FACECAST_SOURCE_DIR "/web";  // the web app's static files
  // On SIGTERM/SIGINT: stop accepting, let in-flight requests and streams end
  // for at most this long, then close what is left.
  double shutdown_grace_s = 20;
  // The server's start-up, shutdown and failure lines: text, or JSON lines like the
  // access log's so a log collector can parse every line.
  LogFormat log_format = LogFormat::Text;
};

struct Settings {
  AudioSettings audio;
  SpeechSettings speech;
  FaceSettings face;
  OutputSettings output;
  ServerSettings server;
};

// Sets one setting by its public name ("fps", "mode", "max_duration", ...),
// parsing the text value. Throws Error(InvalidArgument) naming the key and the
// allowed range for unknown keys or bad values.
void apply_setting(Settings& settings, std::string_view key, std::string_view value);

// Settings that one source (a config file, the environment, one command line,
// one request or stream message) may not give together: `emotion` and
// `emotion_keys` each say what the face's emotion is, and a JSON object's keys
// have no order, so neither may silently win. (A later source overrides an
// earlier one as for any setting.) Returns the message naming the first such
// pair among `keys` (dashes or underscores), or an empty string.
std::string conflicting_settings(std::span<const std::string> keys);

// Public names of every setting apply_setting() accepts, for help texts and docs.
struct SettingInfo {
  std::string_view key;
  std::string_view help;
};
const std::vector<SettingInfo>& setting_catalog();
// A setting's name as written with dashes ("head-motion", as the command line
// writes it) or underscores, in the underscore form the settings use.
std::string setting_name(std::string_view key);
// Whether apply_setting() knows `key` (dashes or underscores).
bool is_setting(std::string_view key);
// The setting `key` is a slip of ("fsp" -> "fps"; dashes or underscores), if any.
std::optional<std::string> setting_like(std::string_view key);
// Every setting's name, in the catalog's order.
std::span<const std::string> setting_names();

std::string_view mode_name(SpeechMode mode);
std::string_view format_name(OutputFormat format);

}  // namespace facecast
