#include "server/metrics.h"

#include <fmt/format.h>

namespace facecast::server {

const char* route_label(Route route) {
  switch (route) {
    case Route::Root: return "/";
    case Route::Health: return "/health";
    case Route::Live: return "/livez";
    case Route::BlendshapeNames: return "/blendshape-names";
    case Route::ProcessAudio: return "/process-audio";
    case Route::OpenApi: return "/openapi.json";
    case Route::Docs: return "/docs";
    case Route::Metrics: return "/metrics";
    case Route::Stream: return "/stream";
    case Route::Static: return "static";
    case Route::Other: return "other";
  }
  return "other";
}

void Metrics::count_request(Route route, unsigned status) {
  std::size_t s = kStatuses.size();  // the "other" column
  for (std::size_t i = 0; i < kStatuses.size(); ++i)
    if (kStatuses[i] == status) s = i;
  requests_[static_cast<std::size_t>(route)][s].fetch_add(1, std::memory_order_relaxed);
}

void Metrics::observe_processing(double seconds, double audio_seconds) {
  std::size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  processing_buckets_[b].fetch_add(1, std::memory_order_relaxed);
  processing_count_.fetch_add(1, std::memory_order_relaxed);
  processing_micros_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  audio_micros_.fetch_add(static_cast<std::uint64_t>(audio_seconds * 1e6), std::memory_order_relaxed);
}

void Metrics::add_stream_audio(double seconds) {
  audio_micros_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::render(const PoolGauges& pool, double uptime_s) const {
  std::string out;
  out += "# HELP facecast_http_requests_total HTTP requests by route and status.\n";
  out += "# TYPE facecast_http_requests_total counter\n";
  for (std::size_t r = 0; r < kRouteCount; ++r) {
    for (std::size_t s = 0; s <= kStatuses.size(); ++s) {
      auto n = requests_[r][s].load(std::memory_order_relaxed);
      if (n == 0) continue;
      std::string status = s < kStatuses.size() ? std::to_string(kStatuses[s]) : "other";
      out += fmt::format("facecast_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n",
                         route_label(static_cast<Route>(r)), status, n);
    }
  }
  out += "# HELP facecast_processing_seconds Time to process one audio upload (decode, analyse, animate, export).\n";
  out += "# TYPE facecast_processing_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
    cumulative += processing_buckets_[b].load(std::memory_order_relaxed);
    std::string le = b < kBuckets.size() ? fmt::format("{}", kBuckets[b]) : "+Inf";
    out += fmt::format("facecast_processing_seconds_bucket{{le=\"{}\"}} {}\n", le, cumulative);
  }
  out += fmt::format("facecast_processing_seconds_sum {:.6f}\n", processing_micros_.load() / 1e6);
  out += fmt::format("facecast_processing_seconds_count {}\n", processing_count_.load());
  out += "# HELP facecast_audio_seconds_total Seconds of audio processed (uploads and live streams).\n";
  out += "# TYPE facecast_audio_seconds_total counter\n";
  out += fmt::format("facecast_audio_seconds_total {:.3f}\n", audio_micros_.load() / 1e6);
  out += "# HELP facecast_active_streams Live WebSocket streams now open.\n";
  out += "# TYPE facecast_active_streams gauge\n";
  out += fmt::format("facecast_active_streams {}\n", active_streams_.load());
  out += "# HELP facecast_streams_total Live WebSocket streams opened (handshake accepted).\n";
  out += "# TYPE facecast_streams_total counter\n";
  out += fmt::format("facecast_streams_total {}\n", streams_total_.load());
  out += "# HELP facecast_queue_depth Uploads waiting for a worker.\n";
  out += "# TYPE facecast_queue_depth gauge\n";
  out += fmt::format("facecast_queue_depth {}\n", pool.queue_depth);
  out += "# HELP facecast_recognizers_loaded Word recognisers in memory (~90 MB each; extra ones are freed when idle).\n";
  out += "# TYPE facecast_recognizers_loaded gauge\n";
  out += fmt::format("facecast_recognizers_loaded {}\n", pool.recognizers_loaded);
  out += "# HELP facecast_live_decoders_loaded Live-stream speech decoders in memory, in use or kept warm (~6 MB each).\n";
  out += "# TYPE facecast_live_decoders_loaded gauge\n";
  out += fmt::format("facecast_live_decoders_loaded {}\n", pool.live_decoders_loaded);
  out += "# HELP facecast_uptime_seconds Seconds since the server started.\n";
  out += "# TYPE facecast_uptime_seconds gauge\n";
  out += fmt::format("facecast_uptime_seconds {:.1f}\n", uptime_s);
  return out;
}

}  // namespace facecast::server
