// Helpers shared by the audio tests: reading fixture bytes, expecting a
// specific facecast::Error, and comparing signals.
#pragma once
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <vector>

#include "audio/decode.h"
#include "core/error.h"
#include "support/fixtures.h"

namespace facecast::audio::test {

using facecast::testing::fixture;

// speech.wav (espeak-ng, 22050 Hz) holds 70667 frames: 3.2049 s, 51278 samples at 16 kHz.
constexpr double kSpeechSeconds = 70667.0 / 22050.0;
constexpr std::size_t kSamplesPerMs = kAnalysisRate / 1000;

inline std::vector<std::byte> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> chars((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::byte> bytes(chars.size());
  for (std::size_t i = 0; i < chars.size(); ++i) bytes[i] = static_cast<std::byte>(chars[i]);
  return bytes;
}

// Runs `action`, expecting a facecast::Error with `code` whose message holds `words`.
inline void expect_error(const std::function<void()>& action, ErrorCode code,
                         const std::string& words) {
  try {
    action();
    ADD_FAILURE() << "expected error " << code_name(code) << ", got none";
  } catch (const Error& error) {
    EXPECT_EQ(code_name(error.code()), code_name(code)) << error.what();
    EXPECT_NE(std::string(error.what()).find(words), std::string::npos)
        << "message \"" << error.what() << "\" does not mention \"" << words << "\"";
  }
}

inline double rms(const std::vector<float>& x) {
  double sum = 0;
  for (float v : x) sum += static_cast<double>(v) * v;
  return x.empty() ? 0 : std::sqrt(sum / x.size());
}

inline float max_abs_difference(const std::vector<float>& a, const std::vector<float>& b) {
  float worst = 0;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
    worst = std::max(worst, std::fabs(a[i] - b[i]));
  return worst;
}

// Normalised correlation of two signals over their common length (1 = identical shape).
inline double correlation(const std::vector<float>& a, const std::vector<float>& b) {
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    ab += static_cast<double>(a[i]) * b[i];
    aa += static_cast<double>(a[i]) * a[i];
    bb += static_cast<double>(b[i]) * b[i];
  }
  return ab / std::sqrt(aa * bb);
}

}  // namespace facecast::audio::test
