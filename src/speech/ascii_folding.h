// UTF-8 transcript text -> the ASCII the transcript tokenizer reads.
#pragma once
#include <string>
#include <string_view>

namespace facecast::speech {

// Currency signs other than "$" become these marker bytes.
inline constexpr char kEuroSign = '\x01', kPoundSign = '\x02', kYenSign = '\x03';

// Curly and modifier apostrophes (and the acute accent typed for one) become
// "'", accented Latin letters their base letters ("naïve" -> "naive", "Nguyễn"
// -> "nguyen", also when the accent is a separate combining mark), ligatures
// their letters ("ﬁ" -> "fi"), fullwidth forms their ASCII, the minus sign and Unicode hyphens
// "-", control characters a space; any other character outside ASCII a space
// (it separates words). Text that starts with a UTF-16 byte-order mark is read
// as UTF-16 (Windows editors save "Unicode" so), as is text holding NUL bytes
// (UTF-16 without the mark); text that is not valid UTF-8 as Windows-1252
// (Latin-1: "caf\xE9" is "cafe", not "caf").
std::string fold_to_ascii(std::string_view utf8);

}  // namespace facecast::speech
