// A small in-place radix-2 FFT for the noise reduction's short frames.
#pragma once
#include <complex>
#include <vector>

namespace facecast::speech {

class Fft {
 public:
  explicit Fft(int size);  // size: a power of two
  int size() const { return size_; }
  // In place; inverse divides by size, so inverse(forward(x)) == x.
  void forward(std::vector<std::complex<float>>& x) const { transform(x, false); }
  void inverse(std::vector<std::complex<float>>& x) const { transform(x, true); }

 private:
  void transform(std::vector<std::complex<float>>& x, bool inverse) const;
  int size_;
  std::vector<int> bit_reversed_;
  std::vector<std::complex<float>> twiddles_;  // exp(-2 pi i k / size), k < size / 2
};

}  // namespace facecast::speech
