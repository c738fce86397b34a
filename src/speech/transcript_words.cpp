#include "speech/transcript_words.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>

#include "speech/ascii_folding.h"
#include "speech/pronunciations.h"
#include "speech/spoken_numbers.h"

namespace facecast::speech {
namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '\''; }
bool is_currency(char c) { return c == '$' || c == kEuroSign || c == kPoundSign || c == kYenSign; }

std::string_view trim_apostrophes(std::string_view s) {  // quotes, not parts of the word
  while (!s.empty() && s.front() == '\'') s.remove_prefix(1);
  while (!s.empty() && s.back() == '\'') s.remove_suffix(1);
  return s;
}

// "AI", "GPU", "GPUs": in a transcript that is not all capitals such a word
// may be an acronym, spoken letter by letter.
bool written_as_acronym(std::string_view word) {
  const size_t capitals = acronym_letters(word);
  return capitals >= 2 && capitals <= 5;
}

// A token of letters, digits and apostrophes: split where letters and digits
// meet ("gpt4o" -> gpt, four, o; "covid19"), numbers read out, an ordinal or
// plural ending read with its number ("21st", "1990s", "90's"). Words come out
// in lower case, except those written as acronyms when keep_capitals.
// grouped: the token's first number had thousands separators ("1,250").
void add_token(std::string_view original, std::vector<std::string>& out, bool grouped, bool keep_capitals) {
  original = trim_apostrophes(original);
  std::string lower(original);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string_view token = lower;
  for (size_t i = 0; i < token.size();) {
    size_t j = i;
    if (is_digit(token[i])) {
      while (j < token.size() && is_digit(token[j])) ++j;
      size_t k = j;
      while (k < token.size() && !is_digit(token[k])) ++k;
      const std::string_view ending = token.substr(j, k - j);
      const bool read_with_number = ending == "st" || ending == "nd" || ending == "rd" || ending == "th" ||
                                    ending == "s" || ending == "'s";
      append_number(token.substr(i, j - i), read_with_number ? ending : std::string_view(), grouped && i == 0, out);
      i = read_with_number ? k : j;
    } else {
      while (j < token.size() && !is_digit(token[j])) ++j;
      const std::string_view as_written = original.substr(i, j - i);
      const std::string_view word = trim_apostrophes(token.substr(i, j - i));
      if (keep_capitals && written_as_acronym(as_written)) out.emplace_back(as_written);
      else if (!word.empty()) out.emplace_back(word);
      i = j;
    }
  }
}

// Domain endings read as "dot com" in "example.com" without an "@" or "www."
// before them; other dots between letters ("e.g.", "U.S.") stay silent.
// at: the letters after a dot; the last part of a dotted run decides
// ("example.co.uk"). run_end: where the dotted run ends.
bool is_domain_ending(std::string_view text, size_t at, size_t& run_end) {
  static constexpr std::string_view kEndings[] = {"com", "org", "net", "edu", "gov", "io",  "ai", "dev", "app",
                                                  "info", "uk",  "de",  "fr",  "au",  "ca", "nz", "eu"};
  const auto letter = [&](size_t k) { return k < text.size() && std::isalpha(static_cast<unsigned char>(text[k])); };
  size_t end = at;
  for (;;) {
    while (letter(end)) ++end;
    if (end < text.size() && text[end] == '.' && letter(end + 1)) {
      at = ++end;
      continue;
    }
    break;
  }
  run_end = end;
  if (end < text.size() && (is_word_char(text[end]) || text[end] == '@')) return false;
  std::string ending(text.substr(at, end - at));
  for (char& c : ending) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(std::begin(kEndings), std::end(kEndings), ending) != std::end(kEndings);
}

// The number just before text[i] (spaces between), as written: "5 €" -> "5".
std::string_view number_before(std::string_view text, size_t i) {
  size_t end = i;
  while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\n')) --end;
  size_t begin = end;
  while (begin > 0 && (is_digit(text[begin - 1]) || text[begin - 1] == ',' || text[begin - 1] == '.')) --begin;
  while (begin < end && !is_digit(text[begin])) ++begin;
  if (begin == end || (begin > 0 && std::isalpha(static_cast<unsigned char>(text[begin - 1])))) return {};
  return text.substr(begin, end - begin);
}

bool is_one_of(char c, const char* set) { return c != '\0' && std::strchr(set, c) != nullptr; }

// A line's first character after its indent: "+ item" and "# Title" are
// markup there, not spoken.
bool starts_line(std::string_view text, size_t i) {
  while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t')) --i;
  return i == 0 || text[i - 1] == '\n' || text[i - 1] == '\r';
}

// Whether the "+" at text[i] is read: in "a + b", "+1", "C++" and "A+", not in
// a "+ item" or a rule of "+++".
bool plus_is_read(std::string_view text, size_t i) {
  size_t first = i, last = i;
  while (first > 0 && text[first - 1] == '+') --first;
  while (last + 1 < text.size() && text[last + 1] == '+') ++last;
  if (first > 0 && is_word_char(text[first - 1])) return true;
  return first == last && !starts_line(text, first);
}

