#include "espeak/espeak_phonemes.h"

#include <stdexcept>

namespace facecast::bench {
namespace {

struct Entry {
  std::string_view mnemonic;
  std::string_view first;
  std::string_view second = {};  // r-coloured vowels and syllabic l become two phones
  double first_share = 1;
};

// Two-phone units split their time: vowel 60 % then R/ER 40 %; syllabic l is mostly l.
constexpr double kVowelShare = 0.6;
constexpr double kSchwaOfSyllabicL = 0.4;

constexpr Entry kTable[] = {
    // pauses and boundaries
    {"_", "SIL"}, {"_:", "SIL"}, {"_!", "SIL"}, {"_^_", "SIL"}, {"||", "SIL"}, {"|", "SIL"},
    // stops (t#, d# are the American flap; t2 a t espeak's English rules weaken;
    // ? the glottal stop, written T in CMUdict)
    {"p", "P"}, {"b", "B"}, {"t", "T"}, {"d", "D"}, {"t#", "T"}, {"d#", "D"}, {"t2", "T"}, {"?", "T"},
    {"k", "K"}, {"g", "G"}, {"x", "K"},
    // fricatives and affricates
    {"f", "F"}, {"v", "V"}, {"T", "TH"}, {"D", "DH"}, {"s", "S"}, {"z", "Z"},
    {"S", "SH"}, {"Z", "ZH"}, {"tS", "CH"}, {"dZ", "JH"}, {"h", "HH"},
    // nasals, liquids, glides (";" is espeak's y-glide linking "i" to a following vowel)
    {"m", "M"}, {"n", "N"}, {"N", "NG"}, {"m-", "M"}, {"n-", "N"},
    {"l", "L"}, {"l/", "L"}, {"l/2", "L"}, {"r", "R"}, {"r-", "R"},
    {"j", "Y"}, {"w", "W"}, {";", "Y"},
    // reduced vowels (@5 is the rounded schwa of "to")
    {"@", "AH"}, {"@2", "AH"}, {"@5", "UH"}, {"a#", "AH"}, {"V", "AH"},
    {"@L", "AH", "L", kSchwaOfSyllabicL},
    // r-coloured vowels
    {"3", "ER"}, {"3:", "ER"},
    {"A@", "AA", "R", kVowelShare}, {"e@", "EH", "R", kVowelShare}, {"i@", "IH", "R", kVowelShare},
    {"i@3", "IH", "R", kVowelShare}, {"O@", "AO", "R", kVowelShare}, {"o@", "AO", "R", kVowelShare},
    {"U@", "UH", "R", kVowelShare}, {"aI@", "AY", "ER", kVowelShare}, {"aU@", "AW", "ER", kVowelShare},
    {"aI3", "AY", "ER", kVowelShare},
    // full vowels and diphthongs
    {"a", "AE"}, {"aa", "AE"}, {"A:", "AA"}, {"0", "AA"}, {"O:", "AO"}, {"O2", "AO"}, {"O", "AO"},
    {"E", "EH"}, {"e", "EH"}, {"eI", "EY"}, {"I", "IH"}, {"I#", "IH"}, {"I2", "IH"},
    {"i", "IY"}, {"i:", "IY"}, {"U", "UH"}, {"u:", "UW"}, {"oU", "OW"}, {"OI", "OY"},
    {"aI", "AY"}, {"aU", "AW"},
};

}  // namespace

std::vector<ArpabetPart> arpabet_of_espeak(std::string_view mnemonic) {
  for (const auto& e : kTable) {
    if (e.mnemonic != mnemonic) continue;
    if (e.second.empty()) return {{std::string(e.first), 1.0}};
    return {{std::string(e.first), e.first_share}, {std::string(e.second), 1.0 - e.first_share}};
  }
  throw std::runtime_error("no ARPAbet mapping for espeak phoneme '" + std::string(mnemonic) + "'");
}

}  // namespace facecast::bench
