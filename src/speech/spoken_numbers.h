// Numbers, amounts of money and clock times as they are read aloud, for the
// transcript tokenizer (transcript_words.h). All append to `out`.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace facecast::speech {

// A whole number (0 .. 999,999,999,999) as words.
std::vector<std::string> number_words(unsigned long long n);

// digits: one or more; suffix: "st" "nd" "rd" "th" (ordinal), "s" "'s"
// (plural: "1990s"), or empty. A four-digit number 1100-1999 reads as a year
// unless grouped (it had thousands separators); more than 12 digits are read
// digit by digit.
void append_number(std::string_view digits, std::string_view suffix, bool grouped, std::vector<std::string>& out);

// The digits after a decimal point: "point" then each digit.
void append_decimals(std::string_view digits, std::vector<std::string>& out);

// text[i] is a currency sign ("$" or a marker from ascii_folding.h) and a
// digit follows: "$5" -> five dollars, "$5.50" -> five dollars fifty cents,
// "$0.99" -> ninety nine cents, "$1.5 million" / "$1.5m" -> one point five
// million dollars. Returns the index after what it read; i + 1 with nothing
// appended for an amount of more than 12 digits (read as plain digits then).
size_t append_amount(std::string_view text, size_t i, std::vector<std::string>& out);

// The unit a currency sign names: "dollar"/"dollars", "euro"/"euros", ...
std::string currency_unit(char sign, bool singular);

// text[i] is the ":" of a clock time after its hour, two digits follow:
// "05" -> oh five, "30" -> thirty, "00" -> o'clock (nothing before "am"/"pm").
// Returns the index after the minutes.
size_t append_clock_minutes(std::string_view text, size_t i, std::vector<std::string>& out);

}  // namespace facecast::speech
