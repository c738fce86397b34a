#include "animation/phones.h"

#include <array>
#include <cctype>
#include <string>

namespace facecast::animation {
namespace {

struct PhoneInfo {
  std::string_view name;
  Viseme viseme;
  Viseme glide;  // second target of diphthongs, else the same viseme
};

// Index = Phone value. The usual Oculus grouping; HH has no lip shape of its
// own (its shape comes from neighbours, see articulation.cpp) and is labelled kk
// (a back consonant) as most viseme tables do.
constexpr std::array<PhoneInfo, kPhoneCount> kPhones{{
    {"SIL", sil, sil}, {"AA", aa, aa}, {"AE", aa, aa}, {"AH", aa, aa}, {"AO", O, O},
    {"AW", aa, U},     {"AY", aa, I},  {"B", PP, PP},  {"CH", CH, CH}, {"D", DD, DD},
    {"DH", TH, TH},    {"EH", E, E},   {"ER", RR, RR}, {"EY", E, I},   {"F", FF, FF},
    {"G", kk, kk},     {"HH", kk, kk}, {"IH", I, I},   {"IY", I, I},   {"JH", CH, CH},
    {"K", kk, kk},     {"L", nn, nn},  {"M", PP, PP},  {"N", nn, nn},  {"NG", nn, nn},
    {"OW", O, U},      {"OY", O, I},   {"P", PP, PP},  {"R", RR, RR},  {"S", SS, SS},
    {"SH", CH, CH},    {"T", DD, DD},  {"TH", TH, TH}, {"UH", U, U},   {"UW", U, U},
    {"V", FF, FF},     {"W", U, U},    {"Y", I, I},    {"Z", SS, SS},  {"ZH", CH, CH},
}};

}  // namespace

std::optional<Phone> parse_phone(std::string_view text) {
  std::string upper;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) continue;  // stress marks
    upper.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  // Silence and the recogniser's non-speech fillers all mean "no articulation".
  if (upper == "SP" || upper == "<SIL>" || upper == "<S>" || upper == "</S>" ||
      (upper.size() > 2 && upper.front() == '+' && upper.back() == '+'))
    return Phone::SIL;
  for (std::size_t i = 0; i < kPhones.size(); ++i)
    if (kPhones[i].name == upper) return static_cast<Phone>(i);
  return std::nullopt;
}

std::string_view phone_name(Phone phone) { return kPhones[static_cast<std::size_t>(phone)].name; }
Viseme viseme_of(Phone phone) { return kPhones[static_cast<std::size_t>(phone)].viseme; }
Viseme glide_target_of(Phone phone) { return kPhones[static_cast<std::size_t>(phone)].glide; }

}  // namespace facecast::animation
