#include "cli/command_line.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include "cli/usage_error.h"
#include "core/error.h"
#include "core/spelling.h"

namespace facecast::cli {
namespace {

bool is_help(const std::string& arg) { return arg == "-h" || arg == "--help"; }

// "--transcript-file" -> "transcript_file"; settings may be written with dashes or underscores.
std::string option_key(std::string_view option) {
  return setting_name(option.substr(option.starts_with("--") ? 2 : 1));
}

// "unknown option '--fsp'; did you mean '--fps'? (see ...)": the command's own
// options, and the settings where it takes them, are the candidates.
// `refused`: settings the command turns down, so a slip is not pointed at one of them.
UsageError unknown_option(const std::string& arg, std::string_view command, std::vector<std::string> options,
                          bool takes_settings, const std::vector<std::string>& refused = {}) {
  const std::string name = arg.substr(0, arg.find('='));
  if (takes_settings) {
    options.emplace_back("config");
    for (const auto& setting : setting_names())
      if (std::find(refused.begin(), refused.end(), setting) == refused.end()) options.push_back(setting);
  }
  auto dashed = [](std::string key) {
    std::replace(key.begin(), key.end(), '_', '-');
    return "--" + key;
  };
  const std::string key = option_key(name);
  const bool exact = std::find(options.begin(), options.end(), key) != options.end();
  // --verbose=1: a flag given a value, not a misspelling.
  if (exact && name == dashed(key)) return UsageError("option '" + name + "' takes no value");
  std::string message = "unknown option '" + name + "'";
  // -fps for --fps is as much a slip as --fsp.
  if (const auto like = exact ? std::optional<std::string>(key) : closest_spelling(key, options))
    message += "; did you mean '" + dashed(*like) + "'?";
  return UsageError(message + " (see 'facecast " + (command.empty() ? "" : std::string(command) + " ") + "--help')");
}

// A bad value is a usage error, found before any work starts.
void check_setting(const std::string& key, const std::string& value) {
  Settings scratch;
  try {
    apply_setting(scratch, key, value);
  } catch (const Error& e) {
    throw UsageError(e.what());
  }
}

// --emotion-keys takes a JSON file (or the JSON itself, as the other ways of configuring do).
std::string emotion_keys_text(const std::string& value) {
  const auto first = value.find_first_not_of(" \t\r\n");
  // '{' too: a single keyframe given inline gets the JSON error, not "cannot read".
  if (first == std::string::npos || value[first] == '[' || value[first] == '{') return value;
  std::ifstream in(value, std::ios::binary);
  // Unreadable input, as a missing --config or --transcript-file: not a usage error.
  if (!in) throw Error(ErrorCode::NotFound, "emotion keys file '" + value + "' cannot be opened");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Reads "--name value", "--name=value" (or "-o value", "-o=value") at args[i];
// advances i past the value.
std::pair<std::string, std::string> option_and_value(const std::vector<std::string>& args, std::size_t& i) {
  const std::string& arg = args[i];
  if (auto eq = arg.find('='); eq != std::string::npos)
    return {arg.substr(0, eq), arg.substr(eq + 1)};
  if (i + 1 >= args.size()) throw UsageError("option '" + arg + "' needs a value");
  return {arg, args[++i]};
}

// --config FILE and every setting flag; false if args[i] is neither.
bool parse_setting_flag(const std::vector<std::string>& args, std::size_t& i, SettingFlags& flags) {
  const std::string& arg = args[i];
  if (!arg.starts_with("--")) return false;
  std::string key = option_key(arg.substr(0, arg.find('=')));
  if (key != "config" && !is_setting(key)) return false;
  auto [name, value] = option_and_value(args, i);
  if (key == "config") {
    flags.config_file = value;
  } else {
    if (key == "emotion_keys") value = emotion_keys_text(value);
    check_setting(key, value);
    flags.values.emplace_back(key, value);
    std::vector<std::string> keys;
    for (const auto& given : flags.values) keys.push_back(given.first);
    if (auto conflict = conflicting_settings(keys); !conflict.empty()) throw UsageError(conflict);
  }
  return true;
}

// A whole number in [lo, hi] for option `name`.
int parse_bounded(const std::string& name, const std::string& value, int lo, int hi) {
  int n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n < lo || n > hi)
    throw UsageError("option '" + name + "': '" + value + "' is not valid; expected a whole number from " +
                     std::to_string(lo) + " to " + std::to_string(hi));
  return n;
}

AnimateOptions parse_animate(const std::vector<std::string>& args, std::size_t first) {
  AnimateOptions options;
  bool options_ended = false;
  for (std::size_t i = first; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--" && !options_ended) {  // what follows is a file name, even "-take.wav"
      options_ended = true;
      continue;
    }
    if ((arg == "-v" || arg == "--verbose") && !options_ended) {
      options.verbose = true;
      continue;
    }
    if (options_ended || arg.size() < 2 || arg[0] != '-') {  // "-" alone is stdin
      if (!options.input.empty())
        throw UsageError("animate takes one input, got '" + options.input + "' and '" + arg + "'");
      options.input = arg;
      continue;
    }
    if (parse_setting_flag(args, i, options.flags)) continue;
    std::string key = option_key(arg.substr(0, arg.find('=')));
    if (key == "o") key = "output";
    if (key == "j") key = "jobs";
    if (key != "output" && key != "transcript" && key != "transcript_file" && key != "jobs")
      throw unknown_option(arg, "animate", {"output", "transcript", "transcript_file", "jobs", "verbose"}, true);
    auto [name, value] = option_and_value(args, i);
    // `-o "$OUT"` with OUT unset wrote to stdout as if -o were not there.
    if (key == "output" && value.empty()) throw UsageError(name + " needs a file name (- for standard output)");
    if (key == "output") options.output = value;
    else if (key == "transcript") options.transcript = value;
    else if (key == "transcript_file") options.transcript_file = value;
    else options.jobs = parse_bounded("-j", value, 1, 256);
  }
  if (options.input.empty()) throw UsageError("animate needs an input file or directory (see 'facecast animate --help')");
  if (options.transcript && options.transcript_file)
    throw UsageError("give either --transcript or --transcript-file, not both");
  if (options.transcript_file == "-" && options.input == "-")
    throw UsageError("standard input cannot hold both the audio and the transcript (--transcript-file -)");
  return options;
}

// Settings of the animation file that a stream of frames has no use for.
const std::vector<std::string> kRefusedByLive = {"format", "blendshape_map"};

LiveOptions parse_live(const std::vector<std::string>& args, std::size_t first) {
  LiveOptions options;
  bool have_input = false, options_ended = false;
  for (std::size_t i = first; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--" && !options_ended) {
      options_ended = true;
      continue;
    }
    if (options_ended || arg.size() < 2 || arg[0] != '-') {  // "-" alone is stdin
      if (have_input) throw UsageError("live takes one input, got '" + options.input + "' and '" + arg + "'");
      options.input = arg;
      have_input = true;
      continue;
    }
    if (parse_setting_flag(args, i, options.flags)) continue;
    std::string key = option_key(arg.substr(0, arg.find('=')));
    if (key == "o") key = "output";
    if (key != "output" && key != "sample_rate" && key != "channels" && key != "encoding")
      throw unknown_option(arg, "live", {"output", "sample_rate", "channels", "encoding"}, true, kRefusedByLive);
    auto [name, value] = option_and_value(args, i);
    if (key == "output" && value.empty()) throw UsageError(name + " needs a file name (- for standard output)");
    options.format_stated = options.format_stated || key != "output";
    if (key == "output") options.output = value;
    else if (key == "sample_rate") options.format.raw.sample_rate = parse_bounded(name, value, 8000, 96000);
    else if (key == "channels") options.format.raw.channels = parse_bounded(name, value, 1, 8);
    else if (!audio::set_stream_encoding(options.format, value))
      throw UsageError("option '" + name + "': '" + value + "' is not valid; expected pcm_s16le, pcm_f32le, webm or ogg");
  }
  if (options.flags.has("format")) throw UsageError("live writes stream messages (JSON lines); --format is for animate");
  // Only a --mode given here is checked: a mode from the environment or a config
  // file is the default for files and uploads, and live runs phonetic regardless.
  for (const auto& [key, value] : options.flags.values)
    if (setting_name(key) == "mode" && value != "auto" && value != "phonetic")
      throw UsageError("live uses phonetic mode; --mode may only be auto or phonetic");
  if (options.flags.has("blendshape_map"))
    throw UsageError("live's frames carry no names (their order is 'facecast names'); --blendshape-map is for animate");
  return options;
}

