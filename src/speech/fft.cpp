#include "speech/fft.h"

#include <cmath>
#include <numbers>
#include <stdexcept>
#include <utility>

namespace facecast::speech {

Fft::Fft(int size) : size_(size), bit_reversed_(size), twiddles_(size / 2) {
  if (size < 2 || (size & (size - 1)) != 0) throw std::invalid_argument("Fft: size must be a power of two");
  int bits = 0;
  while ((1 << bits) < size) ++bits;
  for (int i = 0; i < size; ++i) {
    int r = 0;
    for (int b = 0; b < bits; ++b) r |= ((i >> b) & 1) << (bits - 1 - b);
    bit_reversed_[i] = r;
  }
  for (int k = 0; k < size / 2; ++k) {
    const double angle = -2 * std::numbers::pi * k / size;
    twiddles_[k] = {static_cast<float>(std::cos(angle)), static_cast<float>(std::sin(angle))};
  }
}

void Fft::transform(std::vector<std::complex<float>>& x, bool inverse) const {
  if (x.size() != static_cast<std::size_t>(size_)) throw std::invalid_argument("Fft: wrong input size");
  for (int i = 0; i < size_; ++i) {
    if (i < bit_reversed_[i]) std::swap(x[i], x[bit_reversed_[i]]);
  }
  for (int half = 1; half < size_; half *= 2) {
    const int step = size_ / (2 * half);
    for (int start = 0; start < size_; start += 2 * half) {
      for (int k = 0; k < half; ++k) {
        const std::complex<float> w = inverse ? std::conj(twiddles_[k * step]) : twiddles_[k * step];
        const std::complex<float> odd = w * x[start + k + half];
        x[start + k + half] = x[start + k] - odd;
        x[start + k] += odd;
      }
    }
  }
  if (inverse) {
    const float scale = 1.0f / static_cast<float>(size_);
    for (auto& v : x) v *= scale;
  }
}

}  // namespace facecast::speech
