// Settings from a JSON config file and FACECAST_* environment variables, each
// key applied through apply_setting() so validation is the CLI's and HTTP's.
// Precedence (lowest first): defaults, config file, environment, command-line
// flags — so the CLI calls these two, then applies its flags.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/settings.h"

namespace facecast::server {

// A JSON object whose keys are setting names ({"port": 8080, "cors_origins": "*"});
// nested objects are flattened one level ({"server": {"port": 8080}} works too).
// Throws Error: NotFound (no file), InvalidArgument (bad JSON or setting, with the key).
void load_config_file(Settings& settings, const std::string& path);

// No setting nests deeper than a config section holding emotion keyframes;
// deeper input is refused before anything recurses over it (a 40 KB file of
// nested lists overflowed the stack).
constexpr int kMaxSettingsDepth = 8;
// Parses JSON (discarded when invalid, or nesting deeper than kMaxSettingsDepth)
// in time linear in its length, without recursing; `depth` is how deep it nests
// (counted up to kMaxSettingsDepth + 1). Callers check the depth first.
nlohmann::json parse_settings_json(std::string_view text, int& depth, bool comments = false);

// A setting's JSON value as the text apply_setting() reads: strings and numbers
// as they are, emotion as {"joy": 0.7} or "joy=0.7", emotion_keys as an array
// of keyframes or its JSON text, lists (cors_origins) comma-joined. Shared by the
// config file and the live stream's messages. Throws Error(InvalidArgument).
std::string setting_text(const std::string& key, const nlohmann::json& value);
// Settings whose JSON value may be an object of names: emotion, blendshape_map.
bool takes_object(std::string_view key);

// FACECAST_<KEY> for every key of the settings catalog (FACECAST_PORT, FACECAST_MAX_UPLOAD_MB).
// Throws Error(InvalidArgument) naming the variable for a bad value. Keys in
// `overridden` (given again by a later layer, e.g. a command-line flag) are not
// read: a bad FACECAST_FPS in a shared environment must not stop `--fps 30`.
void load_environment(Settings& settings, std::span<const std::string> overridden = {});

// Warnings for FACECAST_* variables that are no setting but a slip of one
// (FACECAST_WORKER for FACECAST_WORKERS), which load_environment() ignores.
// Names far from every setting are left alone: scripts keep their own there.
std::vector<std::string> misspelt_environment_variables();

}  // namespace facecast::server
