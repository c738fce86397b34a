// The one place where errors become HTTP statuses and client-safe JSON bodies.
#pragma once
#include <string>
#include <string_view>

#include "core/error.h"
#include "server/beast.h"

namespace facecast::server {

http::status status_for(ErrorCode code);

// JSON body for an error; Internal messages are replaced so internals never leak.
std::string error_body(ErrorCode code, std::string_view message);

// Builds a complete JSON error response (status, body, headers) for req.
StringResponse error_response(ErrorCode code, std::string_view message, unsigned version, bool keep_alive);

}  // namespace facecast::server
