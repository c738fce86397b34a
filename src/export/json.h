// The API contract: {"success":true,"data":{...}} and the error shape.
#pragma once
#include <string>
#include <string_view>

#include "core/animation.h"
#include "core/error.h"

namespace facecast::exporter {

std::string to_json(const Animation& animation);
std::string error_json(ErrorCode code, std::string_view message);

}  // namespace facecast::exporter
