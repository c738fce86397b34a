#include "server/access_log.h"

#include <fmt/format.h>

#include "server/json_text.h"

namespace facecast::server {

void write_access_log(std::FILE* sink, const AccessRecord& r) {
  if (!sink) return;
  std::string line = "{\"ts\":";
  append_timestamp(line);
  line += ",\"method\":";
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
