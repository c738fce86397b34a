// Parses argv into one command. Settings flags are not parsed here: every
// `--key value` whose key is in core's setting_catalog() goes to
// apply_setting(), which owns names, parsing and validation.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/settings.h"

namespace facecast::cli {

enum class CommandKind { Help, Version, Names, Animate };

struct AnimateOptions {
  std::string input;   // an audio file, or a directory for batch mode
  std::string output;  // empty: stdout (single file only)
  std::optional<std::string> transcript;
  std::optional<std::string> transcript_file;
  int jobs = 0;               // batch workers; 0 = one per core
  bool format_given = false;  // --format was on the command line (else inferred from -o)
  bool verbose = false;       // -v: a one-line summary on stderr
  Settings settings;
};

struct Command {
  CommandKind kind = CommandKind::Help;
  std::string help_topic;  // for Help: "", "animate" or "names"
  AnimateOptions animate;
};

// Throws UsageError naming the offending argument.
Command parse_command_line(const std::vector<std::string>& args);

}  // namespace facecast::cli
