// What every connection of one server shares. Read-only after start except
// the metrics and the pool, which are safe to use from any thread.
#pragma once
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include <boost/asio/thread_pool.hpp>

#include "core/settings.h"
#include "server/connections.h"
#include "server/cors.h"
#include "server/metrics.h"
#include "server/worker_pool.h"

namespace facecast::server {

struct ServerContext {
  explicit ServerContext(const Settings& s, std::FILE* log)
      : settings(s),
        pool(s, s.server.workers, s.server.queue),
        cors(s.server.cors_origins),
        access_log(log),
        max_upload_bytes(static_cast<std::uint64_t>(s.server.max_upload_mb * 1024 * 1024)),
        timeout(std::chrono::milliseconds(static_cast<long long>(s.server.request_timeout_s * 1000))) {}

  double uptime_s() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); }

  const Settings settings;
  WorkerPool pool;
  Metrics metrics;
  Connections connections;  // open connections; draining after SIGTERM
  CorsPolicy cors;
  std::FILE* access_log;
  const std::uint64_t max_upload_bytes;
  const std::chrono::steady_clock::duration timeout;
  const std::filesystem::path docs_root = FACECAST_SOURCE_DIR "/node_modules/swagger-ui-dist";
  const std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::string openapi;  // rendered once at start
  // Where live streams load their speech decoder (slow), off the I/O threads so
  // a starting stream never stalls the running ones. Owned by the Server.
  boost::asio::thread_pool* stream_setup = nullptr;
};

}  // namespace facecast::server
