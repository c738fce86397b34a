#include "animation/articulation.h"

namespace facecast::animation {
namespace {

// Targets per viseme, columns in Param order:
//   Jaw  Funnel Pucker Stretch Smile RollLo RollUp ShrugLo ShrugUp Press LowDn UpUp Tongue
// Values are for lower_face_strength 1; vowel jaw opening is further scaled by
// loudness. PP's seal and press come from the closure envelope (mouth_pose.h),
// not from here, so they vanish with the release instead of lingering.
constexpr std::array<Pose, kVisemeCount> kVisemePoses{{
    /* sil */ {0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f},
    /* PP  */ {0.05f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.10f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f},
    /* FF  */ {0.10f, 0.00f, 0.00f, 0.10f, 0.00f, 0.55f, 0.00f, 0.00f, 0.10f, 0.00f, 0.00f, 0.30f, 0.00f},
    /* TH  */ {0.16f, 0.00f, 0.00f, 0.10f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.10f, 0.15f, 0.45f},
    /* DD  */ {0.14f, 0.00f, 0.00f, 0.15f, 0.05f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.10f, 0.10f, 0.00f},
    /* kk  */ {0.20f, 0.00f, 0.00f, 0.15f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.15f, 0.05f, 0.00f},
    /* CH  */ {0.10f, 0.45f, 0.20f, 0.00f, 0.00f, 0.00f, 0.00f, 0.20f, 0.30f, 0.00f, 0.20f, 0.25f, 0.00f},
    /* SS  */ {0.06f, 0.00f, 0.00f, 0.35f, 0.15f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.15f, 0.15f, 0.00f},
    /* nn  */ {0.12f, 0.00f, 0.00f, 0.10f, 0.05f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.05f, 0.05f, 0.00f},
    /* RR  */ {0.14f, 0.30f, 0.25f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.10f, 0.00f, 0.05f, 0.10f, 0.00f},
    /* aa  */ {0.60f, 0.00f, 0.00f, 0.10f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.30f, 0.10f, 0.00f},
    /* E   */ {0.38f, 0.00f, 0.00f, 0.30f, 0.15f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.25f, 0.15f, 0.00f},
    /* I   */ {0.20f, 0.00f, 0.00f, 0.45f, 0.30f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.20f, 0.20f, 0.00f},
    /* O   */ {0.42f, 0.55f, 0.35f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.15f, 0.00f, 0.00f},
    /* U   */ {0.18f, 0.35f, 0.80f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f, 0.00f},
}};

using Dominance = std::array<float, kGroupCount>;
//                                 Jaw   Lips  Round Spread Tongue
constexpr Dominance kSilence      {0.6f, 0.6f, 0.6f, 0.6f, 0.6f};  // short pauses stay soft
constexpr Dominance kVowel        {1.0f, 0.8f, 0.6f, 1.0f, 0.5f};  // unrounded vowels
constexpr Dominance kRoundedVowel {1.0f, 0.8f, 1.5f, 1.0f, 0.5f};
constexpr Dominance kBilabial     {3.0f, 3.0f, 0.15f, 0.3f, 0.3f};
constexpr Dominance kLabiodental  {1.5f, 4.0f, 0.2f, 0.4f, 0.3f};
constexpr Dominance kDental       {1.0f, 1.0f, 0.3f, 0.4f, 4.0f};
constexpr Dominance kSibilant     {1.5f, 0.6f, 0.2f, 0.5f, 0.5f};  // S, Z: jaw held high
constexpr Dominance kLingual      {0.8f, 0.5f, 0.2f, 0.4f, 0.5f};  // T, D, N, L, K, G, NG
constexpr Dominance kPostalveolar {1.0f, 2.0f, 2.0f, 0.5f, 0.5f};  // SH, CH, JH, ZH: rounded
constexpr Dominance kRhotic       {0.8f, 1.0f, 1.2f, 0.3f, 0.5f};
constexpr Dominance kGlide        {1.0f, 1.0f, 2.0f, 1.0f, 0.5f};  // W, Y
constexpr Dominance kAspirate     {0.1f, 0.1f, 0.1f, 0.1f, 0.1f};  // HH takes its neighbours' shape

const Dominance& dominance_table(Phone p) {
  switch (p) {
    case Phone::SIL: return kSilence;
    case Phone::AO: case Phone::OW: case Phone::OY: case Phone::UH: case Phone::UW: return kRoundedVowel;
    case Phone::AA: case Phone::AE: case Phone::AH: case Phone::AW: case Phone::AY:
    case Phone::EH: case Phone::EY: case Phone::IH: case Phone::IY: return kVowel;
    case Phone::ER: case Phone::R: return kRhotic;
    case Phone::B: case Phone::P: case Phone::M: return kBilabial;
    case Phone::F: case Phone::V: return kLabiodental;
    case Phone::TH: case Phone::DH: return kDental;
    case Phone::S: case Phone::Z: return kSibilant;
    case Phone::SH: case Phone::CH: case Phone::JH: case Phone::ZH: return kPostalveolar;
    case Phone::W: case Phone::Y: return kGlide;
    case Phone::HH: return kAspirate;
    default: return kLingual;
  }
}

}  // namespace

const Pose& viseme_pose(Viseme viseme) { return kVisemePoses[viseme]; }

const std::array<float, kGroupCount>& dominance_of(Phone phone) { return dominance_table(phone); }

bool is_bilabial(Phone p) { return p == Phone::P || p == Phone::B || p == Phone::M; }

bool is_vowel(Phone p) {
  switch (p) {
    case Phone::AA: case Phone::AE: case Phone::AH: case Phone::AO: case Phone::AW:
    case Phone::AY: case Phone::EH: case Phone::ER: case Phone::EY: case Phone::IH:
    case Phone::IY: case Phone::OW: case Phone::OY: case Phone::UH: case Phone::UW:
      return true;
    default:
      return false;
  }
}

}  // namespace facecast::animation
