// Load benchmarks against a running server on loopback (see bench/server/run.sh):
//   uploads PORT FILE REQUESTS CONCURRENCY [QUERY]   -> requests/s, latency p50/p95
//   streams PORT RAW_S16LE_44100_2CH STREAMS SECONDS -> live frame latency p50/p95/max, real-time check
//   leak PORT FILE REQUESTS SERVER_PID               -> server RSS before/after many requests
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

std::string read_binary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * (v.size() - 1) + 0.5))];
}

const char* kBoundary = "----facecastBenchBoundary";

std::string upload_body(const std::string& audio) {
  return std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
         "Content-Type: audio/wav\r\n\r\n" + audio + "\r\n--" + kBoundary + "--\r\n";
}

unsigned post(unsigned short port, const std::string& target, const std::string& body) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req{http::verb::post, target, 11};
  req.set(http::field::host, "127.0.0.1");
  req.set(http::field::content_type, std::string("multipart/form-data; boundary=") + kBoundary);
  req.body() = body;
  req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(1ull << 30);
  http::read(stream, buffer, parser);
  return parser.get().result_int();
}

unsigned get(unsigned short port, const std::string& target) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  http::request<http::empty_body> req{http::verb::get, target, 11};
  req.set(http::field::host, "127.0.0.1");
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(stream, buffer, res);
  return res.result_int();
}

int uploads(unsigned short port, const std::string& file, int requests, int concurrency, const std::string& query) {
  const std::string body = upload_body(read_binary(file));
  std::atomic<int> next{0}, failed{0};
  std::vector<std::vector<double>> latencies(concurrency);
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < concurrency; ++c)
    threads.emplace_back([&, c] {
      while (next.fetch_add(1) < requests) {
        auto t0 = Clock::now();
        if (post(port, "/process-audio" + query, body) != 200) failed++;
        latencies[c].push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
    });
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::printf("uploads%s: %d requests, concurrency %d: %.2f requests/s, latency p50 %.0f ms p95 %.0f ms, failed %d\n",
              query.c_str(), requests, concurrency, requests / seconds, percentile(all, 0.5), percentile(all, 0.95),
              failed.load());
  return failed ? 1 : 0;
}

// One paced live stream on a shared io_context.
struct LiveStream : std::enable_shared_from_this<LiveStream> {
  LiveStream(net::io_context& ioc, const std::string& pcm, double seconds) : ws(ioc), timer(ioc), pcm(pcm) {
    chunk_count = static_cast<std::size_t>(seconds / 0.02);
  }
  websocket::stream<beast::tcp_stream> ws;
  net::steady_timer timer;
  const std::string& pcm;
  static constexpr std::size_t kChunkBytes = 44100 * 2 * 2 / 50;  // 20 ms
  std::size_t chunk_count = 0;
  std::vector<Clock::time_point> sent;
  std::vector<double> latencies_ms;
  beast::flat_buffer buffer;
  std::string chunk;
  bool writing = false, stopped = false, ended = false;
  Clock::time_point first;
  std::size_t frames = 0;

