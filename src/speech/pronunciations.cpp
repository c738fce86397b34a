#include "speech/pronunciations.h"

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

}  // namespace

std::string strip_variant(const std::string& word) {
  const auto paren = word.find('(');
  return paren == std::string::npos || paren == 0 ? word : word.substr(0, paren);
}

WordPronunciations pronounce(const PronouncingDictionary& dictionary, const std::string& word) {
  WordPronunciations result;
  result.word = strip_variant(word);
  Pronunciation p;
  if (result.word != word) {  // a specific variant, as the recogniser reports it
    if (lookup(dictionary, word, p)) result.variants.push_back(p);
  } else if (lookup(dictionary, word, p)) {
    result.variants.push_back(p);
    for (int n = 2; n < 10 && lookup(dictionary, word + "(" + std::to_string(n) + ")", p); ++n) result.variants.push_back(p);
  }
  if (result.variants.empty()) {
    auto rules = letter_to_sound(result.word);
    if (!rules.empty()) result.variants.push_back(std::move(rules));
    result.from_rules = true;
  }
  return result;
}

}  // namespace facecast::speech
