#include "speech/ascii_folding.h"

#include <algorithm>
#include <optional>

namespace facecast::speech {
namespace {

// Latin letters with diacritics -> ASCII, U+00C0..U+017F (index = code - 0xC0);
// "" for the few that are not letters (multiplication and division signs).
const char* const kLatinFolds[] = {
    // U+00C0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    // U+0100
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s"};
static_assert(sizeof(kLatinFolds) / sizeof(kLatinFolds[0]) == 0x180 - 0xC0);

// Further letters whose base letter is plain: Romanian, Vietnamese and other
// Latin Extended Additional letters, the typographic ligatures PDF text is full
// of ("ﬁnal" was read as "nal"), each range folding to one spelling.
struct FoldRange {
  char32_t first, last;
  const char* ascii;
};
constexpr FoldRange kFoldRanges[] = {
    {0x0192, 0x0192, "f"},  {0x0218, 0x0219, "s"},  {0x021A, 0x021B, "t"},  // ƒ, Romanian ș ț
    {0x01CD, 0x01CE, "a"},  {0x01CF, 0x01D0, "i"},  {0x01D1, 0x01D2, "o"},  {0x01D3, 0x01DC, "u"},  // pinyin ǎ ǐ ǒ ǔ ǚ
    {0x1E00, 0x1E01, "a"},  {0x1E02, 0x1E07, "b"},  {0x1E08, 0x1E09, "c"},  {0x1E0A, 0x1E13, "d"},
    {0x1E14, 0x1E1D, "e"},  {0x1E1E, 0x1E1F, "f"},  {0x1E20, 0x1E21, "g"},  {0x1E22, 0x1E2B, "h"},
    {0x1E2C, 0x1E2F, "i"},  {0x1E30, 0x1E35, "k"},  {0x1E36, 0x1E3D, "l"},  {0x1E3E, 0x1E43, "m"},
    {0x1E44, 0x1E4B, "n"},  {0x1E4C, 0x1E53, "o"},  {0x1E54, 0x1E57, "p"},  {0x1E58, 0x1E5F, "r"},
    {0x1E60, 0x1E69, "s"},  {0x1E6A, 0x1E71, "t"},  {0x1E72, 0x1E7B, "u"},  {0x1E7C, 0x1E7F, "v"},
    {0x1E80, 0x1E89, "w"},  {0x1E8A, 0x1E8D, "x"},  {0x1E8E, 0x1E8F, "y"},  {0x1E90, 0x1E95, "z"},
    {0x1E96, 0x1E96, "h"},  {0x1E97, 0x1E97, "t"},  {0x1E98, 0x1E98, "w"},  {0x1E99, 0x1E99, "y"},
    {0x1E9A, 0x1E9A, "a"},  {0x1E9B, 0x1E9D, "s"},  {0x1E9E, 0x1E9E, "ss"},
    {0x1EA0, 0x1EB7, "a"},  {0x1EB8, 0x1EC7, "e"},  {0x1EC8, 0x1ECB, "i"},  {0x1ECC, 0x1EE3, "o"},  // Vietnamese
    {0x1EE4, 0x1EF1, "u"},  {0x1EF2, 0x1EF9, "y"},
    {0xFB00, 0xFB00, "ff"}, {0xFB01, 0xFB01, "fi"}, {0xFB02, 0xFB02, "fl"}, {0xFB03, 0xFB03, "ffi"},
    {0xFB04, 0xFB04, "ffl"}, {0xFB05, 0xFB06, "st"}};

const char* range_fold(char32_t cp) {
  for (const FoldRange& r : kFoldRanges)
    if (cp >= r.first && cp <= r.last) return r.ascii;
  return nullptr;
}

// Reads one UTF-8 code point at text[i]; returns its length (1 for an invalid byte, read as U+FFFD).
size_t read_code_point(std::string_view text, size_t i, char32_t& cp) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b = byte(i);
  size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > text.size()) {
    cp = 0xFFFD;
    return 1;
  }
  cp = len == 1 ? b : len == 2 ? (b & 0x1F) : len == 3 ? (b & 0x0F) : (b & 0x07);
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) {
      cp = 0xFFFD;
      return 1;
    }
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  return len;
}

bool is_combining_mark(char32_t cp) {
  return (cp >= 0x300 && cp < 0x370) || (cp >= 0x1AB0 && cp < 0x1B00) || (cp >= 0x1DC0 && cp < 0x1E00) ||
         (cp >= 0x20D0 && cp < 0x2100) || (cp >= 0xFE20 && cp < 0xFE30);
}

// Characters that are likely spoken but have no ASCII reading here: letters
// and digits of other scripts, superscripts, fractions, circled numbers.
// Letters these ranges share with kFoldRanges (ș, ǎ, ...) fold instead: the
// caller checks range_fold first.
bool is_unread_letter(char32_t cp) {
  const auto in = [cp](char32_t first, char32_t last) { return cp >= first && cp <= last; };
  return cp == 0xB5 || cp == 0xB9 || in(0xBC, 0xBE) ||
         in(0x0180, 0x02AF) ||                      // Latin Extended-B, IPA
         in(0x0370, 0x1FFF) ||                      // Greek, Cyrillic ... Indic, Thai, Georgian, Hangul Jamo
         in(0x2070, 0x209F) || in(0x2150, 0x218F) || in(0x2460, 0x24FF) ||  // super/subscripts, ½ Ⅻ, ①
         in(0x3040, 0x30FF) || in(0x3100, 0x9FFF) ||  // kana, CJK (not CJK punctuation, U+3000..303F)
         in(0xA000, 0xD7FF) || in(0xF900, 0xFAFF) || in(0xFF66, 0xFFDC) || in(0x20000, 0x3FFFF);
}

