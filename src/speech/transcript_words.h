// Transcript text (UTF-8) -> the lower-case words the aligner looks up: case
// folded, punctuation dropped (apostrophes inside words kept, curly ones too:
// "don’t" -> "don't"), accented Latin letters folded ("naïve" -> "naive"),
// hyphenated words split, numbers spelled out ("42" -> "forty two", "3.5" ->
// "three point five", "1st" -> "first", "1999" -> "nineteen ninety nine",
// "-3" -> "minus three", "gpt4" -> "gpt four", "10:05" -> "ten oh five"), amounts of money read out ("$5.50" -> "five dollars
// fifty cents"; $ € £ ¥), signs as words ("&" and, "%" percent, "+" plus, "="
// equals, "×" times, "÷" divided by, "±" plus or minus, "²" squared, "³" cubed,
// "°" degrees, "°C" degrees celsius, "#1" number one, "C#" c sharp). Other characters separate words.
// A word of 2 to 5 capitals, perhaps with a plural "s" ("AI", "GPUs"), keeps
// its capitals when the transcript also has lower-case letters: it may be an
// acronym (pronounce() offers its letters too). A transcript all in capitals
// is read as plain words.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace facecast::speech {

struct TranscriptText {
  std::vector<std::string> words;
  // Pieces likely spoken that have no reading here (words in other scripts,
  // "½", "①"): they are left out of `words`. See FoldedText::unread.
  std::vector<std::string> unread;
};

TranscriptText read_transcript(std::string_view text);
std::vector<std::string> transcript_words(std::string_view text);  // read_transcript(text).words

}  // namespace facecast::speech
