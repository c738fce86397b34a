// Articulatory targets: what each viseme asks of the jaw, lips and tongue, and
// how strongly each phone holds each articulator against its neighbours
// (its dominance, in the Cohen-Massaro sense). Pure data; coarticulation.cpp
// blends it over time and mouth_pose.cpp turns it into ARKit weights.
#pragma once
#include <array>
#include <cstddef>

#include "animation/phones.h"

namespace facecast::animation {

// The mouth's degrees of freedom, each 0..1 before strength scaling.
enum Param : std::size_t {
  Jaw,         // jaw opening (jawOpen)
  Funnel,      // mouthFunnel
  Pucker,      // mouthPucker
  Stretch,     // mouthStretch L/R
  Smile,       // mouthSmile L/R (lip spreading, not emotion)
  RollLower,   // lower lip tucked under the upper teeth (F, V)
  RollUpper,   // mouthRollUpper
  ShrugLower,  // mouthShrugLower
  ShrugUpper,  // mouthShrugUpper
  Press,       // mouthPress L/R (firm lip contact in P, B, M)
  LowerDown,   // mouthLowerDown L/R (lower lip pulled down, teeth showing)
  UpperUp,     // mouthUpperUp L/R
  Tongue,      // tongueOut (TH, DH)
  kParamCount
};

// Articulators that coarticulate independently: each has its own dominance
// per phone and its own temporal reach.
enum Group : std::size_t { JawGroup, LipGroup, RoundGroup, SpreadGroup, TongueGroup, kGroupCount };

constexpr std::array<Group, kParamCount> kGroupOf = {
    JawGroup,  RoundGroup, RoundGroup, SpreadGroup, SpreadGroup, LipGroup, LipGroup,
    LipGroup,  LipGroup,   LipGroup,   LipGroup,    LipGroup,    TongueGroup};

using Pose = std::array<float, kParamCount>;

// Target pose of a viseme (index = Viseme).
const Pose& viseme_pose(Viseme viseme);

// How strongly a phone holds each articulator group (1 = an ordinary vowel).
// Low values let neighbours show through: consonants that do not use the lips
// take the rounding of an upcoming vowel (anticipatory rounding).
const std::array<float, kGroupCount>& dominance_of(Phone phone);

// Whether the phone closes the lips (P, B, M). Closure is not blended: see
// coarticulation.cpp.
bool is_bilabial(Phone phone);

// Vowels, diphthongs and syllabic R: loudness scales their jaw opening.
bool is_vowel(Phone phone);

}  // namespace facecast::animation
