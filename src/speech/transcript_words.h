// Transcript text -> the lower-case words the aligner looks up: case folded,
// punctuation dropped (apostrophes inside words kept), hyphenated words split,
// numbers spelled out ("42" -> "forty two", "3.5" -> "three point five",
// "1st" -> "first", "1999" -> "nineteen ninety nine"), "&" and "%" as words.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace facecast::speech {

std::vector<std::string> transcript_words(std::string_view text);

// Spells out a whole number (0 .. 999,999,999,999) as words.
std::vector<std::string> number_words(unsigned long long n);

}  // namespace facecast::speech
