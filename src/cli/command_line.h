// Parses argv into one command. Settings flags are not interpreted here:
// every `--key value` whose key is in core's setting_catalog() is checked and
// later applied by apply_setting(), which owns names, parsing and validation.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "audio/decode.h"
#include "core/settings.h"

namespace facecast::cli {

enum class CommandKind { Help, Version, Names, Animate, Live, Serve, Avatar };

// Settings from the command line, applied over the config file and the
// environment (see settings_layers.h).
struct SettingFlags {
  std::optional<std::string> config_file;                    // --config FILE
  std::vector<std::pair<std::string, std::string>> values;   // (key, value) in order
  bool has(std::string_view key) const;
};

struct AnimateOptions {
  std::string input;   // an audio file, or a directory for batch mode
  std::string output;  // empty: stdout (single file only)
  std::optional<std::string> transcript;
  std::optional<std::string> transcript_file;
  int jobs = 0;               // batch workers; 0 = one per core
  bool verbose = false;       // -v: a one-line summary on stderr
  SettingFlags flags;
  Settings settings;  // resolved from defaults, config file, environment and flags
};

// `facecast live`: raw PCM in, stream messages out as it comes.
struct LiveOptions {
  std::string input = "-";  // "-": standard input (a pipe from a microphone, sox, a TTS)
  std::string output;       // empty or "-": stdout
  audio::StreamFormat format;  // --sample-rate, --channels, --encoding (defaults as /stream's start)
  bool format_stated = false;  // one of those three was given (a WAV header in the input then differs: warn)
  SettingFlags flags;
};

struct AvatarOptions {
  std::string output;  // the .glb to write
  std::string preset;  // empty: the default preset
  bool list = false;   // --list: print the preset names instead
};

struct Command {
  CommandKind kind = CommandKind::Help;
  std::string help_topic;  // for Help: "", "animate", "live", "serve", "avatar" or "names"
  AnimateOptions animate;
  LiveOptions live;
  SettingFlags serve;
  AvatarOptions avatar;
};

// Throws UsageError naming the offending argument.
Command parse_command_line(const std::vector<std::string>& args);

}  // namespace facecast::cli
