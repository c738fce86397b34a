// Reduces a field mesh's triangle count where the surface is flat, keeping detail
// where it curves (meshoptimizer's quadric simplifier), then drops unused vertices.
#pragma once
#include "avatar/parts.h"

namespace facecast::avatar {

// max_error_m: largest allowed deviation from the original surface, in metres.
void simplify_part(SurfacePart& part, float max_error_m);

}  // namespace facecast::avatar
