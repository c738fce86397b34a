// UTF-8 transcript text -> the ASCII the transcript tokenizer reads.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace facecast::speech {

// Currency signs other than "$", and the signs read as words, become these
// marker bytes (control characters in the text itself become spaces).
inline constexpr char kEuroSign = '\x01', kPoundSign = '\x02', kYenSign = '\x03';
inline constexpr char kDegreeSign = '\x04', kTimesSign = '\x05', kDivisionSign = '\x06', kPlusMinusSign = '\x07';
inline constexpr char kSquaredSign = '\x0E', kCubedSign = '\x0F';  // "²", "³" (not 0x09-0x0D: spaces)

struct FoldedText {
  std::string ascii;
  // What the ASCII lost that was likely spoken, as written (UTF-8), one entry
  // per run: words in other scripts ("мир", "東京"), superscripts and
  // fractions ("½", "⁴"). Punctuation, emoji and other symbols are not listed.
  std::vector<std::string> unread;
};

// Curly and modifier apostrophes (and the acute accent typed for one) become
// "'", accented Latin letters their base letters ("naïve" -> "naive", "Nguyễn"
// -> "nguyen", also when the accent is a separate combining mark), ligatures
// their letters ("ﬁ" -> "fi"), fullwidth forms their ASCII, the minus sign and Unicode hyphens
// "-", "°", "×", "÷", "±", "²" and "³" their markers above, control characters but the
// line break a space;
// any other character outside ASCII a space (it separates words). Text that starts with a UTF-16 byte-order mark is read
// as UTF-16 (Windows editors save "Unicode" so), as is text holding NUL bytes
// (UTF-16 without the mark); text that is not valid UTF-8 as Windows-1252
// (Latin-1: "caf\xE9" is "cafe", not "caf").
FoldedText fold_to_ascii(std::string_view utf8);

}  // namespace facecast::speech
