#include "export/text_writer.h"

#include <charconv>
#include <cmath>

namespace facecast::exporter {
namespace {

constexpr long long kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
// Beyond this the value is certainly garbage for a face; clamping keeps llround defined.
constexpr double kLargest = 1e12;

// Length of the valid UTF-8 sequence starting at s[i], or 0 if it is not valid.
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  std::size_t n;
  unsigned lowest;
  if (c >= 0xC2 && c <= 0xDF) n = 2, lowest = 0x80;
  else if (c >= 0xE0 && c <= 0xEF) n = 3, lowest = 0x800;
  else if (c >= 0xF0 && c <= 0xF4) n = 4, lowest = 0x10000;
  else return 0;
  if (i + n > s.size()) return 0;
  unsigned code = c & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < lowest || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

void append_uint(std::string& out, unsigned long long v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

void append_fixed(std::string& out, double v, int decimals) {
  if (!std::isfinite(v)) v = 0;
  if (decimals < 0) decimals = 0;
  if (decimals > 6) decimals = 6;
  if (v > kLargest) v = kLargest;
  if (v < -kLargest) v = -kLargest;
  long long q = std::llround(v * static_cast<double>(kPow10[decimals]));
  char buf[40];
  char* p = buf;
  if (q < 0) {
    *p++ = '-';
    q = -q;
  }
  long long whole = q / kPow10[decimals];
  long long frac = q % kPow10[decimals];
  p = std::to_chars(p, buf + sizeof buf, whole).ptr;
  if (frac != 0) {
    int digits = decimals;
    while (frac % 10 == 0) frac /= 10, --digits;  // drop trailing zeros
    *p++ = '.';
    for (int k = digits - 1; k >= 0; --k) p[k] = static_cast<char>('0' + frac % 10), frac /= 10;
    p += digits;
  }
  out.append(buf, p);
}

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t n = utf8_sequence_length(s, i);
      if (n == 0) {
        out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not valid UTF-8
        ++i;
      } else {
        out.append(s.substr(i, n));
        i += n;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  out += '"';
}

}  // namespace facecast::exporter
