// "Did you mean ...?" for names a user typed: settings, options, environment
// variables. Only a close slip is suggested, so a name that merely shares a
// few letters (one of our scripts' own FACECAST_* variables) gets none.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace facecast {

// Edits (insert, delete, replace, swap two neighbours) that turn a into b.
int spelling_distance(std::string_view a, std::string_view b);

// Names longer than this get no suggestion (a slip of a setting is short).
inline constexpr std::size_t kLongestSuggestible = 64;

// The candidate closest to `typed`, if one is within a slip of it: 1 edit for
// names of up to 4 letters, 2 up to 9, 3 beyond; letter case does not count.
// `typed` itself is no suggestion. Ties go to the first listed.
std::optional<std::string> closest_spelling(std::string_view typed, std::span<const std::string> candidates);

}  // namespace facecast
