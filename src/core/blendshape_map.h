// The names the output gives the 52 ARKit shapes: Apple's, or a rig's own
// where a `blendshape_map` renames some ("jawOpen=Jaw_Open,mouthClose=Mouth_Close"),
// so a file goes straight to an importer that matches shapes by name.
#pragma once
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace facecast {

// Empty: Apple's names. Else all 52, in Apple's order, with the renames applied.
using BlendshapeNames = std::vector<std::string>;

// Reads "arkitName=rigName,..." (empty: no renames). Throws Error(InvalidArgument)
// for a name that is not ARKit's (naming the one it is close to), one renamed
// twice, a new name that is empty, over 64 bytes or holds control characters,
// and two shapes that would end up with one name.
BlendshapeNames parse_blendshape_map(std::string_view text);

// The name of shape i under `names` (Apple's when names is empty).
std::string_view blendshape_name(const BlendshapeNames& names, std::size_t i);

}  // namespace facecast
