// Server counters in Prometheus text format. Lock-free: fixed arrays of atomics
// indexed by route and status, so counting never serialises requests.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

namespace facecast::server {

enum class Route { Root, Health, Live, BlendshapeNames, ProcessAudio, OpenApi, Docs, Metrics, Stream, Static, Other };
constexpr std::size_t kRouteCount = 11;
const char* route_label(Route route);

class Metrics {
 public:
  void count_request(Route route, unsigned status);
  void observe_processing(double seconds, double audio_seconds);  // one offline job
  // A stream holds one of max_streams places from its upgrade request until it
  // is over or refused; it counts in streams_total once its handshake succeeded.
  void stream_opened() { active_streams_.fetch_add(1); }
  void stream_accepted() { streams_total_.fetch_add(1); }
  void stream_closed() { active_streams_.fetch_sub(1); }
  void add_stream_audio(double seconds);
  long active_streams() const { return active_streams_.load(); }

  // What the worker pool holds, read at render time.
  struct PoolGauges {
    std::size_t queue_depth = 0;
    int recognizers_loaded = 0;
    int live_decoders_loaded = 0;
  };
  std::string render(const PoolGauges& pool, double uptime_s) const;

 private:
  // 426: Beast's answer to a WebSocket handshake of another protocol version.
  static constexpr std::array<unsigned, 16> kStatuses = {101, 200, 204, 206, 304, 400, 403, 404,
                                                         405, 408, 413, 415, 422, 426, 500, 503};
  static constexpr std::array<double, 11> kBuckets = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

  std::array<std::array<std::atomic<std::uint64_t>, kStatuses.size() + 1>, kRouteCount> requests_{};
  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> processing_buckets_{};
  std::atomic<std::uint64_t> processing_count_{0};
  std::atomic<std::uint64_t> processing_micros_{0};
  std::atomic<std::uint64_t> audio_micros_{0};  // offline and live audio, microseconds
  std::atomic<long> active_streams_{0};
  std::atomic<std::uint64_t> streams_total_{0};
};

}  // namespace facecast::server
