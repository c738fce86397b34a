#include "speech/spoken_numbers.h"

#include <cctype>

#include "speech/ascii_folding.h"

namespace facecast::speech {
namespace {

const char* const kOnes[] = {"zero",    "one",     "two",       "three",    "four",     "five",    "six",
                             "seven",   "eight",   "nine",      "ten",      "eleven",   "twelve",  "thirteen",
                             "fourteen", "fifteen", "sixteen",  "seventeen", "eighteen", "nineteen"};
const char* const kTens[] = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
constexpr size_t kLongestNumber = 12;  // digits read as one number; longer runs digit by digit

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

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

std::string plural_of(const std::string& w) {
  return w.ends_with("y") ? w.substr(0, w.size() - 1) + "ies" : w + "s";
}

bool equals_ignoring_case(std::string_view text, std::string_view word) {
  if (text.size() != word.size()) return false;
  for (size_t k = 0; k < word.size(); ++k)
    if (std::tolower(static_cast<unsigned char>(text[k])) != word[k]) return false;
  return true;
}

// The letters at text[k...] as a word (up to the next non-letter).
std::string_view letters_at(std::string_view text, size_t k) {
  size_t e = k;
  while (e < text.size() && is_letter(text[e])) ++e;
  return text.substr(k, e - k);
}

// A scale after an amount: attached ("5m", "3bn", "10k") or the next word
// ("1.5 million"). Sets `scale` and returns the index after it, else `j`.
size_t read_scale(std::string_view text, size_t j, std::string& scale) {
  static const std::pair<const char*, const char*> kAttached[] = {
      {"k", "thousand"}, {"m", "million"}, {"mn", "million"}, {"b", "billion"}, {"bn", "billion"}, {"tn", "trillion"}};
  const std::string_view attached = letters_at(text, j);
  for (auto [abbreviation, word] : kAttached)
    if (equals_ignoring_case(attached, abbreviation)) {
      scale = word;
      return j + attached.size();
    }
  size_t k = j;
  while (k < text.size() && (text[k] == ' ' || text[k] == '\n')) ++k;  // folded text keeps line breaks
  const std::string_view next = letters_at(text, k);
  for (const char* word : {"thousand", "million", "billion", "trillion"})
    if (k > j && equals_ignoring_case(next, word)) {
      scale = word;
      return k + next.size();
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

void append_number(std::string_view digits, std::string_view suffix, bool grouped, std::vector<std::string>& out) {
  if (digits.size() > kLongestNumber) {
    for (char d : digits) out.emplace_back(kOnes[d - '0']);
    return;
  }
  // A leading zero is read digit by digit: codes, numbers on a dial ("007" ->
  // "oh oh seven", "02139" -> "oh two one three nine"), not "seven". Zeros
  // alone ("00" of "1:00:00") stay "zero".
  if (digits.size() > 1 && digits.front() == '0' && digits.find_first_not_of('0') != std::string_view::npos &&
      !grouped && suffix.empty()) {
    for (char d : digits) out.emplace_back(d == '0' ? "oh" : kOnes[d - '0']);
    return;
  }
  const unsigned long long n = std::stoull(std::string(digits));
  // A plural four-digit number is a decade or a century: "the 1900s" are the
  // "nineteen hundreds" and "the 2020s" the "twenty twenties" (not "one
  // thousand nine hundreds"); the 2000s stay "two thousands".
  const bool plural = suffix == "s" || suffix == "'s";
  const bool year_like = !grouped && digits.size() == 4 && n >= 1100 &&
                         ((n <= 1999 && n % 100 != 0) || (plural && n <= 2099 && (n < 2000 || n >= 2010)));
  std::vector<std::string> words;
  if (year_like) {
    below_thousand(static_cast<unsigned>(n / 100), words);
    if (n % 100 == 0) {
      words.emplace_back("hundred");
    } else {
      below_thousand(static_cast<unsigned>(n % 100), words);
      if (n % 100 < 10) words.insert(words.end() - 1, "oh");
    }
  } else {
    words = number_words(n);
  }
  if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") words.back() = ordinal_of(words.back());
  else if (plural) words.back() = plural_of(words.back());
  for (auto& w : words) out.push_back(std::move(w));
}

void append_decimals(std::string_view digits, std::vector<std::string>& out) {
  out.emplace_back("point");
  for (char d : digits) out.emplace_back(kOnes[d - '0']);
}

std::string currency_unit(char sign, bool singular) {
  if (sign == kEuroSign) return singular ? "euro" : "euros";
  if (sign == kPoundSign) return singular ? "pound" : "pounds";
  if (sign == kYenSign) return "yen";
  return singular ? "dollar" : "dollars";
}

size_t append_amount(std::string_view text, size_t i, std::vector<std::string>& out) {
  const char sign = text[i];
  const auto digit_at = [&](size_t k) { return k < text.size() && is_digit(text[k]); };
  size_t j = i + 1;
  std::string whole;
  while (digit_at(j) || (j < text.size() && text[j] == ',' && !whole.empty() && digit_at(j + 1))) {
    if (text[j] != ',') whole.push_back(text[j]);
    ++j;
  }
  if (whole.size() > kLongestNumber) return i + 1;
  std::string fraction;
  if (j < text.size() && text[j] == '.' && digit_at(j + 1))
    for (++j; digit_at(j); ++j) fraction.push_back(text[j]);
  std::string scale;
  j = read_scale(text, j, scale);
  const unsigned long long n = std::stoull(whole);
  const bool cents = fraction.size() == 2 && sign != kYenSign && scale.empty();
  const unsigned hundredths = cents ? static_cast<unsigned>(std::stoul(fraction)) : 0;
  if (n > 0 || !cents || hundredths == 0) {
    for (auto& w : number_words(n)) out.push_back(std::move(w));
    if (!fraction.empty() && !cents) append_decimals(fraction, out);
    if (!scale.empty()) out.push_back(scale);
    out.push_back(currency_unit(sign, n == 1 && (cents || fraction.empty()) && scale.empty()));
  }
  if (hundredths > 0) {
    for (auto& w : number_words(hundredths)) out.push_back(std::move(w));
    const bool one = hundredths == 1;
    out.emplace_back(sign == kPoundSign ? (one ? "penny" : "pence") : (one ? "cent" : "cents"));
  }
  return j;
}

size_t append_clock_minutes(std::string_view text, size_t i, std::vector<std::string>& out) {
  const unsigned minutes = static_cast<unsigned>((text[i + 1] - '0') * 10 + (text[i + 2] - '0'));
  const size_t end = i + 3;
  if (minutes == 0) {
    size_t k = end;
    while (k < text.size() && (text[k] == ' ' || text[k] == '\n')) ++k;  // folded text keeps line breaks
    const std::string_view next = letters_at(text, k);
    const bool am_pm = (equals_ignoring_case(next, "am") || equals_ignoring_case(next, "pm") ||
                        equals_ignoring_case(next, "a") || equals_ignoring_case(next, "p")) &&
                       (next.size() == 2 || (k + 1 < text.size() && text[k + 1] == '.'));
    if (!am_pm) out.emplace_back("o'clock");
    return end;
  }
  if (minutes < 10) out.emplace_back("oh");
  for (auto& w : number_words(minutes)) out.push_back(std::move(w));
  return end;
}

}  // namespace facecast::speech
