// The API contract: {"success":true,"data":{...}} and the error shape.
#pragma once
#include <string>
#include <string_view>

#include "core/animation.h"
#include "core/blendshape_map.h"
#include "core/error.h"

namespace facecast::exporter {

// names: the blendshapes' names (empty: Apple's; see blendshape_map).
std::string to_json(const Animation& animation, const BlendshapeNames& names = {});
class TextOut;
// ["eyeBlinkLeft",...]: the 52 names under `names` (both JSON layouts use it).
void append_blendshape_names(TextOut& out, const BlendshapeNames& names);

std::string error_json(ErrorCode code, std::string_view message);

}  // namespace facecast::exporter
