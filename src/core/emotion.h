// The ten emotion inputs of Audio2Face-3D, each 0..1, given as constants, as
// keyframes over time, or estimated from the voice (auto). Parsing lives here
// so the CLI, the HTTP fields and the config file accept the same text.
#pragma once
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace facecast {

enum class Emotion : std::size_t {
  Amazement, Anger, Cheekiness, Disgust, Fear, Grief, Joy, OutOfBreath, Pain, Sadness,
};
constexpr std::size_t kEmotionCount = 10;
extern const std::array<std::string_view, kEmotionCount> kEmotionNames;  // "amazement", ... "sadness"

using EmotionWeights = std::array<float, kEmotionCount>;

inline float& at(EmotionWeights& w, Emotion e) { return w[static_cast<std::size_t>(e)]; }
inline float at(const EmotionWeights& w, Emotion e) { return w[static_cast<std::size_t>(e)]; }

struct EmotionKey {
  double time = 0;  // seconds
  EmotionWeights weights{};
};

enum class EmotionMode {
  Constant,  // FaceSettings::emotion all along (all zero = neutral)
  Keys,      // FaceSettings::emotion_keys, interpolated smoothly; held before the first and after the last
  Auto,      // estimated per phrase from pitch, energy and rate (see animation/emotion_estimate.h)
};

std::string_view emotion_mode_name(EmotionMode mode);

// "joy=0.7,anger=0.2" -> weights (unnamed emotions 0). Throws Error(InvalidArgument)
// naming the bad part: unknown emotion, value outside 0..1, malformed pair, repeats.
EmotionWeights parse_emotion_list(std::string_view text);

// '[{"time": 1.2, "joy": 0.8}, ...]' -> keys sorted by time. Every key needs a
// "time" (seconds, >= 0, strictly increasing); emotions it omits are 0.
// Throws Error(InvalidArgument) naming the key and the problem.
std::vector<EmotionKey> parse_emotion_keys(std::string_view json_text);

// Smooth interpolation of keys at time t (smoothstep between neighbours, so the
// motion eases in and out and never overshoots). `cursor` speeds up calls
// with non-decreasing t; pass 0 to start.
EmotionWeights emotion_at(const std::vector<EmotionKey>& keys, double t, std::size_t& cursor);

}  // namespace facecast
