// The words of an Animation's timeline, for comparing with what was said.
#pragma once
#include <string>
#include <vector>

#include "core/animation.h"

namespace facecast::testing {

inline std::vector<std::string> words_of(const Animation& a) {
  std::vector<std::string> words;
  for (const auto& w : a.speech.words) words.push_back(w.word);
  return words;
}

}  // namespace facecast::testing
