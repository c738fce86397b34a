#include "server/client.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace facecast::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

Reply http_request(unsigned short port, const std::string& method, const std::string& target,
                   const std::string& body, const Headers& headers) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.expires_after(std::chrono::seconds(120));
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) req.set(name, value);
  req.body() = body;
  if (!body.empty() || method == "POST") req.prepare_payload();
  http::write(stream, req);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(1ull << 30);
  if (method == "HEAD") parser.skip(true);
  http::read(stream, buffer, parser);
  auto res = parser.release();
  Reply reply;
  reply.status = res.result_int();
  reply.body = std::move(res.body());
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    reply.headers[name] = std::string(field.value());
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  return reply;
}

RawExchange raw_exchange(unsigned short port, const std::string& bytes, double timeout_s, bool half_close) {
  net::io_context ioc;
  tcp::socket socket(ioc);
  socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  const auto start = std::chrono::steady_clock::now();
  net::write(socket, net::buffer(bytes));
  if (half_close) socket.shutdown(tcp::socket::shutdown_send);
  RawExchange out;
  // Poll with a deadline so a test never hangs on a server that does not close.
  socket.non_blocking(true);
  char buf[16384];
  for (;;) {
    beast::error_code ec;
    std::size_t n = socket.read_some(net::buffer(buf), ec);
    if (ec == net::error::would_block) {
      if (std::chrono::steady_clock::now() - start > std::chrono::duration<double>(timeout_s)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      continue;
    }
    if (ec) break;
    out.received.append(buf, n);
  }
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

struct SilentConnection::Impl {
  net::io_context ioc;
  tcp::socket socket{ioc};
};

SilentConnection::SilentConnection(unsigned short port) : impl_(std::make_unique<Impl>()) {
  impl_->socket.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
}

SilentConnection::~SilentConnection() = default;

std::string multipart_body(const std::vector<FormField>& fields) {
  std::string body;
  for (const auto& f : fields) {
    body += "--";
    body += kBoundary;
    body += "\r\nContent-Disposition: form-data; name=\"" + f.name + "\"";
    if (!f.filename.empty()) body += "; filename=\"" + f.filename + "\"";
    body += "\r\n";
    if (!f.content_type.empty()) body += "Content-Type: " + f.content_type + "\r\n";
    body += "\r\n";
    body += f.data;
    body += "\r\n";
  }
  body += "--";
  body += kBoundary;
  body += "--\r\n";
  return body;
}

Headers multipart_headers() {
  return {{"Content-Type", std::string("multipart/form-data; boundary=") + kBoundary}};
}

std::string read_binary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::unique_ptr<server::Server> start_server(Settings settings) {
  settings.server.port = 0;
  settings.server.host = "127.0.0.1";
  auto server = std::make_unique<server::Server>(settings, nullptr);
  server->start();
  for (int i = 0; i < 1200 && !server->ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  return server;
}

SharedServer& shared_server() {
  // Never destroyed: a function-local static server would be stopped during
  // static destruction, after statics created later (by its own threads) are
  // gone; a crash at exit was seen 1 run in ~50. `facecast serve` stops its
  // server inside run(), before any static is destroyed, and tests that start
  // their own server stop it within the test.
  static SharedServer& shared = *new SharedServer([] {
    SharedServer s;
    auto root = std::filesystem::temp_directory_path() / ("facecast-web-" + std::to_string(::getpid()));
    std::filesystem::create_directories(root / "js");
    std::ofstream(root / "index.html") << "<!doctype html><title>Facecast test app</title>";
    std::ofstream(root / "js" / "app.js") << "export const answer = 42;\n";
    s.settings.server.web_root = root.string();
    s.settings.server.workers = 2;
    s.settings.server.queue = 64;
    s.settings.server.max_upload_mb = 4;
    s.settings.server.request_timeout_s = 2;
    s.settings.server.cors_origins = "http://allowed.example";
    s.server = start_server(s.settings);
    s.port = s.server->port();
    return s;
  }());
  return shared;
}

}  // namespace facecast::testing
