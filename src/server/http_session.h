// One HTTP connection: reads requests (header first, so limits, routes and
// `Expect: 100-continue` are answered before a large body is read), answers
// them, hands uploads to the worker pool and WebSocket upgrades to a stream
// session. Every read and write has a deadline, so stalled clients are cut off.
#pragma once
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/error.h"
#include "server/beast.h"
#include "server/context.h"
#include "server/metrics.h"
#include "server/upload.h"

namespace facecast::server {

class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, ServerContext& ctx);
  void run();

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
  Route route_ = Route::Other;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace facecast::server
