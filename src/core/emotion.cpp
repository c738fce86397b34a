#include "core/emotion.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/name_value_list.h"

namespace facecast {

const std::array<std::string_view, kEmotionCount> kEmotionNames = {
    "amazement", "anger", "cheekiness", "disgust", "fear", "grief", "joy", "outofbreath", "pain", "sadness",
};

namespace {

[[noreturn]] void bad(const std::string& what) { throw Error(ErrorCode::InvalidArgument, what); }

std::size_t emotion_index(std::string_view name, std::string_view where) {
  for (std::size_t i = 0; i < kEmotionCount; ++i)
    if (kEmotionNames[i] == name) return i;
  bad(fmt::format("{}: unknown emotion '{}'; expected one of {}", where, excerpt(name), fmt::join(kEmotionNames, ", ")));
}

float unit_value(double v, std::string_view name, std::string_view where) {
  if (!std::isfinite(v) || v < 0 || v > 1) bad(fmt::format("{}: {} must be from 0 to 1, got {}", where, name, v));
  return static_cast<float>(v);
}

}  // namespace

std::string_view emotion_mode_name(EmotionMode mode) {
  switch (mode) {
    case EmotionMode::Constant: return "constant";
    case EmotionMode::Keys: return "keys";
    case EmotionMode::Auto: return "auto";
  }
  return "constant";
}

EmotionWeights parse_emotion_list(std::string_view text) {
  constexpr std::string_view where = "setting 'emotion'";
  EmotionWeights weights{};
  std::array<bool, kEmotionCount> seen{};
  for_each_name_value(text, where, "joy=0.7,anger=0.2, or 'auto'", [&](std::string_view name, std::string_view value) {
    const std::size_t i = emotion_index(name, where);
    if (seen[i]) bad(fmt::format("{}: {} is given twice", where, name));
    seen[i] = true;
    double v = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || end != value.data() + value.size())
      bad(fmt::format("{}: {} needs a number from 0 to 1, got '{}'", where, name, excerpt(value)));
    weights[i] = unit_value(v, name, where);
  });
  return weights;
}

std::vector<EmotionKey> parse_emotion_keys(std::string_view json_text) {
  constexpr std::string_view where = "setting 'emotion_keys'";
  const nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_array())
    bad(fmt::format("{}: expected a JSON list such as [{{\"time\": 1.2, \"joy\": 0.8}}]", where));
  if (doc.size() > 100000) bad(fmt::format("{}: at most 100000 keys, got {}", where, doc.size()));
  std::vector<EmotionKey> keys;
  keys.reserve(doc.size());
  for (std::size_t k = 0; k < doc.size(); ++k) {
    const auto& item = doc[k];
    const std::string at_key = fmt::format("{}: key {}", where, k);
    if (!item.is_object()) bad(at_key + " is not an object");
    if (!item.contains("time") || !item["time"].is_number()) bad(at_key + " needs a \"time\" in seconds");
    EmotionKey key;
    key.time = item["time"].get<double>();
    if (!std::isfinite(key.time) || key.time < 0) bad(at_key + ": time must be 0 or more");
    if (!keys.empty() && key.time <= keys.back().time) bad(at_key + ": times must increase from key to key");
    for (const auto& [name, value] : item.items()) {
      if (name == "time") continue;
      const std::size_t i = emotion_index(name, at_key);
      if (!value.is_number()) bad(fmt::format("{}: {} must be a number from 0 to 1", at_key, name));
      key.weights[i] = unit_value(value.get<double>(), name, at_key);
    }
    keys.push_back(key);
  }
  return keys;
}

EmotionWeights emotion_at(const std::vector<EmotionKey>& keys, double t, std::size_t& cursor) {
  if (keys.empty()) return {};
  if (cursor >= keys.size() || keys[cursor].time > t) cursor = 0;
  while (cursor + 1 < keys.size() && keys[cursor + 1].time <= t) ++cursor;
  const EmotionKey& a = keys[cursor];
  if (t <= a.time || cursor + 1 == keys.size()) return a.weights;
  const EmotionKey& b = keys[cursor + 1];
  const double x = (t - a.time) / (b.time - a.time);
  const float s = static_cast<float>(x * x * (3 - 2 * x));
  EmotionWeights out;
  for (std::size_t i = 0; i < kEmotionCount; ++i) out[i] = a.weights[i] + s * (b.weights[i] - a.weights[i]);
  return out;
}

}  // namespace facecast
