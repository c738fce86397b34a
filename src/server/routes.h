// Which route a request names, and the answers that need no worker.
#pragma once
#include <optional>
#include <string_view>

#include "server/beast.h"
#include "server/context.h"
#include "server/metrics.h"

namespace facecast::server {

// The route of a URL path (Static for anything not an API route).
Route route_of(std::string_view path);
// Whether method is allowed on route; fills `allow` with the Allow header value.
bool method_allowed(Route route, http::verb method, std::string_view& allow);

// GET routes answered on the I/O thread: status, health, names, openapi, metrics.
// nullopt for routes that need something else (files, uploads, streams).
std::optional<StringResponse> simple_response(ServerContext& ctx, Route route, const Request& req);

}  // namespace facecast::server
