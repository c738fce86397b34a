// The settings a command runs with, lowest precedence first: defaults, the
// config file (--config FILE), FACECAST_* environment variables, command-line
// flags. Every layer goes through apply_setting(), so validation is shared.
#pragma once
#include "cli/command_line.h"
#include "core/settings.h"

namespace facecast::cli {

// Throws Error naming the file, variable or key that is wrong.
Settings resolve_settings(const SettingFlags& flags);

}  // namespace facecast::cli
