// Live Link Face CSV, so Unreal users can import Facecast output.
#pragma once
#include <string>

#include "core/animation.h"

namespace facecast::exporter {

std::string to_live_link_csv(const Animation& animation);

}  // namespace facecast::exporter
