#include "cli/settings_layers.h"

#include <cstdio>

#include "server/config_loader.h"

namespace facecast::cli {

Settings resolve_settings(const SettingFlags& flags) {
  Settings settings;
  if (flags.config_file) server::load_config_file(settings, *flags.config_file);
  server::load_environment(settings);
  for (const auto& warning : server::misspelt_environment_variables())
    std::fprintf(stderr, "facecast: warning: %s\n", warning.c_str());
  for (const auto& [key, value] : flags.values) apply_setting(settings, key, value);
  return settings;
}

}  // namespace facecast::cli
