#include "speech/transcript_words.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace facecast::speech {
namespace {

const char* const kOnes[] = {"zero",    "one",     "two",       "three",    "four",     "five",    "six",
                             "seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
                             "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen"};
const char* const kTens[] = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};

void below_thousand(unsigned n, std::vector<std::string>& out) {
  if (n >= 100) {
    out.emplace_back(kOnes[n / 100]);
    out.emplace_back("hundred");
    n %= 100;
    if (n == 0) return;
  }
  if (n < 20) {
    out.emplace_back(kOnes[n]);
    return;
  }
  out.emplace_back(kTens[n / 10]);
  if (n % 10) out.emplace_back(kOnes[n % 10]);
}

// "one" -> "first", "twenty" -> "twentieth", "nine" -> "ninth", ...
std::string ordinal_of(const std::string& w) {
  static const std::pair<const char*, const char*> irregular[] = {
      {"one", "first"}, {"two", "second"}, {"three", "third"}, {"five", "fifth"},
      {"eight", "eighth"}, {"nine", "ninth"}, {"twelve", "twelfth"}};
  for (auto [cardinal, ordinal] : irregular)
    if (w == cardinal) return ordinal;
  if (w.ends_with("y")) return w.substr(0, w.size() - 1) + "ieth";
  return w + "th";
}

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '\''; }

// grouped: the number had thousands separators ("1,250"), so it is not a year.
void add_token(std::string token, std::vector<std::string>& out, bool grouped) {
  // Trim apostrophes used as quotes.
  while (!token.empty() && token.front() == '\'') token.erase(token.begin());
  while (!token.empty() && token.back() == '\'') token.pop_back();
  if (token.empty()) return;
  size_t digits = 0;
  while (digits < token.size() && std::isdigit(static_cast<unsigned char>(token[digits]))) ++digits;
  if (digits == 0) {
    // Letters then digits ("gpt4", "mp3", "covid19"): the word, then the number.
    const auto first_digit = std::find_if(token.begin(), token.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (first_digit != token.end()) {
      std::string number(first_digit, token.end());
      token.erase(first_digit, token.end());
      add_token(std::move(token), out, false);
      add_token(std::move(number), out, false);
      return;
    }
    out.push_back(std::move(token));
    return;
  }
  if (digits > 12) {  // a long digit string: read digit by digit
    for (size_t i = 0; i < digits; ++i) out.emplace_back(kOnes[token[i] - '0']);
  } else {
    const unsigned long long n = std::stoull(token.substr(0, digits));
    const bool year_like = !grouped && digits == 4 && n >= 1100 && n <= 1999 && n % 100 != 0;
    std::vector<std::string> words;
    if (year_like) {
      below_thousand(static_cast<unsigned>(n / 100), words);
      below_thousand(static_cast<unsigned>(n % 100), words);
      if (n % 100 < 10) words.insert(words.end() - 1, "oh");
    } else {
      words = number_words(n);
    }
    const std::string suffix = token.substr(digits);
    if ((suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") && !words.empty()) {
      words.back() = ordinal_of(words.back());
    } else if ((suffix == "s" || suffix == "'s") && !words.empty()) {  // "1990s", "90's"
      words.back() = words.back().ends_with("y") ? words.back().substr(0, words.back().size() - 1) + "ies"
                                                 : words.back() + "s";
    }
    for (auto& w : words) out.push_back(std::move(w));
    const bool read_with_number = suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th" || suffix == "s" || suffix == "'s";
    if (!suffix.empty() && !read_with_number) add_token(suffix, out, false);  // "3d" -> "three d", "4x4" -> "four x four"
  }
}

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

// Text -> ASCII the tokenizer reads: curly and modifier apostrophes become
// "'", accented Latin letters their base letters ("naïve" -> "naive"),
// currency signs other than "$" a marker byte (kEuro, kPound, kYen); any other
// character outside ASCII separates words.
constexpr char kEuro = '\x01', kPound = '\x02', kYen = '\x03';
std::string fold_to_ascii(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    i += read_code_point(text, i, cp);
    if (cp < 0x80) out.push_back(cp < 0x20 ? ' ' : static_cast<char>(cp));
    else if (cp >= 0xC0 && cp < 0x180) out += *kLatinFolds[cp - 0xC0] ? kLatinFolds[cp - 0xC0] : " ";
    else if (cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x02BC || cp == 0xFF07) out.push_back('\'');
    else if (cp == 0x20AC) out.push_back(kEuro);
    else if (cp == 0xA3) out.push_back(kPound);
    else if (cp == 0xA5) out.push_back(kYen);
    else out.push_back(' ');
  }
  return out;
}

bool is_currency(char c) { return c == '$' || c == kEuro || c == kPound || c == kYen; }

// "$5" -> "five dollars", "€2.50" -> "two euros fifty cents", "$1.5 million"
// -> "one point five million dollars". text[i] is the sign, a digit follows;
// returns the index after the amount (and its scale word, if any).
size_t add_amount(std::string_view text, size_t i, std::vector<std::string>& out) {
  struct Unit { const char* one; const char* many; const char* cent; const char* cents; };
  const char sign = text[i];
  const Unit unit = sign == '$' ? Unit{"dollar", "dollars", "cent", "cents"}
                    : sign == kEuro ? Unit{"euro", "euros", "cent", "cents"}
                    : sign == kPound ? Unit{"pound", "pounds", "penny", "pence"}
                                     : Unit{"yen", "yen", "", ""};
  const auto digit = [&](size_t k) { return k < text.size() && std::isdigit(static_cast<unsigned char>(text[k])); };
  size_t j = i + 1;
  unsigned long long whole = 0;
  int digits = 0;
  for (; digit(j) || (j < text.size() && text[j] == ',' && digit(j + 1) && digits > 0); ++j) {
    if (text[j] == ',') continue;
    if (++digits > 12) return j;  // absurd amounts: read no further as money
    whole = whole * 10 + static_cast<unsigned>(text[j] - '0');
  }
  std::string fraction;
  if (j + 1 < text.size() && text[j] == '.' && digit(j + 1)) {
    for (++j; digit(j); ++j) fraction.push_back(text[j]);
  }
  // A scale word after the amount comes before the unit ("1.5 million dollars").
  size_t k = j;
  while (k < text.size() && text[k] == ' ') ++k;
  std::string scale;
  for (const char* w : {"thousand", "million", "billion", "trillion"}) {
    const std::string_view word(w);
    if (text.substr(k, word.size()) == word &&
        (k + word.size() == text.size() || !std::isalpha(static_cast<unsigned char>(text[k + word.size()])))) {
      scale = w;
      j = k + word.size();
    }
  }
  for (auto& w : number_words(whole)) out.push_back(std::move(w));
  if (!scale.empty()) {
    if (!fraction.empty()) {
      out.emplace_back("point");
      for (char c : fraction) out.emplace_back(kOnes[c - '0']);
    }
    out.push_back(scale);
    out.emplace_back(unit.many);
    return j;
  }
  out.emplace_back(whole == 1 ? unit.one : unit.many);
  if (fraction.size() == 2 && *unit.cents && fraction != "00") {
    const unsigned cents = static_cast<unsigned>(std::stoul(fraction));
    for (auto& w : number_words(cents)) out.push_back(std::move(w));
    out.emplace_back(cents == 1 ? unit.cent : unit.cents);
  } else if (!fraction.empty() && fraction != "00") {
    out.insert(out.end() - 1, "point");
    for (char c : fraction) out.insert(out.end() - 1, kOnes[c - '0']);
  }
  return j;
}

}  // namespace

