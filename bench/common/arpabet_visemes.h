// The benchmark's one phone -> Oculus viseme table (CMUdict ARPAbet, no stress
// digits). Truth files and the "raw timeline" baseline both go through it, so a
// difference between them is a timing or recognition difference, never a table one.
#pragma once
#include <optional>
#include <string_view>

#include "core/names.h"

namespace facecast::bench {

// "SIL" (and PocketSphinx fillers such as "+NSN+") -> sil; unknown phones -> nullopt.
std::optional<Viseme> viseme_of_arpabet(std::string_view phone);

// True for P, B, M: the phones whose viseme is PP (lips fully closed).
bool is_bilabial(std::string_view phone);

}  // namespace facecast::bench
