#include "export/text_writer.h"

namespace facecast::exporter {
namespace {

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

template <int D>
void append_fixed_as(std::string& out, double v) {
  char buf[kMaxFixedChars];
  out.append(buf, write_fixed<D>(buf, v));
}

}  // namespace

void append_fixed(std::string& out, double v, int decimals) {
  switch (decimals) {
    case 0: return append_fixed_as<0>(out, v);
    case 1: return append_fixed_as<1>(out, v);
    case 2: return append_fixed_as<2>(out, v);
    case 3: return append_fixed_as<3>(out, v);
    case 4: return append_fixed_as<4>(out, v);
    case 5: return append_fixed_as<5>(out, v);
    default: return append_fixed_as<6>(out, v);
  }
}

void append_json_string(TextOut& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  // Worst case 6 bytes per input byte (\u00XX) plus quotes.
  char* p = out.room(s.size() * 6 + 2);
  *p++ = '"';
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      std::size_t n = utf8_sequence_length(s, i);
      if (n == 0) {
        p = std::copy_n("\xEF\xBF\xBD", 3, p);  // U+FFFD (3 bytes) for 1 invalid byte
        ++i;
      } else {
        p = std::copy_n(s.data() + i, n, p);
        i += n;
      }
      continue;
    }
    const char* escape = nullptr;
    switch (c) {
      case '"': escape = "\\\""; break;
      case '\\': escape = "\\\\"; break;
      case '\n': escape = "\\n"; break;
      case '\r': escape = "\\r"; break;
      case '\t': escape = "\\t"; break;
      case '\b': escape = "\\b"; break;
      case '\f': escape = "\\f"; break;
      default: break;
    }
    if (escape) {
      *p++ = escape[0], *p++ = escape[1];
    } else if (c < 0x20 || c == 0x7F) {
      p = std::copy_n("\\u00", 4, p);
      *p++ = kHex[c >> 4];
      *p++ = kHex[c & 0xF];
    } else {
      *p++ = static_cast<char>(c);
    }
    ++i;
  }
  *p++ = '"';
  out.commit(p);
}

}  // namespace facecast::exporter