  void start(unsigned short port) {
    beast::get_lowest_layer(ws).connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    beast::get_lowest_layer(ws).socket().set_option(tcp::no_delay(true));
    ws.handshake("127.0.0.1", "/stream");
    ws.text(true);
    ws.write(net::buffer(std::string(R"({"type":"start","sample_rate":44100,"channels":2,"encoding":"pcm_s16le"})")));
    read();
    first = Clock::now();
    tick();
  }
  void read() {
    ws.async_read(buffer, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      auto msg = nlohmann::json::parse(beast::buffers_to_string(self->buffer.data()));
      self->buffer.consume(self->buffer.size());
      const auto now = Clock::now();
      if (msg["type"] == "frames") {
        const std::size_t start = msg["start"], n = msg["blendshapes"].size();
        const double fps = msg["fps"];
        for (std::size_t i = start; i < start + n; ++i) {
          std::size_t j = static_cast<std::size_t>(static_cast<double>(i) / fps / 0.02);
          if (!self->stopped && j < self->sent.size())
            self->latencies_ms.push_back(std::chrono::duration<double, std::milli>(now - self->sent[j]).count());
        }
        self->frames += n;
      } else if (msg["type"] == "end") {
        self->ended = true;
      }
      self->read();
    });
  }
  void tick() {
    const std::size_t j = sent.size();
    if (j >= chunk_count) {
      stopped = true;
      ws.text(true);
      ws.async_write(net::buffer(std::string_view(R"({"type":"stop"})")), [self = shared_from_this()](auto, auto) {});
      return;
    }
    const std::size_t offset = (j * kChunkBytes) % (pcm.size() - pcm.size() % 4 - kChunkBytes);
    chunk.assign(pcm, offset - offset % 4, kChunkBytes);
    sent.push_back(Clock::now());
    ws.binary(true);
    ws.async_write(net::buffer(chunk), [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      // Real-time pacing from the stream's start, so a slow write does not drift.
      self->timer.expires_at(self->first + std::chrono::milliseconds(20 * (self->sent.size())));
      self->timer.async_wait([self](beast::error_code ec) {
        if (!ec) self->tick();
      });
    });
  }
};

int streams(unsigned short port, const std::string& raw, int count, double seconds) {
  const std::string pcm = read_binary(raw);
  net::io_context ioc;
  std::vector<std::shared_ptr<LiveStream>> all;
  for (int i = 0; i < count; ++i) {
    all.push_back(std::make_shared<LiveStream>(ioc, pcm, seconds));
    all.back()->start(port);
  }
  ioc.run();
  std::vector<double> lat;
  int ended = 0;
  double max_ms = 0;
  for (auto& s : all) {
    lat.insert(lat.end(), s->latencies_ms.begin(), s->latencies_ms.end());
    ended += s->ended;
  }
  for (double v : lat) max_ms = std::max(max_ms, v);
  std::printf("streams: %d x %.0f s of 20 ms chunks in real time: frame latency p50 %.0f ms p95 %.0f ms max %.0f ms "
              "(%zu frames), %d/%d ended cleanly\n",
              count, seconds, percentile(lat, 0.5), percentile(lat, 0.95), max_ms, lat.size(), ended, count);
  return ended == count ? 0 : 1;
}

long rss_kb(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

int leak(unsigned short port, const std::string& file, int requests, int pid) {
  const std::string body = upload_body(read_binary(file));
  auto mixed = [&](int i) {
    if (i % 10 == 0) return post(port, "/process-audio?mode=phonetic", body);
    if (i % 10 == 1) return post(port, "/process-audio", "garbage");  // an error path
    if (i % 10 == 2) return get(port, "/no-such-route");
    return get(port, i % 2 ? "/health" : "/blendshape-names");
  };
  for (int i = 0; i < 200; ++i) mixed(i);  // warm up: buffers and allocator pools reach their size
  const long before = rss_kb(pid);
  std::vector<long> samples;
  const auto start = Clock::now();
  for (int i = 0; i < requests; ++i) {
    mixed(i);
    if ((i + 1) % (requests / 5) == 0) samples.push_back(rss_kb(pid));
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("leak: %d mixed requests (1 in 10 an upload) in %.0f s: server RSS %ld KB after warm-up ->", requests,
              seconds, before);
  for (long s : samples) std::printf(" %ld", s);
  std::printf(" KB\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: see the comment at the top of bench/server/load_client.cpp\n");
    return 2;
  }
  const std::string mode = argv[1];
  const auto port = static_cast<unsigned short>(std::stoi(argv[2]));
  if (mode == "uploads") return uploads(port, argv[3], std::stoi(argv[4]), std::stoi(argv[5]), argc > 6 ? argv[6] : "");
  if (mode == "streams") return streams(port, argv[3], std::stoi(argv[4]), std::stod(argv[5]));
  if (mode == "leak") return leak(port, argv[3], std::stoi(argv[4]), std::stoi(argv[5]));
  if (mode == "rss") { std::printf("%ld\n", rss_kb(std::stoi(argv[2]))); return 0; }
  return 2;
}
