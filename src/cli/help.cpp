#include "cli/help.h"

#include <algorithm>
#include <initializer_list>

#include <fmt/format.h>

#include "core/settings.h"

namespace facecast::cli {
namespace {

constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0  success\n"
    "  1  bad or unreadable input, or processing failed (in batch mode: any file failed)\n"
    "  2  wrong command line or setting value\n"
    "  3  the speech model could not be loaded\n"
    "  4  internal error (a bug)\n";

constexpr const char* kSettingSources =
    "Settings come from, lowest precedence first: defaults, --config FILE (a JSON object of\n"
    "settings, e.g. {\"port\": 8080}), FACECAST_<KEY> environment variables (FACECAST_FPS=60),\n"
    "then flags. Flags: --key value or --key=value, dashes or underscores.\n";

// Settings of the server carry a "server: " help prefix in core's catalog;
// they are accepted here too (one vocabulary everywhere) but listed apart.
// leave_out: settings the command does not use (so its help does not offer them).
std::string settings_list(bool server, std::initializer_list<std::string_view> leave_out = {}) {
  constexpr std::string_view kServerPrefix = "server: ";
  const auto& catalog = setting_catalog();
  std::size_t width = 0;
  for (const auto& s : catalog) width = std::max(width, s.key.size());
  std::string out;
  for (const auto& s : catalog) {
    if (s.help.starts_with(kServerPrefix) != server) continue;
    if (std::find(leave_out.begin(), leave_out.end(), s.key) != leave_out.end()) continue;
    std::string flag = "--" + std::string(s.key);
    std::replace(flag.begin(), flag.end(), '_', '-');
    std::string_view help = server ? s.help.substr(kServerPrefix.size()) : s.help;
    out += fmt::format("  {:<{}}  {}\n", flag + " V", width + 5, help);
  }
  return out;
}

}  // namespace

std::string main_help() {
  return std::string(
             "facecast: speech audio in, a talking face out (52 ARKit blendshapes, 15 visemes,\n"
             "head and eye rotation, phone and word timings per frame). Offline, CPU only.\n"
             "\n"
             "Usage:\n"
             "  facecast animate IN [-o OUT] [options]   animate one audio file, or every file of a directory\n"
             "  facecast live [IN] [-o OUT] [options]    animate raw PCM as it arrives (stdin), stream messages out\n"
             "  facecast serve [options]                 run the HTTP/WebSocket server (API, web app, live stream)\n"
             "  facecast avatar -o FILE.glb [--preset P] write a generated avatar (glTF binary, ARKit morphs)\n"
             "  facecast names                           print the 52 ARKit blendshape names in order\n"
             "  facecast help [COMMAND] | COMMAND --help  help on facecast or a command\n"
             "  facecast --version                       print the version\n"
             "\n"
             "Errors are one line on stderr: 'facecast: <message>'.\n\n") +
         kExitCodes;
}

std::string animate_help() {
  return std::string(
             "Usage: facecast animate IN [-o OUT] [--transcript TEXT | --transcript-file FILE]\n"
             "                        [--mode auto|align|recognize|phonetic] [--fps N] [--format json|csv|a2f]\n"
             "                        [--SETTING VALUE ...]\n"
             "       facecast animate DIR -o OUTDIR [-j N] [options]\n"
             "\n"
             "Animates speech audio (WAV, MP3, FLAC, OGG Vorbis, Opus, WebM). Output is JSON (the API\n"
             "contract), Live Link Face CSV for Unreal, or a2f: the blendshape-weight JSON NVIDIA\n"
             "Audio2Face exports, for the importers made for it. Without -o (or with -o -) it goes to\n"
             "stdout. IN may be - to read the audio from stdin, or a named pipe such as\n"
             "<(ffmpeg -i video.mp4 -f wav -). Without --format, an OUT ending in .csv means CSV\n"
             "and one in .json JSON; otherwise the format setting decides (default json).\n"
             "\n"
             "Batch mode: when IN is a directory, every audio file in it and its subdirectories (wav\n"
             "mp3 flac ogg opus webm mka aiff au caf w64; not hidden ones) is animated into OUTDIR/<name>.json (.csv for CSV), the\n"
             "subdirectories mirrored, N files at a time (default: one per core).\n"
             "A <name>.txt beside an audio file is its transcript. A file that fails is reported and\n"
             "the others continue; a summary follows.\n"
             "\n"
             "Options:\n"
             "  -o, --output OUT            output file (directory in batch mode)\n"
             "  --transcript TEXT           what is said (enables forced alignment)\n"
             "  --transcript-file FILE      read the transcript from FILE (- for standard input)\n"
             "  -j, --jobs N                batch workers, 1..256\n"
             "  -v, --verbose               a one-line summary of each result on stderr\n"
             "  --config FILE               settings from a JSON file\n"
             "  -h, --help                  this help\n"
             "\n") +
         kSettingSources + "\nSettings:\n" + settings_list(false) +
         "\nServer settings (accepted everywhere, used by 'facecast serve'):\n" + settings_list(true) + "\n" + kExitCodes;
}

std::string live_help() {
  return std::string(
             "Usage: facecast live [IN] [-o OUT] [--sample-rate N] [--channels N]\n"
             "                     [--encoding pcm_s16le|pcm_f32le|webm|ogg] [--SETTING VALUE ...]\n"
             "\n"
             "Animates audio as it arrives, with the live engine of the server's WebSocket\n"
             "/stream: IN (default -, standard input) is raw PCM, e.g. from a microphone\n"
             "(arecord -q -f S16_LE -r 16000 -c 1 | facecast live) or a TTS; a WAV header at its\n"
             "start (arecord and sox write one to a pipe) sets the format instead of the options\n"
             "(16-bit or float samples), and so does a WebM or Ogg header (Opus or Vorbis, as\n"
             "ffmpeg, opusenc or a browser's MediaRecorder write them: rate and channels come\n"
             "from it). Output (stdout without -o) is the stream's messages, one JSON object per\n"
             "line, written as soon as their frames exist: a \"ready\" line, \"frames\" lines\n"
             "({\"start\": K, \"fps\": F, \"blendshapes\", \"visemes\", \"head_rotation\",\n"
             "\"eye_rotation\"}), then an \"end\" line with the frame count once IN ends. Speech\n"
             "analysis is the phonetic mode.\n"
             "\n"
             "Options:\n"
             "  -o, --output OUT            output file (default: stdout)\n"
             "  --sample-rate N             input sample rate, 8000..96000 (default 16000)\n"
             "  --channels N                interleaved input channels, 1..8 (default 1)\n"
             "  --encoding E                pcm_s16le (default) or pcm_f32le, little-endian; or webm, ogg\n"
             "  --config FILE               settings from a JSON file\n"
             "  -h, --help                  this help\n"
             "\n") +
         kSettingSources + "\nSettings:\n" +
         // Live is phonetic mode writing stream messages: no transcript, no word recogniser, no file
         // format; a stream runs as long as its input (memory stays bounded), so no length limit.
         settings_list(false, {"mode", "format", "blendshape_map", "max_words_per_second", "recognizers", "recognizer_idle", "max_input_mb",
                               "max_duration"}) +
         "\n" + kExitCodes;
}

std::string serve_help() {
  return std::string(
             "Usage: facecast serve [--config FILE] [--SETTING VALUE ...]\n"
             "\n"
             "Runs the Facecast server until Ctrl-C (SIGINT) or SIGTERM: the REST API\n"
             "(POST /process-audio, GET /health, GET /blendshape-names, API docs at /docs), the\n"
             "web app at / and live WebSocket streaming.\n"
             "\n") +
         kSettingSources + "\nServer settings:\n" + settings_list(true) + "\nAnimation settings (defaults for requests):\n" +
         settings_list(false) + "\n" + kExitCodes;
}

std::string names_help() {
  return "Usage: facecast names\n"
         "\n"
         "Prints the 52 ARKit blendshape names, one a line, in Apple's order: the order of\n"
         "each frame's weights in the JSON output.\n";
}

std::string version_text() { return std::string("facecast ") + FACECAST_VERSION + "\n"; }

std::string avatar_help() {
  return std::string(
             "Usage: facecast avatar -o FILE.glb [--preset NAME]\n"
             "       facecast avatar --list\n"
             "\n"
             "Writes one of Facecast's generated head-and-shoulders avatars as glTF 2.0 binary,\n"
             "with morph targets named as the 52 ARKit blendshapes, the 15 viseme_* shapes and\n"
             "mouthOpen, mouthSmile, eyesClosed, eyesLookUp, eyesLookDown. The same preset always\n"
             "gives the same file (-o - writes it to standard output). --list prints the preset\n"
             "names (the first is the default).\n\n") +
         kExitCodes;
}

}  // namespace facecast::cli
