// The OpenAPI 3 description of the server (GET /openapi.json) and the local
// swagger-ui page that renders it (GET /docs).
#pragma once
#include <string>

namespace facecast::server {

std::string openapi_json();  // built from the settings catalog, so form fields stay in sync
std::string docs_page();     // HTML loading swagger-ui-dist from /docs/ (no CDN)

}  // namespace facecast::server
