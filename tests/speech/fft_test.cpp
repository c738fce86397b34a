#include "speech/fft.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace facecast::speech {
namespace {

std::vector<std::complex<float>> test_signal(int n) {
  std::vector<std::complex<float>> x(n);
  for (int i = 0; i < n; ++i) x[i] = {static_cast<float>(std::sin(0.3 * i * i) + 0.01 * i), static_cast<float>(std::cos(0.7 * i))};
  return x;
}

TEST(fft, matchesTheDefinitionOfTheDft) {
  for (const int n : {2, 16, 512}) {
    const auto x = test_signal(n);
    auto y = x;
    Fft(n).forward(y);
    for (int k = 0; k < n; ++k) {
      std::complex<double> sum = 0;
      for (int i = 0; i < n; ++i) sum += std::complex<double>(x[i]) * std::polar(1.0, -2 * std::numbers::pi * k * i / n);
      EXPECT_LT(std::abs(sum - std::complex<double>(y[k])), 1e-3 * n) << n << " " << k;
    }
  }
}

TEST(fft, inverseUndoesForward) {
  const auto x = test_signal(512);
  auto y = x;
  const Fft fft(512);
  fft.forward(y);
  fft.inverse(y);
  for (int i = 0; i < 512; ++i) EXPECT_LT(std::abs(y[i] - x[i]), 1e-4) << i;
}

}  // namespace
}  // namespace facecast::speech
