#include <gtest/gtest.h>

#include "speech/letter_to_sound.h"
#include "speech/pronouncing_dictionary.h"
#include "speech/pronunciations.h"
#include "speech/sphinx_decoder.h"
#include "speech/timeline_builder.h"
#include "speech/transcript_words.h"

namespace facecast::speech {
namespace {

using Words = std::vector<std::string>;

TEST(transcriptWords, foldsCaseAndDropsPunctuation) {
  EXPECT_EQ(transcript_words("Hello, World! \"Don't\" -- stop."), (Words{"hello", "world", "don't", "stop"}));
  EXPECT_EQ(transcript_words("well-known"), (Words{"well", "known"}));
}

TEST(transcriptWords, keepsTheCapitalsOfWordsThatMayBeAcronyms) {
  EXPECT_EQ(transcript_words("Ask the AI about GPUs, NASA and OK."),
            (Words{"ask", "the", "AI", "about", "GPUs", "NASA", "and", "OK"}));
  // One capital, six capitals, capitals after a small letter: plain words.
  EXPECT_EQ(transcript_words("I said HELLOS to McDonald"), (Words{"i", "said", "hellos", "to", "mcdonald"}));
  // A transcript all in capitals is not a run of acronyms.
  EXPECT_EQ(transcript_words("ASK THE AI"), (Words{"ask", "the", "ai"}));
}

TEST(transcriptWords, spellsOutNumbers) {
  EXPECT_EQ(transcript_words("7"), (Words{"seven"}));
  EXPECT_EQ(transcript_words("42 cats"), (Words{"forty", "two", "cats"}));
  EXPECT_EQ(transcript_words("1,250"), (Words{"one", "thousand", "two", "hundred", "fifty"}));
  EXPECT_EQ(transcript_words("3.5"), (Words{"three", "point", "five"}));
  EXPECT_EQ(transcript_words("the 21st"), (Words{"the", "twenty", "first"}));
  EXPECT_EQ(transcript_words("in 1999"), (Words{"in", "nineteen", "ninety", "nine"}));
  EXPECT_EQ(transcript_words("1905"), (Words{"nineteen", "oh", "five"}));
  EXPECT_EQ(transcript_words("2000"), (Words{"two", "thousand"}));
  // Plural four-digit numbers are decades and centuries.
  EXPECT_EQ(transcript_words("the 1990s"), (Words{"the", "nineteen", "nineties"}));
  EXPECT_EQ(transcript_words("the 1900s"), (Words{"the", "nineteen", "hundreds"}));
  EXPECT_EQ(transcript_words("the 2020s"), (Words{"the", "twenty", "twenties"}));
  EXPECT_EQ(transcript_words("the 2000s"), (Words{"the", "two", "thousands"}));
  EXPECT_EQ(transcript_words("50%"), (Words{"fifty", "percent"}));
  // A leading zero: digit by digit.
  EXPECT_EQ(transcript_words("agent 007"), (Words{"agent", "oh", "oh", "seven"}));
  EXPECT_EQ(transcript_words("02139"), (Words{"oh", "two", "one", "three", "nine"}));
  EXPECT_EQ(transcript_words("0"), (Words{"zero"}));
  EXPECT_EQ(transcript_words("you & me"), (Words{"you", "and", "me"}));
}

TEST(transcriptWords, keepsCurlyApostrophesInsideWords) {
  EXPECT_EQ(transcript_words("Don\u2019t stop, it\u2019s \u2018fine\u2019"), (Words{"don't", "stop", "it's", "fine"}));
}

TEST(transcriptWords, foldsAccentedLettersInsteadOfSplittingWords) {
  EXPECT_EQ(transcript_words("Caf\u00e9 na\u00efve fa\u00e7ade Zo\u00eb"), (Words{"cafe", "naive", "facade", "zoe"}));
  EXPECT_EQ(transcript_words("\u00c9MILE stra\u00dfe \u0141\u00f3d\u017a"), (Words{"emile", "strasse", "lodz"}));
  // Romanian and Vietnamese letters, PDF ligatures, fullwidth forms: they split words.
  EXPECT_EQ(transcript_words("Bucure\u0219ti Timi\u0219oara Nguy\u1ec5n Thi\u1ec7u"),
            (Words{"bucuresti", "timisoara", "nguyen", "thieu"}));
  EXPECT_EQ(transcript_words("the \ufb01nal \ufb02ight of\ufb01ce"), (Words{"the", "final", "flight", "office"}));
  EXPECT_EQ(transcript_words("\uff21\uff42\uff43 \uff11\uff12"), (Words{"abc", "twelve"}));
  // Letters it cannot spell in ASCII separate words; so do bytes that are
  // neither UTF-8 nor Windows-1252 (see readsTextThatIsNotUtf8AsWindows1252).
  EXPECT_EQ(transcript_words("hi \u043f\u0440\u0438\u0432\u0435\u0442 there"), (Words{"hi", "there"}));
  EXPECT_EQ(transcript_words(std::string("ab\x81" "cd \x8d")), (Words{"ab", "cd"}));
  // Accents typed as combining marks, an acute accent for an apostrophe, the minus sign.
  EXPECT_EQ(transcript_words("re\u0301sume\u0301 don\u00b4t \u22125"), (Words{"resume", "don't", "minus", "five"}));
}

// text's UTF-16 code units as bytes, after `mark` (a byte-order mark or "").
std::string utf16_bytes(std::u16string_view text, bool little_endian, std::string mark) {
  for (char16_t u : text) {
    const auto low = static_cast<char>(u & 0xFF), high = static_cast<char>(u >> 8);
    mark += little_endian ? low : high;
    mark += little_endian ? high : low;
  }
  return mark;
}

// Notepad's "Unicode": UTF-16 with a byte-order mark, either byte order.
TEST(transcriptWords, readsUtf16TextWithAByteOrderMark) {
  const std::u16string text = u"Don\u2019t go, Zo\u00eb \U0001F600!";
  EXPECT_EQ(transcript_words(utf16_bytes(text, true, "\xFF\xFE")), (Words{"don't", "go", "zoe"}));
  EXPECT_EQ(transcript_words(utf16_bytes(text, false, "\xFE\xFF")), (Words{"don't", "go", "zoe"}));
  EXPECT_EQ(transcript_words(std::string("\xFF\xFEh")), Words{});  // a lone odd byte
}

// Written without the mark (iconv -t UTF-16LE): each letter was read as a word
// of its own.
TEST(transcriptWords, readsUtf16TextWithoutAByteOrderMark) {
  const std::u16string text = u"Go forward, Zo\u00eb.";
  EXPECT_EQ(transcript_words(utf16_bytes(text, true, "")), (Words{"go", "forward", "zoe"}));
  EXPECT_EQ(transcript_words(utf16_bytes(text, false, "")), (Words{"go", "forward", "zoe"}));  // A stray NUL in UTF-8 text is a space, not a sign of UTF-16.
  EXPECT_EQ(transcript_words(std::string("go forward ten meters\0", 22)), (Words{"go", "forward", "ten", "meters"}));
}

// Saved by an older Windows editor (Windows-1252): "café" and "don’t" were
// read as "caf" and "don t", each byte that is not UTF-8 a word break.
TEST(transcriptWords, readsTextThatIsNotUtf8AsWindows1252) {
  EXPECT_EQ(transcript_words("caf\xE9 na\xEFve"), (Words{"cafe", "naive"}));
  EXPECT_EQ(transcript_words("Don\x92t \x93go\x94 \x97 now\x85"), (Words{"don't", "go", "now"}));
  EXPECT_EQ(transcript_words("caf\xC3\xA9"), Words{"cafe"});  // valid UTF-8 stays UTF-8
}

TEST(transcriptWords, readsAmountsOfMoney) {
  EXPECT_EQ(transcript_words("$5"), (Words{"five", "dollars"}));
  EXPECT_EQ(transcript_words("$1"), (Words{"one", "dollar"}));
  EXPECT_EQ(transcript_words("$5.50"), (Words{"five", "dollars", "fifty", "cents"}));
  EXPECT_EQ(transcript_words("\u20ac2.01"), (Words{"two", "euros", "one", "cent"}));
  EXPECT_EQ(transcript_words("\u00a31,250"), (Words{"one", "thousand", "two", "hundred", "fifty", "pounds"}));
  EXPECT_EQ(transcript_words("$1.5 million."), (Words{"one", "point", "five", "million", "dollars"}));
  EXPECT_EQ(transcript_words("\u00a5300"), (Words{"three", "hundred", "yen"}));
  EXPECT_EQ(transcript_words("a $ sign"), (Words{"a", "sign"}));
  EXPECT_EQ(transcript_words("$"), Words{});
  EXPECT_EQ(transcript_words("$1.50"), (Words{"one", "dollar", "fifty", "cents"}));
  EXPECT_EQ(transcript_words("$0.99"), (Words{"ninety", "nine", "cents"}));
  EXPECT_EQ(transcript_words("\u00a30.01"), (Words{"one", "penny"}));
  EXPECT_EQ(transcript_words("$5.5"), (Words{"five", "point", "five", "dollars"}));
  EXPECT_EQ(transcript_words("$10k and $3B"), (Words{"ten", "thousand", "dollars", "and", "three", "billion", "dollars"}));
  EXPECT_EQ(transcript_words("$5 Million"), (Words{"five", "million", "dollars"}));
  EXPECT_EQ(transcript_words("5 \u20ac, 1\u00a3"), (Words{"five", "euros", "one", "pound"}));
  EXPECT_EQ(transcript_words("US$5"), (Words{"us", "five", "dollars"}));
  EXPECT_EQ(transcript_words("-$5"), (Words{"minus", "five", "dollars"}));
  // More than 12 digits: no amount, the digits one by one.
  EXPECT_EQ(transcript_words("$1234567890123").size(), 13u);
  EXPECT_EQ(transcript_words("$1234567890123").front(), "one");
}

TEST(transcriptWords, readsAMinusSignButNotAHyphen) {
  EXPECT_EQ(transcript_words("-7 degrees"), (Words{"minus", "seven", "degrees"}));
  EXPECT_EQ(transcript_words("from -3 to 4"), (Words{"from", "minus", "three", "to", "four"}));
  EXPECT_EQ(transcript_words("covid-19"), (Words{"covid", "nineteen"}));
  EXPECT_EQ(transcript_words("pages 4-7"), (Words{"pages", "four", "seven"}));
}

TEST(transcriptWords, splitsNumbersFromTheLettersBeforeAndAfterThem) {
  EXPECT_EQ(transcript_words("GPT4 and mp3"), (Words{"GPT", "four", "and", "mp", "three"}));
  EXPECT_EQ(transcript_words("4x4 in the 90's"), (Words{"four", "x", "four", "in", "the", "nineties"}));
  EXPECT_EQ(transcript_words("3D"), (Words{"three", "d"}));
  EXPECT_EQ(transcript_words("1234567890123abc"), (Words{"one", "two", "three", "four", "five", "six", "seven", "eight",
                                                        "nine", "zero", "one", "two", "three", "abc"}));
}

// Letters and digits alternating 40,000 times: split in a loop (the first
// version recursed once per switch and ran out of stack).
TEST(transcriptWords, splitsVeryLongMixedTokensWithoutRecursion) {
  std::string blob;
  for (int i = 0; i < 20000; ++i) blob += "a1";
  const auto words = transcript_words(blob);
  ASSERT_EQ(words.size(), 40000u);
  EXPECT_EQ(words[0], "a");
  EXPECT_EQ(words[1], "one");
}

TEST(transcriptWords, readsEmailAndWebAddressesAsTheyAreSpoken) {
  EXPECT_EQ(transcript_words("Write to help@example.com today."),
            (Words{"write", "to", "help", "at", "example", "dot", "com", "today"}));
  EXPECT_EQ(transcript_words("www.facecast.org"), (Words{"www", "dot", "facecast", "dot", "org"}));
  EXPECT_EQ(transcript_words("see example.co.uk"), (Words{"see", "example", "dot", "co", "dot", "uk"}));
  EXPECT_EQ(transcript_words("jo.smith@mail.example.net"),
            (Words{"jo", "smith", "at", "mail", "dot", "example", "dot", "net"}));
  // Dots that are not read: abbreviations, sentence ends, numbers.
  EXPECT_EQ(transcript_words("e.g. the U.S. is big.Then 3.5"),
            (Words{"e", "g", "the", "u", "s", "is", "big", "then", "three", "point", "five"}));
  EXPECT_EQ(transcript_words("meet @ noon"), (Words{"meet", "noon"}));
  // A long dotted run is judged once, not once per dot.
  std::string dotted;
  for (int i = 0; i < 100000; ++i) dotted += "a.";
  EXPECT_EQ(transcript_words(dotted + "x").size(), 100001u);
  EXPECT_EQ(transcript_words(dotted + "com").size(), 200001u);
}

TEST(transcriptWords, readsClockTimes) {
  EXPECT_EQ(transcript_words("at 3:30pm"), (Words{"at", "three", "thirty", "pm"}));
  EXPECT_EQ(transcript_words("10:05"), (Words{"ten", "oh", "five"}));
  EXPECT_EQ(transcript_words("9:00."), (Words{"nine", "o'clock"}));
  EXPECT_EQ(transcript_words("ratio 16:9"), (Words{"ratio", "sixteen", "nine"}));
  EXPECT_EQ(transcript_words("5:00 a.m. and 3:00PM"), (Words{"five", "a", "m", "and", "three", "PM"}));
  EXPECT_EQ(transcript_words("1:00:00"), (Words{"one", "zero", "zero"}));  // a duration, not a time of day
}

// "2 + 2 = 4" lost its signs, and "20°C" its unit: words the speaker says.
TEST(transcriptWords, readsSignsThatAreSpoken) {
  EXPECT_EQ(transcript_words("2 + 2 = 4"), (Words{"two", "plus", "two", "equals", "four"}));
  EXPECT_EQ(transcript_words("C++ and A+, call +44"), (Words{"c", "plus", "plus", "and", "a", "plus", "call", "plus", "forty", "four"}));
  EXPECT_EQ(transcript_words("3 \u00d7 4 \u00f7 2 \u00b1 1"),
            (Words{"three", "times", "four", "divided", "by", "two", "plus", "or", "minus", "one"}));
  EXPECT_EQ(transcript_words("It is 20\u00b0C, 68 \u00b0F, 90\u00b0 turns"),
            (Words{"it", "is", "twenty", "degrees", "celsius", "sixty", "eight", "degrees", "fahrenheit", "ninety",
                   "degrees", "turns"}));
  EXPECT_EQ(transcript_words("We're #1"), (Words{"we're", "number", "one"}));
  EXPECT_EQ(transcript_words("E = mc\u00b2, 2\u00b3"), (Words{"e", "equals", "mc", "squared", "two", "cubed"}));
  EXPECT_EQ(transcript_words("C# or F#, not #tag or AB#"), (Words{"c", "sharp", "or", "f", "sharp", "not", "tag", "or", "AB"}));
  // Markup and code are not read: list bullets, headings, rules, operators.
  EXPECT_EQ(transcript_words("# Plan\n+ eat\n  + sleep\n+++\n## 2 steps"), (Words{"plan", "eat", "sleep", "two", "steps"}));
  EXPECT_EQ(transcript_words("a == b, c <= d, e => f, g != h"), (Words{"a", "b", "c", "d", "e", "f", "g", "h"}));
  // Line breaks, kept for the markup above, still separate like spaces.
  EXPECT_EQ(transcript_words("$5\nmillion, 5\n\u20ac at 9:00\nam"),
            (Words{"five", "million", "dollars", "five", "euros", "at", "nine", "am"}));
}

// Words in other scripts fell silently out of the words aligned; now they are
// listed, as written, for the caller to see what was not read.
TEST(readTranscript, listsThePiecesItCannotRead) {
  const TranscriptText t = read_transcript("Hello \u043c\u0438\u0440, x\u2074 and \u00bd \U0001F600 \u2014 \u6771\u4eac!");
  EXPECT_EQ(t.words, (Words{"hello", "x", "and"}));
  EXPECT_EQ(t.unread, (Words{"\u043c\u0438\u0440", "\u2074", "\u00bd", "\u6771\u4eac"}));
  // A combining mark stays with its letter ("й" written as и + U+0306).
  EXPECT_EQ(read_transcript("\u0438\u0306 ok").unread, Words{"\u0438\u0306"});
  // Letters that fold to Latin are read, not listed: pinyin tone marks.
  const TranscriptText pinyin = read_transcript("n\u01d0 h\u01ceo");
  EXPECT_EQ(pinyin.words, (Words{"ni", "hao"}));
  EXPECT_TRUE(pinyin.unread.empty());
  // Windows-1252 and UTF-16 text list theirs in UTF-8.
  EXPECT_EQ(read_transcript("\xBD caf\xE9").unread, Words{"\u00bd"});
  EXPECT_EQ(read_transcript(utf16_bytes(u"da \u0434\u0430", true, "\xFF\xFE")).unread, Words{"\u0434\u0430"});
}

TEST(letterToSound, givesPlausiblePronunciations) {
  EXPECT_EQ(letter_to_sound("cat"), (Words{"K", "AE", "T"}));
  EXPECT_EQ(letter_to_sound("make"), (Words{"M", "EY", "K"}));
  EXPECT_EQ(letter_to_sound("ship"), (Words{"SH", "IH", "P"}));
  EXPECT_EQ(letter_to_sound("nation"), (Words{"N", "AE", "SH", "AH", "N"}));
  EXPECT_EQ(letter_to_sound("city"), (Words{"S", "IH", "T", "IY"}));
  EXPECT_EQ(letter_to_sound("knight"), (Words{"N", "AY", "T"}));
  EXPECT_TRUE(letter_to_sound("123").empty());
}

TEST(pronounce, fallsBackToRulesForUnknownWords) {
  const PronouncingDictionary dictionary(dictionary_path(SpeechSettings{}));
  const auto known = pronounce(dictionary, "forward");
  EXPECT_FALSE(known.from_rules);
  EXPECT_EQ(known.variants.front(), (Words{"F", "AO", "R", "W", "ER", "D"}));
  const auto variants = pronounce(dictionary, "the");
  EXPECT_GE(variants.variants.size(), 2u);
  const auto unknown = pronounce(dictionary, "zorblaxing");
  EXPECT_TRUE(unknown.from_rules);
  EXPECT_EQ(unknown.variants.front(), (Words{"Z", "AO", "R", "B", "L", "AE", "K", "S", "IH", "NG"}));
  EXPECT_EQ(pronounce(dictionary, "read(2)").variants.size(), 1u);
  EXPECT_EQ(pronounce(dictionary, "read(2)").word, "read");
}

TEST(pronounce, spellsOutUnknownWordsWithoutVowels) {
  const PronouncingDictionary dictionary(dictionary_path(SpeechSettings{}));
  const auto llm = pronounce(dictionary, "llm");
  EXPECT_TRUE(llm.from_rules);
  EXPECT_EQ(llm.variants, (std::vector<Words>{{"EH", "L", "EH", "L", "EH", "M"}}));
  EXPECT_EQ(pronounce(dictionary, "gpt").variants.front(), (Words{"JH", "IY", "P", "IY", "T", "IY"}));
  // Known words keep the dictionary's reading; words with a vowel letter the rules'.
  EXPECT_FALSE(pronounce(dictionary, "html").from_rules);
  // Interjections are not acronyms; held letters find the dictionary's word.
  const auto pfft = pronounce(dictionary, "pfft").variants.front();
  EXPECT_FALSE(pfft.size() > 1 && pfft[1] == "IY") << "read, not spelled";
  EXPECT_EQ(pronounce(dictionary, "mmm").variants.front(), (Words{"M"}));
  EXPECT_EQ(pronounce(dictionary, "hmmmm").variants.front(), (Words{"HH", "M"}));
  EXPECT_EQ(pronounce(dictionary, "yesss").variants.front(), (Words{"Y", "EH", "S"}));
  EXPECT_EQ(pronounce(dictionary, "goood").variants.front(), (Words{"G", "UH", "D"}));
  const auto vtuber = pronounce(dictionary, "vtuber").variants.front();
  ASSERT_GE(vtuber.size(), 2u);
  EXPECT_FALSE(vtuber[0] == "V" && vtuber[1] == "IY") << "read, not spelled";
}

TEST(pronounce, offersAWordWrittenInCapitalsSpelledOutToo) {
  const PronouncingDictionary dictionary(dictionary_path(SpeechSettings{}));
  const auto ai = pronounce(dictionary, "AI");
  EXPECT_EQ(ai.word, "ai");
  EXPECT_EQ(ai.variants, (std::vector<Words>{{"AY"}, {"EY", "AY"}}));
  const auto gpus = pronounce(dictionary, "GPUs");
  EXPECT_EQ(gpus.word, "gpus");
  EXPECT_EQ(gpus.variants.back(), (Words{"JH", "IY", "P", "IY", "Y", "UW", "Z"}));
  EXPECT_EQ(pronounce(dictionary, "OK").variants, pronounce(dictionary, "ok").variants) << "CMUdict spells it already";
  EXPECT_EQ(pronounce(dictionary, "NASA").variants.front(), (Words{"N", "AE", "S", "AH"}));
}

TEST(normalizePhone, mapsFillersToSilence) {
  EXPECT_EQ(normalize_phone("ph_AA"), "AA");
  EXPECT_EQ(normalize_phone("AH0"), "AH");
  EXPECT_EQ(normalize_phone("+NSN+"), "SIL");
  EXPECT_EQ(normalize_phone("<sil>"), "SIL");
  EXPECT_EQ(normalize_phone("ph_SIL"), "SIL");
}

TEST(timelineBuilder, fillsGapsAndCoversTheDuration) {
  TimelineBuilder b;
  b.add_phone("AA", 0.5, 0.6);
  b.add_phone("B", 0.55, 0.7);  // overlapping: clipped
  b.add_phone("SIL", 0.7, 0.8);
  b.add_word("Ab", 0.5, 0.7);
  const auto t = b.finish(1.0, SpeechMode::Phonetic);
  ASSERT_EQ(t.phones.size(), 4u);
  EXPECT_EQ(t.phones[0].phone, "SIL");
  EXPECT_DOUBLE_EQ(t.phones[2].start, 0.6);
  EXPECT_EQ(t.phones[3].phone, "SIL");
  EXPECT_DOUBLE_EQ(t.phones[3].start, 0.7);
  EXPECT_DOUBLE_EQ(t.phones[3].end, 1.0);
  EXPECT_EQ(t.words.at(0).word, "ab");
}

}  // namespace
}  // namespace facecast::speech
