#include "server/config_loader.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.h"

namespace facecast::server {

namespace {

// Measures nesting without building anything, and stops one level past the
// limit. (nlohmann's parser callback measured it too, but its parser then
// searched the enclosing array after every value it closed: a message of
// 300,000 empty objects held an I/O thread for minutes.)
struct NestingProbe final : nlohmann::json_sax<nlohmann::json> {
  int depth = 0;
  int deepest = 0;

  bool enter() {  // the outermost value is depth 0
    deepest = std::max(deepest, depth++);
    return deepest <= kMaxSettingsDepth;
  }
  bool leave() {
    --depth;
    return true;
  }
  bool start_object(std::size_t) override { return enter(); }
  bool end_object() override { return leave(); }
  bool start_array(std::size_t) override { return enter(); }
  bool end_array() override { return leave(); }
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool key(string_t&) override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};

}  // namespace

nlohmann::json parse_settings_json(std::string_view text, int& depth, bool comments) {
  NestingProbe probe;
  const bool well_formed = nlohmann::json::sax_parse(text, &probe, nlohmann::json::input_format_t::json,
                                                     /*strict=*/true, /*ignore_comments=*/comments);
  depth = probe.deepest;
  if (!well_formed) return nlohmann::json(nlohmann::json::value_t::discarded);
  return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false, comments);
}

bool takes_object(std::string_view key) { return key == "emotion" || key == "blendshape_map"; }

std::string setting_text(const std::string& key, const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (key == "emotion_keys" && value.is_array()) return value.dump();  // keyframes as JSON
  if (takes_object(key) && value.is_object()) {  // {"joy": 0.7} -> joy=0.7, {"jawOpen": "Jaw_Open"} -> jawOpen=Jaw_Open
    std::string out;
    for (const auto& [name, weight] : value.items()) {
      if (!out.empty()) out += ',';
      out += name + "=" + setting_text(key, weight);
    }
    return out;
  }
  // JSON writers give whole numbers as 60.0 (Python's json.dumps of a float);
  // the integer settings read "60.0" as not a whole number.
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (std::isfinite(number) && std::floor(number) == number && std::fabs(number) < 9007199254740992.0)
      return std::to_string(static_cast<long long>(number));
  }
  if (value.is_number() || value.is_boolean()) return value.dump();
  if (value.is_array()) {  // lists such as cors_origins
    std::string out;
    for (const auto& item : value) {
      if (!out.empty()) out += ',';
      out += setting_text(key, item);
    }
    return out;
  }
  throw Error(ErrorCode::InvalidArgument, fmt::format("setting '{}' must be a string, number or list", key));
}

namespace {

void apply_with_context(Settings& settings, const std::string& key, const nlohmann::json& value,
                        const std::string& where) {
  try {
    apply_setting(settings, key, setting_text(key, value));
  } catch (const Error& e) {
    throw Error(e.code(), fmt::format("{}: {}", where, e.what()));
  }
}

}  // namespace

void load_config_file(Settings& settings, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::NotFound, fmt::format("config file '{}' cannot be opened", path));
  std::stringstream text;
  text << in.rdbuf();
  int depth = 0;
  nlohmann::json doc = parse_settings_json(text.str(), depth, /*comments=*/true);
  if (depth > kMaxSettingsDepth)
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("config file '{}' nests deeper than {} levels", path, kMaxSettingsDepth));
  if (doc.is_discarded()) throw Error(ErrorCode::InvalidArgument, fmt::format("config file '{}' is not valid JSON", path));
  if (!doc.is_object()) throw Error(ErrorCode::InvalidArgument, fmt::format("config file '{}' must hold a JSON object", path));
  Settings updated = settings;  // all or nothing
  std::vector<std::string> keys;
  for (const auto& [key, value] : doc.items()) {
    // A section such as {"server": {...}} holds settings, one level deep. A
    // setting's own name with an object is a wrong value, not a section.
    if (value.is_object() && !is_setting(key)) {
      for (const auto& [inner, inner_value] : value.items()) {
        if (inner_value.is_object() && !takes_object(inner))
          throw Error(ErrorCode::InvalidArgument,
                      fmt::format("config file '{}': '{}' inside section '{}' is an object; a section holds "
                                  "settings, one level deep",
                                  path, inner, key));
        apply_with_context(updated, inner, inner_value, fmt::format("config file '{}'", path));
        keys.push_back(inner);
      }
    } else {
      apply_with_context(updated, key, value, fmt::format("config file '{}'", path));
      keys.push_back(key);
    }
  }
  if (auto conflict = conflicting_settings(keys); !conflict.empty())
    throw Error(ErrorCode::InvalidArgument, fmt::format("config file '{}': {}", path, conflict));
  settings = std::move(updated);
}

namespace {

std::string environment_name(std::string_view key) {
  std::string name = "FACECAST_";
  for (char c : key) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

}  // namespace

void load_environment(Settings& settings, std::span<const std::string> overridden) {
  Settings updated = settings;
  std::vector<std::string> keys;
  for (const auto& info : setting_catalog()) {
    if (std::find(overridden.begin(), overridden.end(), info.key) != overridden.end()) continue;
    const std::string name = environment_name(info.key);
    if (const char* value = std::getenv(name.c_str())) {
      apply_with_context(updated, std::string(info.key), nlohmann::json(value), fmt::format("environment variable {}", name));
      keys.emplace_back(info.key);
    }
  }
  if (auto conflict = conflicting_settings(keys); !conflict.empty())
    throw Error(ErrorCode::InvalidArgument, "FACECAST_ environment variables: " + conflict);
  settings = std::move(updated);
}

std::vector<std::string> misspelt_environment_variables() {
  constexpr std::string_view prefix = "FACECAST_";
  std::vector<std::string> warnings;
  for (char** entry = environ; *entry; ++entry) {
    const std::string_view text(*entry);
    if (!text.starts_with(prefix)) continue;
    const std::string_view name = text.substr(0, text.find('='));
    std::string key(name.substr(prefix.size()));
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // Only FACECAST_FPS is read: FACECAST_fps and FACECAST_HEAD-MOTION are slips too.
    if (is_setting(key) && name == environment_name(key)) continue;
    const auto like = is_setting(key) ? std::optional<std::string>(setting_name(key)) : setting_like(key);
    if (like)
      warnings.push_back(fmt::format("{} is not a setting and is ignored; did you mean {}?", name, environment_name(*like)));
  }
  return warnings;
}

}  // namespace facecast::server