SettingFlags parse_serve(const std::vector<std::string>& args, std::size_t first) {
  SettingFlags flags;
  for (std::size_t i = first; i < args.size(); ++i) {
    if (parse_setting_flag(args, i, flags)) continue;
    const std::string& arg = args[i];
    if (arg.starts_with("-")) throw unknown_option(arg, "serve", {}, true);
    throw UsageError("serve takes no arguments, got '" + arg + "'");
  }
  return flags;
}

AvatarOptions parse_avatar(const std::vector<std::string>& args, std::size_t first) {
  AvatarOptions options;
  for (std::size_t i = first; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const std::string name = arg.substr(0, arg.find('='));
    if (arg == "--list") options.list = true;
    else if (name == "-o" || name == "--output") options.output = option_and_value(args, i).second;
    else if (name == "--preset") options.preset = option_and_value(args, i).second;
    else if (arg.starts_with("-")) throw unknown_option(arg, "avatar", {"output", "preset", "list"}, false);
    else throw UsageError("avatar takes no arguments, got '" + arg + "' (write the file with -o)");
  }
  if (!options.list && options.output.empty()) throw UsageError("avatar needs -o FILE.glb (or --list)");
  return options;
}

}  // namespace

bool SettingFlags::has(std::string_view key) const {
  return std::any_of(values.begin(), values.end(), [&](const auto& kv) { return kv.first == key; });
}

