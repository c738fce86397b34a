// Word -> pronunciations: every CMUdict variant ("word", "word(2)", ...);
// else those of the word with held letters shortened ("mmm" -> "mm", "yesss"
// -> "yes"); else, for a short word with no vowel letter ("gpt", "llm") that is
// not an interjection ("pfft"), its letters' names; else the letter-to-sound
// rules. A word written in capitals ("AI", "GPUs", from transcript_words) is
// looked up in lower case and may also be spelled out: its letters' names
// (and Z for the plural) are one more variant.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace facecast::speech {

class PronouncingDictionary;

using Pronunciation = std::vector<std::string>;  // ARPAbet phones

struct WordPronunciations {
  std::string word;  // as shown to the user (no "(2)")
  std::vector<Pronunciation> variants;  // never empty
  bool from_rules = false;  // true when CMUdict lacked the word
};

// Looks word up in the dictionary (a specific variant like "read(2)" gives
// only that one). Falls back to letter_to_sound; empty variants when the
// word has no letters at all (caller skips it).
WordPronunciations pronounce(const PronouncingDictionary& dictionary, const std::string& word);

// How many capitals a word written as an acronym has ("GPUs" -> 3: capitals,
// perhaps a plural "s"); 0 for any other word.
size_t acronym_letters(std::string_view word);

// "word(2)" -> "word".
std::string strip_variant(const std::string& word);

}  // namespace facecast::speech
