// Rule-based English letter-to-sound for words CMUdict lacks. Compact and
// approximate (graphemes with a little context, magic-e, common suffixes);
// it only has to be close enough for forced alignment to find the timing.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace facecast::speech {

// word: lower case; non-letters are ignored. Returns ARPAbet phones without
// stress; empty when the word has no letters.
std::vector<std::string> letter_to_sound(std::string_view word);

}  // namespace facecast::speech