Command parse_command_line(const std::vector<std::string>& args) {
  Command command;
  if (args.empty()) throw UsageError("no command given (see 'facecast --help')");
  const std::string& first = args[0];
  if (is_help(first) || first == "help") {
    command.kind = CommandKind::Help;
    // `help --help` is the main help, as `help` alone.
    if (first == "help" && args.size() > 1 && !is_help(args[1])) command.help_topic = args[1];
    const std::vector<std::string> topics = {"animate", "live", "serve", "names", "avatar"};
    if (!command.help_topic.empty() && std::find(topics.begin(), topics.end(), command.help_topic) == topics.end()) {
      const auto like = closest_spelling(command.help_topic, topics);
      throw UsageError("no help for unknown command '" + command.help_topic + "'" +
                       (like ? "; did you mean '" + *like + "'?" : ""));
    }
    return command;
  }
  if (first == "--version" || first == "-V" || first == "version") {
    command.kind = CommandKind::Version;
    return command;
  }
  if (first != "animate" && first != "live" && first != "serve" && first != "names" && first != "avatar") {
    if (first.starts_with("-")) throw unknown_option(first, "", {"help", "version"}, false);
    const std::vector<std::string> commands = {"animate", "live", "serve", "names", "avatar", "help", "version"};
    const auto like = closest_spelling(first, commands);
    throw UsageError("unknown command '" + first + "'" + (like ? "; did you mean '" + *like + "'?" : "") +
                     " (see 'facecast --help')");
  }
  // `--help` anywhere after a command asks for that command's help, whatever else is there.
  if (std::any_of(args.begin() + 1, args.end(), is_help)) {
    command.kind = CommandKind::Help;
    command.help_topic = first;
    return command;
  }
  if (first == "names") {
    if (args.size() > 1) throw UsageError("names takes no arguments, got '" + args[1] + "'");
    command.kind = CommandKind::Names;
    return command;
  }
  if (first == "avatar") {
    command.kind = CommandKind::Avatar;
    command.avatar = parse_avatar(args, 1);
    return command;
  }
  if (first == "live") {
    command.kind = CommandKind::Live;
    command.live = parse_live(args, 1);
    return command;
  }
  if (first == "serve") {
    command.kind = CommandKind::Serve;
    command.serve = parse_serve(args, 1);
    return command;
  }
  command.kind = CommandKind::Animate;
  command.animate = parse_animate(args, 1);
  return command;
}

}  // namespace facecast::cli
