#include "speech/transcript_words.h"

#include <cctype>

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
    } else if (suffix == "s" && !words.empty()) {
      words.back() = words.back().ends_with("y") ? words.back().substr(0, words.back().size() - 1) + "ies"
                                                 : words.back() + "s";
    } else if (!suffix.empty()) {
      words.push_back(suffix);  // "3d" -> "three d"
    }
    for (auto& w : words) out.push_back(std::move(w));
  }
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

std::vector<std::string> transcript_words(std::string_view text) {
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
    if (in_number && c == '.' && digit_next) {          // 3.5 -> three point five
      flush();
      out.emplace_back("point");
      size_t j = i + 1;
      while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) out.emplace_back(kOnes[text[j++] - '0']);
      i = j - 1;
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
