// The phone inventory face synthesis understands (CMUdict ARPAbet + SIL) and
// its map to the 15 Oculus visemes. The benchmark maps true phones through the
// same viseme_of() so synthesis and scoring agree on what a phone looks like.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/names.h"

namespace facecast::animation {

enum class Phone : std::uint8_t {
  SIL, AA, AE, AH, AO, AW, AY, B, CH, D, DH, EH, ER, EY, F, G, HH, IH, IY, JH, K, L, M, N,
  NG, OW, OY, P, R, S, SH, T, TH, UH, UW, V, W, Y, Z, ZH,
};
constexpr std::size_t kPhoneCount = 40;

// "AA", "aa1", "SIL", "sil", "SP" and PocketSphinx fillers ("+NSN+", "+BREATH+",
// "<sil>") are accepted; stress digits are ignored. Unknown text gives nullopt.
std::optional<Phone> parse_phone(std::string_view text);

std::string_view phone_name(Phone phone);

// The phone's Oculus viseme: what the face shows for it (diphthongs: their start).
Viseme viseme_of(Phone phone);

// Diphthongs glide to a second viseme within the phone (AY: aa -> I). For
// every other phone this is viseme_of(phone).
Viseme glide_target_of(Phone phone);

}  // namespace facecast::animation
