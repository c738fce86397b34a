#include "core/spelling.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace facecast {

int spelling_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: Levenshtein plus the swap of two neighbours,
  // the commonest typing slip ("fsp" for "fps").
  const std::size_t n = a.size(), m = b.size();
  std::vector<int> prev2(m + 1), prev(m + 1), row(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= n; ++i) {
    row[0] = static_cast<int>(i);
    for (std::size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) row[j] = std::min(row[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, row);
  }
  return prev[m];
}

std::optional<std::string> closest_spelling(std::string_view typed, std::span<const std::string> candidates) {
  const int allowed = typed.size() <= 4 ? 1 : typed.size() <= 9 ? 2 : 3;
  std::string lower(typed.substr(0, kLongestSuggestible + 1));
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::optional<std::string> best;
  int best_distance = allowed + 1;
  // A name sent by a client can be megabytes long (an HTTP field): compare
  // only names of a length a slip could give, so the cost stays tiny.
  if (typed.size() > kLongestSuggestible) return best;
  for (const auto& candidate : candidates) {
    const auto gap = static_cast<long>(candidate.size()) - static_cast<long>(typed.size());
    if (gap > allowed || -gap > allowed || candidate == typed) continue;
    std::string folded = candidate;
    for (char& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    // "FPS" for "fps" is a slip too, though no edit apart.
    const int d = folded == lower ? 1 : spelling_distance(lower, folded);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

}  // namespace facecast
