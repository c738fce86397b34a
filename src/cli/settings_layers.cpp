#include "cli/settings_layers.h"

#include <string>
#include <vector>

#include "server/config_loader.h"
#include "server/event_log.h"

namespace facecast::cli {

Settings resolve_settings(const SettingFlags& flags) {
  Settings settings;
  if (flags.config_file) server::load_config_file(settings, *flags.config_file);
  std::vector<std::string> flagged;  // what the command line sets again
  for (const auto& [key, value] : flags.values) flagged.push_back(setting_name(key));
  server::load_environment(settings, flagged);
  for (const auto& [key, value] : flags.values) apply_setting(settings, key, value);
  // Warned once every layer is in, so the warnings come in the log_format asked for.
  server::set_log_format(settings.server.log_format);
  for (const auto& warning : server::misspelt_environment_variables()) server::log_event(server::LogLevel::Warning, warning);
  return settings;
}

}  // namespace facecast::cli
