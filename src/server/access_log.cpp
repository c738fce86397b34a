#include "server/access_log.h"

#include <chrono>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "server/json_text.h"

namespace facecast::server {

void write_access_log(std::FILE* sink, const AccessRecord& r) {
  if (!sink) return;
  auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  std::string line = fmt::format("{{\"ts\":\"{:%Y-%m-%dT%H:%M:%S}Z\",\"method\":", now);
  append_quoted(line, r.method);
  line += ",\"path\":";
  append_quoted(line, r.path);
  line += fmt::format(",\"status\":{},\"ms\":{:.1f},\"bytes\":{},\"remote\":", r.status, r.ms, r.bytes);
  append_quoted(line, r.remote);
  line += "}\n";
  std::fwrite(line.data(), 1, line.size(), sink);
  std::fflush(sink);
}

}  // namespace facecast::server
