#include "cli/command_line.h"

#include <algorithm>
#include <charconv>

#include "cli/usage_error.h"
#include "core/error.h"

namespace facecast::cli {
namespace {

bool is_help(const std::string& arg) { return arg == "-h" || arg == "--help"; }

bool is_setting_key(std::string_view key) {
  const auto& catalog = setting_catalog();
  return std::any_of(catalog.begin(), catalog.end(), [&](const SettingInfo& s) { return s.key == key; });
}

// "--transcript-file" -> "transcript_file"; settings may be written with dashes or underscores.
std::string option_key(std::string_view option) {
  std::string key(option.substr(option.starts_with("--") ? 2 : 1));
  std::replace(key.begin(), key.end(), '-', '_');
  return key;
}

int parse_jobs(const std::string& value) {
  int jobs = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), jobs);
  if (ec != std::errc() || end != value.data() + value.size() || jobs < 1 || jobs > 256)
    throw UsageError("option '-j': '" + value + "' is not valid; expected a whole number from 1 to 256");
  return jobs;
}

AnimateOptions parse_animate(const std::vector<std::string>& args, std::size_t first) {
  AnimateOptions options;
  for (std::size_t i = first; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "-v" || arg == "--verbose") {
      options.verbose = true;
      continue;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      if (!options.input.empty())
        throw UsageError("animate takes one input, got '" + options.input + "' and '" + arg + "'");
      options.input = arg;
      continue;
    }
    // --key=value or --key value
    std::string name = arg, value;
    bool inline_value = false;
    if (auto eq = arg.find('='); arg.starts_with("--") && eq != std::string::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      inline_value = true;
    }
    std::string key = option_key(name);
    if (key == "o") key = "output";
    if (key == "j") key = "jobs";
    const bool known = key == "output" || key == "transcript" || key == "transcript_file" || key == "jobs" ||
                       (name.starts_with("--") && is_setting_key(key));
    if (!known) throw UsageError("unknown option '" + name + "' (see 'facecast animate --help')");
    if (!inline_value) {
      if (i + 1 >= args.size()) throw UsageError("option '" + name + "' needs a value");
      value = args[++i];
    }
    if (key == "output") options.output = value;
    else if (key == "transcript") options.transcript = value;
    else if (key == "transcript_file") options.transcript_file = value;
    else if (key == "jobs") options.jobs = parse_jobs(value);
    else {
      try {
        apply_setting(options.settings, key, value);
      } catch (const Error& e) {
        throw UsageError(e.what());
      }
      if (key == "format") options.format_given = true;
    }
  }
  if (options.input.empty()) throw UsageError("animate needs an input file or directory (see 'facecast animate --help')");
  if (options.transcript && options.transcript_file)
    throw UsageError("give either --transcript or --transcript-file, not both");
  return options;
}

}  // namespace

Command parse_command_line(const std::vector<std::string>& args) {
  Command command;
  if (args.empty()) throw UsageError("no command given (see 'facecast --help')");
  const std::string& first = args[0];
  if (is_help(first) || first == "help") {
    command.kind = CommandKind::Help;
    if (first == "help" && args.size() > 1) command.help_topic = args[1];
    if (!command.help_topic.empty() && command.help_topic != "animate" && command.help_topic != "names")
      throw UsageError("no help for unknown command '" + command.help_topic + "'");
    return command;
  }
  if (first == "--version" || first == "-V" || first == "version") {
    command.kind = CommandKind::Version;
    return command;
  }
  if (first != "animate" && first != "names") {
    if (first.starts_with("-")) throw UsageError("unknown option '" + first + "' (see 'facecast --help')");
    throw UsageError("unknown command '" + first + "' (see 'facecast --help')");
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
  command.kind = CommandKind::Animate;
  command.animate = parse_animate(args, 1);
  return command;
}

}  // namespace facecast::cli