std::vector<std::string> number_words(unsigned long long n) {
  std::vector<std::string> out;
  if (n == 0) return {"zero"};
  static const std::pair<unsigned long long, const char*> scales[] = {
      {1000000000ULL, "billion"}, {1000000ULL, "million"}, {1000ULL, "thousand"}};
  for (auto [scale, name] : scales) {
    if (n >= scale) {
      below_thousand(static_cast<unsigned>(n / scale % 1000), out);
      out.emplace_back(name);
      n %= scale;
    }
  }
  if (n) below_thousand(static_cast<unsigned>(n), out);
  return out;
}

std::vector<std::string> transcript_words(std::string_view original) {
  const std::string ascii = fold_to_ascii(original);
  const std::string_view text = ascii;
  std::vector<std::string> out;
  std::string token;
  bool grouped = false;
  auto flush = [&] {
    if (!token.empty()) add_token(std::move(token), out, grouped);
    token.clear();
    grouped = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool digit_next = i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]));
    const bool in_number = !token.empty() && std::isdigit(static_cast<unsigned char>(token.back()));
    if (in_number && c == ',' && digit_next) {  // 1,000
      grouped = true;
      continue;
    }
    // Clock times: "10:05" -> "ten oh five", "10:00" -> "ten o'clock".
    const bool two_digits_next = digit_next && i + 2 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 2])) &&
                                 (i + 3 == text.size() || !std::isdigit(static_cast<unsigned char>(text[i + 3])));
    if (in_number && c == ':' && two_digits_next) {
      flush();
      const unsigned minutes = static_cast<unsigned>((text[i + 1] - '0') * 10 + (text[i + 2] - '0'));
      if (minutes == 0) {
        out.emplace_back("o'clock");
      } else {
        if (minutes < 10) out.emplace_back("oh");
        for (auto& w : number_words(minutes)) out.push_back(std::move(w));
      }
      i += 2;
      continue;
    }
    if (in_number && c == '.' && digit_next) {          // 3.5 -> three point five
      flush();
      out.emplace_back("point");
      size_t j = i + 1;
      while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) out.emplace_back(kOnes[text[j++] - '0']);
      i = j - 1;
      continue;
    }
    if (is_currency(c) && digit_next && token.empty()) {
      i = add_amount(text, i, out) - 1;
      continue;
    }
    // A minus sign: "-7" at the start of a word, not a hyphen inside one.
    const bool word_before = i > 0 && is_word_char(text[i - 1]);
    if (c == '-' && digit_next && token.empty() && !word_before) {
      out.emplace_back("minus");
      continue;
    }
    if (is_word_char(c)) {
      token.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      continue;
    }
    flush();
    if (c == '&') out.emplace_back("and");
    if (c == '%') out.emplace_back("percent");
  }
  flush();
  return out;
}

}  // namespace facecast::speech
