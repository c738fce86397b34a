#include "speech/pronunciations.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "speech/letter_to_sound.h"
#include "speech/pronouncing_dictionary.h"

namespace facecast::speech {
namespace {

bool lookup(const PronouncingDictionary& dictionary, const std::string& word, Pronunciation& out) {
  const std::string_view phones = dictionary.lookup(word);
  if (phones.empty()) return false;
  std::istringstream in{std::string(phones)};
  out.clear();
  for (std::string p; in >> p;) out.push_back(p);
  return !out.empty();
}

// Letter names, for words spelled out letter by letter.
const char* const kLetterNames[26] = {"EY",    "B IY", "S IY",  "D IY", "IY",   "EH F",  "JH IY",
                                      "EY CH", "AY",   "JH EY", "K EY", "EH L", "EH M",  "EH N",
                                      "OW",    "P IY", "K Y UW", "AA R", "EH S", "T IY", "Y UW",
                                      "V IY",  "D AH B AH L Y UW", "EH K S", "W AY", "Z IY"};

// Vowel-less interjections CMUdict lacks: read by the rules, not spelled.
constexpr std::string_view kInterjections[] = {"psst", "pst", "pfft", "tsk", "tsktsk", "grr", "brr", "zzz", "zz",
                                               "ssh", "hmph", "mhm", "mm-hmm", "shh", "sh", "hm", "hmm", "mm"};

// A word of letters without a vowel letter ("gpt", "llm", "npc") is an
// acronym: spoken letter by letter, not read by the rules ("llm" is not "lum").
bool is_unreadable_acronym(const std::string& word) {
  constexpr size_t kLongestAcronym = 8;
  if (word.empty() || word.size() > kLongestAcronym) return false;
  for (auto interjection : kInterjections)
    if (word == interjection) return false;
  for (char c : word) {
    if (c < 'a' || c > 'z') return false;
    if (std::string_view("aeiouy").find(c) != std::string_view::npos) return false;
  }
  return true;
}

// A letter held for emphasis ("mmm", "shhh", "sooo", "yesss"): the word with
// each run of 3 or more equal letters cut to `keep`.
std::string squeezed(const std::string& word, size_t keep) {
  std::string out;
  for (size_t i = 0; i < word.size();) {
    size_t j = i;
    while (j < word.size() && word[j] == word[i]) ++j;
    out.append(j - i >= 3 ? keep : j - i, word[i]);
    i = j;
  }
  return out;
}

Pronunciation spelled_out(const std::string& word) {
  Pronunciation out;
  for (char c : word) {
    std::istringstream in(kLetterNames[c - 'a']);
    for (std::string p; in >> p;) out.push_back(p);
  }
  return out;
}

}  // namespace

size_t acronym_letters(std::string_view word) {
  const size_t capitals = word.size() - (word.size() > 1 && word.back() == 's');
  for (size_t i = 0; i < capitals; ++i)
    if (word[i] < 'A' || word[i] > 'Z') return 0;
  return capitals;
}

std::string strip_variant(const std::string& word) {
  const auto paren = word.find('(');
  return paren == std::string::npos || paren == 0 ? word : word.substr(0, paren);
}

WordPronunciations pronounce(const PronouncingDictionary& dictionary, const std::string& word) {
  if (const size_t capitals = acronym_letters(word)) {
    // Written in capitals ("AI", "GPUs"): the word as read, and spelled out
    // ("ai" is AY in CMUdict, "the AI" is EY AY); the aligner hears which.
    std::string lower = word;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    WordPronunciations result = pronounce(dictionary, lower);
    Pronunciation letters = spelled_out(lower.substr(0, capitals));
    if (capitals < word.size()) letters.push_back("Z");  // the plural "s"
    if (std::find(result.variants.begin(), result.variants.end(), letters) == result.variants.end())
      result.variants.push_back(std::move(letters));
    return result;
  }
  WordPronunciations result;
  result.word = strip_variant(word);
  Pronunciation p;
  if (result.word != word) {  // a specific variant, as the recogniser reports it
    if (lookup(dictionary, word, p)) result.variants.push_back(p);
  } else if (lookup(dictionary, word, p)) {
    result.variants.push_back(p);
    for (int n = 2; n < 10 && lookup(dictionary, word + "(" + std::to_string(n) + ")", p); ++n) result.variants.push_back(p);
  }
  // Held letters: the dictionary's word with two, else one ("mmm" -> "mm",
  // "goood" -> "good", "yesss" -> "yes"; "sooo" finds the name "soo").
  for (size_t keep : {size_t{2}, size_t{1}}) {
    const std::string shorter = squeezed(result.word, keep);
    if (!result.variants.empty() || shorter == result.word) break;
    if (shorter.size() < 2) continue;  // "zzz" is not the letter "z"
    for (int n = 1; n < 10; ++n) {
      if (!lookup(dictionary, n == 1 ? shorter : shorter + "(" + std::to_string(n) + ")", p)) break;
      result.variants.push_back(p);
    }
  }
  if (result.variants.empty() && is_unreadable_acronym(result.word)) {
    result.variants.push_back(spelled_out(result.word));
    result.from_rules = true;
  }
  if (result.variants.empty()) {
    auto rules = letter_to_sound(result.word);
    if (!rules.empty()) result.variants.push_back(std::move(rules));
    result.from_rules = true;
  }
  return result;
}

}  // namespace facecast::speech
