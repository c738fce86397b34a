// espeak-ng's English phoneme mnemonics (voices en, en-us, en-gb-*) -> ARPAbet.
// The full table with the reasons for each choice is in docs/benchmarks.md.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace facecast::bench {

// One ARPAbet phone and the share of the espeak phoneme's duration it takes.
struct ArpabetPart {
  std::string phone;  // ARPAbet or "SIL"
  double share = 1;
};

// Throws std::runtime_error for a mnemonic missing from the table (never guesses).
std::vector<ArpabetPart> arpabet_of_espeak(std::string_view mnemonic);

}  // namespace facecast::bench
