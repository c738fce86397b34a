// Appending numbers and JSON strings to one growing std::string, without
// locale, streams or a temporary per value: the exporters write ~1M numbers
// per 10-minute file and this is their hot loop.
#pragma once
#include <string>
#include <string_view>

namespace facecast::exporter {

// Writes v rounded to `decimals` places (0..6), trailing zeros dropped
// ("0.5", "0", "-1.25"). Non-finite values are written as 0 (JSON has no NaN).
void append_fixed(std::string& out, double v, int decimals);

// Writes a non-negative whole number.
void append_uint(std::string& out, unsigned long long v);

// Writes s as a quoted JSON string: quotes, backslashes and control
// characters escaped; invalid UTF-8 bytes become U+FFFD so the output always parses.
void append_json_string(std::string& out, std::string_view s);

}  // namespace facecast::exporter