// The words of a sign read aloud (text[i] is not part of a word); returns the
// last index it read.
size_t append_sign(std::string_view text, size_t i, std::vector<std::string>& out) {
  const char c = text[i];
  const auto at = [&](size_t k) { return k < text.size() ? text[k] : '\0'; };
  const char before = i > 0 ? text[i - 1] : '\0';
  if (c == '&') out.emplace_back("and");
  else if (c == '%') out.emplace_back("percent");
  else if (c == kTimesSign) out.emplace_back("times");
  else if (c == kDivisionSign) out.insert(out.end(), {"divided", "by"});
  else if (c == kPlusMinusSign) out.insert(out.end(), {"plus", "or", "minus"});
  else if (c == kSquaredSign) out.emplace_back("squared");  // "mc²"
  else if (c == kCubedSign) out.emplace_back("cubed");
  else if (c == '#' && i > 0 && std::isalpha(static_cast<unsigned char>(before)) && !is_word_char(at(i + 1)) &&
           (i < 2 || !std::isalpha(static_cast<unsigned char>(text[i - 2]))))
    out.emplace_back("sharp");  // "C#", "F#": one letter, a note or a language
  else if (c == '+' && plus_is_read(text, i)) out.emplace_back("plus");
  else if (c == '=' && !is_one_of(before, "<>!=") && !is_one_of(at(i + 1), "<>=")) out.emplace_back("equals");
  else if (c == '#' && before != '#' && is_digit(at(i + 1))) out.emplace_back("number");  // "#1"
  else if (c == kDegreeSign) {
    out.emplace_back("degrees");
    // "20°C", "20 °F": the scale's letter alone after the sign.
    const char scale = static_cast<char>(std::tolower(static_cast<unsigned char>(at(i + 1))));
    if ((scale == 'c' || scale == 'f') && !std::isalnum(static_cast<unsigned char>(at(i + 2)))) {
      out.emplace_back(scale == 'c' ? "celsius" : "fahrenheit");
      return i + 1;
    }
  }
  return i;
}

}  // namespace

TranscriptText read_transcript(std::string_view original) {
  FoldedText folded = fold_to_ascii(original);
  const std::string_view text = folded.ascii;
  std::vector<std::string> out;
  const bool keep_capitals = std::any_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  std::string token;        // lower case, for the checks below
  std::string as_written;   // the same characters as written
  bool grouped = false;
  auto flush = [&] {
    if (!token.empty()) add_token(as_written, out, grouped, keep_capitals);
    token.clear();
    as_written.clear();
    grouped = false;
  };
  const auto digit_at = [&](size_t k) { return k < text.size() && is_digit(text[k]); };
  const auto letter_at = [&](size_t k) { return k < text.size() && std::isalnum(static_cast<unsigned char>(text[k])); };
  bool in_address = false;     // after the "@" of an e-mail address or a "www.", until a space
  size_t plain_dots_until = 0;  // a dotted run judged no address: its dots stay silent
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool digit_next = digit_at(i + 1);
    const bool in_number = !token.empty() && is_digit(token.back());
    if (in_number && c == ',' && digit_next) {  // 1,000
      grouped = true;
      continue;
    }
    // Clock times ("10:05"; not the parts of "1:05:30", nor "16:9").
    const bool after_colon = i > token.size() && text[i - token.size() - 1] == ':';
    if (in_number && c == ':' && digit_next && digit_at(i + 2) && !digit_at(i + 3) && !after_colon &&
        (i + 3 >= text.size() || text[i + 3] != ':')) {
      flush();
      i = append_clock_minutes(text, i, out) - 1;
      continue;
    }
    if (in_number && c == '.' && digit_next) {  // 3.5 -> three point five
      flush();
      size_t j = i + 1;
      while (digit_at(j)) ++j;
      append_decimals(text.substr(i + 1, j - i - 1), out);
      i = j - 1;
      continue;
    }
    if (is_currency(c) && digit_next) {  // "$5", "US$5"
      flush();
      i = append_amount(text, i, out) - 1;
      continue;
    }
    if (is_currency(c)) {  // after its number: "5 €", "5€"
      const std::string_view amount = number_before(text, i);
      flush();
      if (!amount.empty()) out.push_back(currency_unit(c, amount == "1"));
      continue;
    }
    // A minus sign: "-7", "-$5" at the start of a word, not a hyphen inside one.
    const bool word_before = i > 0 && is_word_char(text[i - 1]);
    if (c == '-' && token.empty() && !word_before && (digit_next || (i + 1 < text.size() && is_currency(text[i + 1]) && digit_at(i + 2)))) {
      out.emplace_back("minus");
      continue;
    }
    // E-mail and web addresses as they are read out: "help@example.com" ->
    // "help at example dot com", "www.example.org" -> "www dot example dot org".
    if (c == '@' && word_before && letter_at(i + 1)) {
      flush();
      out.emplace_back("at");
      in_address = true;
      continue;
    }
    if (c == '.' && word_before && letter_at(i + 1) && !in_address && token != "www" && i >= plain_dots_until) {
      size_t run_end = 0;
      if (is_domain_ending(text, i + 1, run_end)) in_address = true;
      else plain_dots_until = run_end;  // judged once: linear in the text
    }
    if (c == '.' && word_before && letter_at(i + 1) && (in_address || token == "www")) {
      flush();
      out.emplace_back("dot");
      in_address = true;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) in_address = false;
    if (is_word_char(c)) {
      token.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      as_written.push_back(c);
      continue;
    }
    flush();
    i = append_sign(text, i, out);
  }
  flush();
  return {std::move(out), std::move(folded.unread)};
}

std::vector<std::string> transcript_words(std::string_view text) { return read_transcript(text).words; }

}  // namespace facecast::speech
