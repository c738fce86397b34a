// One structured (JSON) line per request: method, path, status, ms, bytes.
#pragma once
#include <cstdio>
#include <string_view>

namespace facecast::server {

struct AccessRecord {
  std::string_view method;
  std::string_view path;  // without the query string
  unsigned status = 0;
  double ms = 0;
  std::size_t bytes = 0;  // response body bytes
  std::string_view remote;
};

// Writes the line with one fwrite so lines from different threads never interleave.
// A null sink logs nothing.
void write_access_log(std::FILE* sink, const AccessRecord& record);

}  // namespace facecast::server
