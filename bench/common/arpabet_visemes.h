// Phone -> Oculus viseme for the benchmark (CMUdict ARPAbet, no stress digits):
// truth files, the "raw timeline" baseline and the engine all use the engine's
// table, so a difference between them is timing or recognition, never the table.
#pragma once
#include <optional>
#include <string_view>

#include "core/names.h"

namespace facecast::bench {

// "SIL" and PocketSphinx fillers ("+NSN+") -> sil; unknown phones -> nullopt.
std::optional<Viseme> viseme_of_arpabet(std::string_view phone);

// True for P, B, M: the phones whose viseme is PP (lips fully closed).
bool is_bilabial(std::string_view phone);

}  // namespace facecast::bench