void append_utf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Folds code points one by one into a FoldedText, gathering the unread runs.
class Folder {
 public:
  explicit Folder(size_t size_hint) { text_.ascii.reserve(size_hint); }

  void add(char32_t cp) {
    const bool combining = is_combining_mark(cp);
    const bool unread = !combining && is_unread_letter(cp) && !range_fold(cp);
    if (!combining && !unread) end_run();
    if (combining && run_.empty()) return;  // "e" + U+0301 is "é"
    if (combining || unread) {
      if (run_.empty()) text_.ascii.push_back(' ');  // it separates words
      append_utf8(cp, run_);
      return;
    }
    fold(cp);
  }

  FoldedText finish() {
    end_run();
    return std::move(text_);
  }

 private:
  void end_run() {
    if (run_.empty()) return;
    text_.unread.push_back(std::move(run_));
    run_.clear();
  }

  void fold(char32_t cp) {
    std::string& out = text_.ascii;
    if (cp < 0x80) out.push_back(cp < 0x20 && cp != '\n' ? ' ' : static_cast<char>(cp));  // lines mark up lists
    else if (cp >= 0xC0 && cp < 0x180 && *kLatinFolds[cp - 0xC0]) out += kLatinFolds[cp - 0xC0];
    else if (const char* ascii = range_fold(cp)) out += ascii;
    else if (cp >= 0xFF01 && cp <= 0xFF5E) fold(cp - 0xFEE0);  // fullwidth forms: "Ａｂｃ １２３"
    else if (cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x02BC || cp == 0xFF07 || cp == 0xB4) out.push_back('\'');
    else if (cp == 0x2212 || cp == 0x2010 || cp == 0x2011) out.push_back('-');
    else if (cp == 0x20AC) out.push_back(kEuroSign);
    else if (cp == 0xA3) out.push_back(kPoundSign);
    else if (cp == 0xA5) out.push_back(kYenSign);
    else if (cp == 0xB0) out.push_back(kDegreeSign);
    else if (cp == 0xD7) out.push_back(kTimesSign);
    else if (cp == 0xF7) out.push_back(kDivisionSign);
    else if (cp == 0xB1) out.push_back(kPlusMinusSign);
    else if (cp == 0xB2) out.push_back(kSquaredSign);
    else if (cp == 0xB3) out.push_back(kCubedSign);
    else out.push_back(' ');
  }

  FoldedText text_;
  std::string run_;  // the unread run being gathered
};

// UTF-16 from byte `first` on (Windows editors save "Unicode" text so).
FoldedText fold_utf16(std::string_view bytes, bool little_endian, size_t first) {
  Folder out(bytes.size() / 2);
  const auto unit = [&](size_t k) {
    const auto lo = static_cast<unsigned char>(bytes[little_endian ? k : k + 1]);
    const auto hi = static_cast<unsigned char>(bytes[little_endian ? k + 1 : k]);
    return static_cast<char32_t>(hi << 8 | lo);
  };
  for (size_t k = first; k + 1 < bytes.size(); k += 2) {
    char32_t cp = unit(k);
    if (cp >= 0xD800 && cp < 0xDC00 && k + 3 < bytes.size()) {  // a surrogate pair
      const char32_t low = unit(k + 2);
      if (low >= 0xDC00 && low < 0xE000) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        k += 2;
      }
    }
    out.add(cp);
  }
  return out.finish();
}

// UTF-16 saved without a byte-order mark: text holds no NUL bytes, but in
// UTF-16 English nearly every character's high byte is one; the side holding
// them tells the byte order. Read as UTF-8 its letters became one-letter words
// ("g o f o r w a r d"). A stray NUL in UTF-8 text (a quarter of the units
// needed) stays a space.
std::optional<bool> unmarked_utf16_order(std::string_view text) {
  size_t nul_even = 0, nul_odd = 0;
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\0') ++(i % 2 ? nul_odd : nul_even);
  const size_t units = text.size() / 2;
  if (units == 0 || std::max(nul_even, nul_odd) * 4 < units) return std::nullopt;
  return nul_odd >= nul_even;  // true: little-endian (the high byte second)
}

bool is_valid_utf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const size_t length = read_code_point(text, i, cp);
    if (cp == 0xFFFD && length == 1) return false;  // a real U+FFFD takes 3 bytes
    i += length;
  }
  return true;
}

// Windows-1252 (Latin-1 with quotes and dashes in 0x80-0x9F): what a text that
// is not UTF-8 most likely is ("café" and "don’t" saved by older Windows
// editors). Its undefined bytes become U+FFFD.
char32_t windows_1252(unsigned char byte) {
  static constexpr char16_t kHigh[32] = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  return byte >= 0x80 && byte < 0xA0 ? kHigh[byte - 0x80] : byte;
}

}  // namespace

FoldedText fold_to_ascii(std::string_view text) {
  if (text.starts_with("\xFF\xFE")) return fold_utf16(text, true, 2);
  if (text.starts_with("\xFE\xFF")) return fold_utf16(text, false, 2);
  if (const auto little_endian = unmarked_utf16_order(text)) return fold_utf16(text, *little_endian, 0);
  Folder out(text.size());
  if (!is_valid_utf8(text)) {
    for (const char c : text) out.add(windows_1252(static_cast<unsigned char>(c)));
    return out.finish();
  }
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    i += read_code_point(text, i, cp);
    out.add(cp);
  }
  return out.finish();
}

}  // namespace facecast::speech
