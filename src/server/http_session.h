// One HTTP connection: reads requests (header first, so limits, routes and
// `Expect: 100-continue` are answered before a large body is read), answers
// them, hands uploads to the worker pool and WebSocket upgrades to a stream
// session. Every read and write has a deadline, so stalled clients are cut off.
// While the server drains, a connection finishes its request and then closes.
#pragma once
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/error.h"
#include "server/beast.h"
#include "server/connections.h"
#include "server/context.h"
#include "server/metrics.h"
#include "server/upload.h"

namespace facecast::server {

class HttpSession : public Connection, public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, ServerContext& ctx);
  ~HttpSession() override;
  void run();
  void on_drain() override;     // an idle keep-alive connection closes now
  void on_deadline() override;  // whatever is left is closed

 private:
  void read_header();
  void on_header(beast::error_code ec);
  void read_body();
  void on_body(beast::error_code ec);
  void handle();
  void start_upload();
  void finish_upload(UploadResult result);
  void send_file(const std::filesystem::path& file);
  void send_error(ErrorCode code, std::string_view message, bool close = false);
  void send_read_error(beast::error_code ec);
  template <class Body>
  void send(http::response<Body>&& res, bool close = false);
  void on_write(bool close, unsigned status, std::size_t bytes, beast::error_code ec);
  void linger_then_close();

  beast::tcp_stream stream_;
  const beast::tcp_stream::executor_type strand_;  // stream_'s strand, usable after stream_ is handed over
  beast::flat_buffer buffer_;
  ServerContext& ctx_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<Request> request_;
  std::shared_ptr<void> writing_;  // the response being written
  std::string remote_;
  std::string method_;
  std::string path_;
  std::string allow_origin_;
  bool head_only_ = false;
  bool idle_ = false;         // waiting for the next request's header
  bool handed_over_ = false;  // stream_ now belongs to a StreamSession
  bool over_limit_ = false;   // opened beyond max_connections: its request gets 503
  std::uint64_t connection_id_ = 0;
  Route route_ = Route::Other;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace facecast::server
