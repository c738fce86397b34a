// Settings from a JSON config file and FACECAST_* environment variables, each
// key applied through apply_setting() so validation is the CLI's and HTTP's.
// Precedence (lowest first): defaults, config file, environment, command-line
// flags — so the CLI calls these two, then applies its flags.
#pragma once
#include <string>

#include "core/settings.h"

namespace facecast::server {

// A JSON object whose keys are setting names ({"port": 8080, "cors_origins": "*"});
// nested objects are flattened one level ({"server": {"port": 8080}} works too).
// Throws Error: NotFound (no file), InvalidArgument (bad JSON or setting, with the key).
void load_config_file(Settings& settings, const std::string& path);

// FACECAST_<KEY> for every key of the settings catalog (FACECAST_PORT, FACECAST_MAX_UPLOAD_MB).
// Throws Error(InvalidArgument) naming the variable for a bad value.
void load_environment(Settings& settings);

}  // namespace facecast::server
