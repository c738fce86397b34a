// Writing numbers and JSON strings into one growing buffer, without locale,
// streams or a temporary per value: the exporters write ~1.3M numbers for a
// 10-minute file and this is their hot loop (see bench, REFERENCE.md).
#pragma once
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <string>
#include <string_view>

namespace facecast::exporter {

// An output buffer written through raw pointers: room(n) gives n writable
// bytes at the end, commit(end) keeps what was written up to end.
class TextOut {
 public:
  explicit TextOut(std::size_t expected) { buffer_.resize(expected); }
  char* room(std::size_t n) {
    if (length_ + n > buffer_.size()) buffer_.resize(std::max(buffer_.size() * 2, length_ + n));
    return buffer_.data() + length_;
  }
  void commit(char* end) { length_ = static_cast<std::size_t>(end - buffer_.data()); }
  void append(std::string_view s) { commit(std::copy(s.begin(), s.end(), room(s.size()))); }
  void append(char c) { *room(1) = c, ++length_; }
  std::string take() {
    buffer_.resize(length_);
    return std::move(buffer_);
  }

 private:
  std::string buffer_;
  std::size_t length_ = 0;
};

constexpr std::size_t kMaxFixedChars = 24;  // "-1000000000000.123456"

// Writes v rounded half away from zero to Decimals places, trailing zeros
// dropped ("0.5", "0", "-1.25"); non-finite values as 0 (JSON has no NaN).
// Needs kMaxFixedChars of room; returns the new end.
template <int Decimals>
char* write_fixed(char* p, double v) {
  static_assert(Decimals >= 0 && Decimals <= 6);
  constexpr long long kScale = [] { long long s = 1; for (int i = 0; i < Decimals; ++i) s *= 10; return s; }();
  constexpr double kLargest = 1e12;  // far beyond any weight, angle or time; keeps the cast defined
  if (!std::isfinite(v)) v = 0;
  const bool negative = v < 0;
  double magnitude = std::min(negative ? -v : v, kLargest);
  auto q = static_cast<long long>(magnitude * static_cast<double>(kScale) + 0.5);
  if (q == 0) {
    *p = '0';
    return p + 1;
  }
  if (negative) *p++ = '-';
  long long whole = q / kScale;
  long long frac = q % kScale;
  if (whole < 10) *p++ = static_cast<char>('0' + whole);
  else p = std::to_chars(p, p + 16, whole).ptr;
  if constexpr (Decimals > 0) {
    if (frac != 0) {
      *p = '.';
      for (int k = Decimals; k >= 1; --k) p[k] = static_cast<char>('0' + frac % 10), frac /= 10;
      char* end = p + Decimals;
      while (*end == '0') --end;  // drop trailing zeros; a non-zero digit exists
      p = end + 1;
    }
  }
  return p;
}

// Same, appended to out.
template <int Decimals>
void append_number(TextOut& out, double v) {
  out.commit(write_fixed<Decimals>(out.room(kMaxFixedChars), v));
}

// Writes v in the fewest digits that read back as v ("30", "29.97002997002997"),
// for values a reader must get exactly, such as a fractional fps. Needs
// kMaxExactChars of room; returns the new end.
constexpr std::size_t kMaxExactChars = 32;  // a double's shortest form is at most 24
inline char* write_exact(char* p, double v) {
  return std::to_chars(p, p + kMaxExactChars, std::isfinite(v) ? v : 0.0).ptr;
}

inline void append_exact(TextOut& out, double v) { out.commit(write_exact(out.room(kMaxExactChars), v)); }

// Same, appended to a string (tests, small outputs).
void append_fixed(std::string& out, double v, int decimals);

// Writes s as a quoted JSON string: quotes, backslashes and control
// characters escaped; invalid UTF-8 bytes become U+FFFD so the output always parses.
void append_json_string(TextOut& out, std::string_view s);

}  // namespace facecast::exporter
