#include "speech/letter_to_sound.h"

#include <cctype>

namespace facecast::speech {
namespace {

bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }
bool is_consonant(char c) { return c >= 'a' && c <= 'z' && !is_vowel(c); }
bool is_front_vowel(char c) { return c == 'e' || c == 'i' || c == 'y'; }

// Multi-letter spellings, longest first within each starting letter. `at_end`
// rules apply only at the end of the word, `at_start` only at its start.
struct Rule {
  const char* spelling;
  const char* phones;
  bool at_start = false;
  bool at_end = false;
};

const Rule kRules[] = {
    {"tion", "SH AH N"}, {"sion", "ZH AH N"}, {"ture", "CH ER"}, {"ough", "AO"}, {"augh", "AO"},
    {"eigh", "EY"},      {"igh", "AY"},       {"tch", "CH"},      {"dge", "JH"},  {"ous", "AH S", false, true},
    {"ble", "B AH L", false, true},           {"ple", "P AH L", false, true},     {"tle", "T AH L", false, true},
    {"dle", "D AH L", false, true},           {"kle", "K AH L", false, true},     {"gle", "G AH L", false, true},
    {"ing", "IH NG", false, true},            {"ed", "D", false, true},           {"es", "Z", false, true},
    {"kn", "N", true},   {"wr", "R", true},   {"ps", "S", true},  {"gn", "N", false, true},
    {"ch", "CH"},        {"sh", "SH"},        {"th", "TH"},       {"ph", "F"},    {"wh", "W"},
    {"gh", "G", true},   {"gh", "", false},   {"ck", "K"},        {"ng", "NG"},   {"qu", "K W"},
    {"ee", "IY"},        {"ea", "IY"},        {"oo", "UW"},       {"ou", "AW"},   {"ow", "OW"},
    {"oi", "OY"},        {"oy", "OY"},        {"ai", "EY"},       {"ay", "EY"},   {"au", "AO"},
    {"aw", "AO"},        {"ei", "EY"},        {"ey", "IY", false, true},          {"ey", "EY"},
    {"ie", "IY"},        {"ue", "UW"},        {"ew", "UW"},       {"oa", "OW"},   {"ar", "AA R"},
    {"er", "ER"},        {"ir", "ER"},        {"ur", "ER"},       {"or", "AO R"},
};

void append_phones(const char* phones, std::vector<std::string>& out) {
  std::string p;
  for (const char* c = phones;; ++c) {
    if (*c == ' ' || *c == '\0') {
      if (!p.empty()) out.push_back(p);
      p.clear();
      if (*c == '\0') return;
    } else {
      p.push_back(*c);
    }
  }
}

// Vowel + one consonant + final "e" (make, these, time, note, tune): long vowel.
bool magic_e(const std::string& w, size_t i) {
  return i + 3 == w.size() && is_consonant(w[i + 1]) && w[i + 2] == 'e';
}

const char* vowel_phones(const std::string& w, size_t i) {
  const char c = w[i];
  const bool long_vowel = magic_e(w, i);
  switch (c) {
    case 'a': return long_vowel ? "EY" : "AE";
    case 'e': return long_vowel ? "IY" : (i + 1 == w.size() && w.size() <= 2 ? "IY" : "EH");
    case 'i': return long_vowel ? "AY" : "IH";
    case 'o': return long_vowel ? "OW" : (i + 1 == w.size() ? "OW" : "AA");
    case 'u': return long_vowel ? "UW" : "AH";
    default: break;  // 'y'
  }
  if (i == 0) return "Y";
  if (i + 1 == w.size()) {
    size_t vowels = 0;
    for (size_t k = 0; k < i; ++k) vowels += is_vowel(w[k]) ? 1 : 0;
    return vowels ? "IY" : "AY";  // happy / my
  }
  return "IH";
}

const char* consonant_phones(const std::string& w, size_t i) {
  const char next = i + 1 < w.size() ? w[i + 1] : '\0';
  const char prev = i > 0 ? w[i - 1] : '\0';
  switch (w[i]) {
    case 'b': return "B";
    case 'c': return is_front_vowel(next) ? "S" : "K";
    case 'd': return "D";
    case 'f': return "F";
    case 'g': return is_front_vowel(next) && next != 'y' ? "JH" : "G";
    case 'h': return "HH";
    case 'j': return "JH";
    case 'k': return "K";
    case 'l': return "L";
    case 'm': return "M";
    case 'n': return "N";
    case 'p': return "P";
    case 'q': return "K";
    case 'r': return "R";
    case 's': return is_vowel(prev) && is_vowel(next) ? "Z" : "S";
    case 't': return "T";
    case 'v': return "V";
    case 'w': return "W";
    case 'x': return i == 0 ? "Z" : "K S";
    case 'z': return "Z";
    default: return "";
  }
}

}  // namespace

std::vector<std::string> letter_to_sound(std::string_view word) {
  std::string w;
  for (char c : word)
    if (std::isalpha(static_cast<unsigned char>(c))) w.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  std::vector<std::string> out;
  // A lone final "e" after a consonant is silent (make, note), but not in "be", "the".
  const bool silent_final_e = w.size() > 2 && w.back() == 'e' && is_consonant(w[w.size() - 2]);
  const size_t end = silent_final_e ? w.size() - 1 : w.size();
  for (size_t i = 0; i < end;) {
    const Rule* match = nullptr;
    for (const Rule& r : kRules) {
      const std::string_view s = r.spelling;
      if (w.compare(i, s.size(), s) != 0) continue;
      if (r.at_start && i != 0) continue;
      if (r.at_end && i + s.size() != w.size()) continue;
      match = &r;
      break;
    }
    if (match) {
      append_phones(match->phones, out);
      i += std::string_view(match->spelling).size();
      continue;
    }
    const char c = w[i];
    if (is_consonant(c) && i + 1 < end && w[i + 1] == c) ++i;  // doubled consonant sounds once
    append_phones(is_vowel(c) ? vowel_phones(w, i) : consonant_phones(w, i), out);
    ++i;
  }
  return out;
}

}  // namespace facecast::speech
