#include "server/http_session.h"

#include <algorithm>

#include <boost/algorithm/string/predicate.hpp>
#include <fmt/format.h>

#include "server/http_errors.h"
#include "server/access_log.h"
#include "server/openapi.h"
#include "server/routes.h"
#include "server/static_files.h"
#include "server/stream_session.h"
#include "server/url.h"

namespace facecast::server {
namespace {
constexpr std::size_t kReadBufferBytes = 64 * 1024;  // Beast's default 512-byte reads cut upload speed 4x
constexpr auto kLingerTime = std::chrono::seconds(2);
// A connection beyond max_connections waits this long at most for the request
// it is refused: a flood of idle connections must not hold descriptors for
// request_timeout.
constexpr std::chrono::steady_clock::duration kRefusalWait = std::chrono::seconds(2);
}  // namespace

HttpSession::HttpSession(tcp::socket&& socket, ServerContext& ctx)
    : stream_(std::move(socket)), strand_(stream_.get_executor()), ctx_(ctx) {
  buffer_.reserve(kReadBufferBytes);
  beast::error_code ec;
  auto endpoint = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_ = endpoint.address().to_string();
}

HttpSession::~HttpSession() { ctx_.connections.remove(connection_id_); }

void HttpSession::run() {
  connection_id_ = ctx_.connections.add(weak_from_this());
  over_limit_ = ctx_.connections.count() > static_cast<std::size_t>(ctx_.settings.server.max_connections);
  net::dispatch(stream_.get_executor(), beast::bind_front_handler(&HttpSession::read_header, shared_from_this()));
}

void HttpSession::on_drain() {
  net::post(strand_, [self = shared_from_this()] {
    if (self->idle_ && !self->handed_over_) self->stream_.close();  // the pending read ends the session
  });
}

void HttpSession::on_deadline() {
  net::post(strand_, [self = shared_from_this()] {
    if (!self->handed_over_) self->stream_.close();
  });
}

void HttpSession::read_header() {
  if (ctx_.connections.draining()) return stream_.close();  // no new requests while draining
  idle_ = true;
  parser_.emplace();
  parser_->body_limit(ctx_.max_upload_bytes);  // also checked against Content-Length with the header
  request_.reset();
  allow_origin_.clear();
  method_.clear();
  path_.clear();
  route_ = Route::Other;
  stream_.expires_after(over_limit_ ? std::min(ctx_.timeout, kRefusalWait) : ctx_.timeout);
  http::async_read_header(stream_, buffer_, *parser_,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

void HttpSession::send_read_error(beast::error_code ec) {
  if (ec == http::error::body_limit) {
    send_error(ErrorCode::PayloadTooLarge,
               fmt::format("request body larger than the limit of {} MB", ctx_.settings.server.max_upload_mb), true);
  } else if (ec == http::error::end_of_stream || ec == net::error::eof || ec == beast::error::timeout ||
             ec == net::error::connection_reset || ec == net::error::operation_aborted) {
    // The client left or stalled: nobody to answer.
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  } else if (ec == http::error::partial_message) {
    send_error(ErrorCode::InvalidArgument, "the request ended before its body was complete", true);
  } else {
    send_error(ErrorCode::InvalidArgument, "malformed HTTP request: " + ec.message(), true);
  }
}

void HttpSession::on_header(beast::error_code ec) {
  idle_ = false;
  started_ = std::chrono::steady_clock::now();
  const auto& req = parser_->get();
  // The request line is in by the time a too-large Content-Length is refused
  // (413): that reply is logged and counted with its route, not as "-".
  if (!req.target().empty()) {
    method_ = std::string(sv(req.method_string()));
    path_ = std::string(split_target(sv(req.target())).path);
    route_ = route_of(path_);
  }
  if (ec) return send_read_error(ec);
  // A Transfer-Encoding that does not end in chunked leaves the body's length
  // unknown (RFC 9112 6.3): Beast reads such a request as bodiless, and its
  // body bytes would then be read as the connection's next request.
  if (req.count(http::field::transfer_encoding) > 0 && !parser_->chunked())
    return send_error(ErrorCode::InvalidArgument,
                      "Transfer-Encoding must end in chunked (the only transfer coding this server reads)", true);
  allow_origin_ = ctx_.cors.allow_origin(sv(req[http::field::origin]));
  head_only_ = req.method() == http::verb::head;
  if (over_limit_)
    return send_error(ErrorCode::Busy,
                      fmt::format("the server has its {} connections open (max_connections); retry shortly",
                                  ctx_.settings.server.max_connections),
                      true);

  std::string_view allow;
  if (!method_allowed(route_, req.method(), allow)) {
    StringResponse res = error_response(ErrorCode::MethodNotAllowed,
                                        fmt::format("{} is not allowed on {}; use {}", method_, path_, allow),
                                        req.version(), req.keep_alive());
    res.set(http::field::allow, bsv(allow));
    return send(std::move(res), !parser_->is_done());
  }
  if (route_ == Route::ProcessAudio && !parser_->is_done() &&
      boost::iequals(req[http::field::expect], "100-continue")) {
    auto reply = std::make_shared<http::response<http::empty_body>>(http::status::continue_, req.version());
    stream_.expires_after(ctx_.timeout);
    http::async_write(stream_, *reply, [self = shared_from_this(), reply](beast::error_code ec, std::size_t) {
      if (ec) return self->stream_.close();
      self->read_body();
    });
    return;
  }
  read_body();
}

void HttpSession::read_body() {
  if (parser_->is_done()) return on_body({});
  stream_.expires_after(ctx_.timeout);
  http::async_read(stream_, buffer_, *parser_,
                   [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_body(ec); });
}

void HttpSession::on_body(beast::error_code ec) {
  if (ec) return send_read_error(ec);
  request_ = std::make_shared<Request>(parser_->release());
  handle();
}

void HttpSession::handle() {
  const Request& req = *request_;
  if (req.method() == http::verb::options) {  // CORS preflight
    http::response<http::empty_body> res{http::status::no_content, req.version()};
    std::string_view allow;
    method_allowed(route_, http::verb::get, allow);
    if (route_ == Route::ProcessAudio) method_allowed(route_, http::verb::post, allow);
    res.set(http::field::allow, bsv(allow));
    if (!allow_origin_.empty()) {
      res.set(http::field::access_control_allow_methods, bsv(allow));
      auto requested = req[http::field::access_control_request_headers];
      res.set(http::field::access_control_allow_headers, requested.empty() ? "Content-Type" : requested);
      res.set(http::field::access_control_max_age, "600");
    }
    res.keep_alive(req.keep_alive());
    return send(std::move(res));
  }
  if (route_ == Route::Stream) {
    if (!websocket::is_upgrade(req))
      return send_error(ErrorCode::InvalidArgument, "/stream is a WebSocket endpoint: send an Upgrade request");
    if (!ctx_.cors.allows_stream(sv(req[http::field::origin]), sv(req[http::field::host])))
      return send_error(ErrorCode::Forbidden, "a page from " + std::string(sv(req[http::field::origin])) +
                                                  " may not open live streams here (see cors_origins)");
    if (ctx_.metrics.active_streams() >= ctx_.settings.server.max_streams)
      return send_error(ErrorCode::Busy, "too many live streams; retry later");  // counted once, when written
    handed_over_ = true;  // the session logs the handshake's outcome
    std::make_shared<StreamSession>(std::move(stream_), ctx_)->run(std::move(*request_), remote_);
    return;
  }
  if (route_ == Route::ProcessAudio) return start_upload();
  if (route_ == Route::Root) {
    const bool wants_html = sv(req[http::field::accept]).find("text/html") != std::string_view::npos;
    if (wants_html) {
      if (auto index = resolve_static(ctx_.settings.server.web_root, "/")) return send_file(*index);
    }
  }
  if (route_ == Route::Docs) {
    if (path_ == "/docs" || path_ == "/docs/") {
      StringResponse res{http::status::ok, req.version()};
      res.set(http::field::content_type, "text/html; charset=utf-8");
      res.body() = docs_page();
      res.keep_alive(req.keep_alive());
      res.prepare_payload();
      return send(std::move(res));
    }
    if (auto file = resolve_static(ctx_.docs_root, path_.substr(5))) return send_file(*file);
    if (!std::filesystem::exists(ctx_.docs_root))
      return send_error(ErrorCode::NotFound, "swagger-ui-dist is not installed (run `make deps`); /openapi.json has the API");
    return send_error(ErrorCode::NotFound, "no such docs file: " + path_);
  }
  if (auto res = simple_response(ctx_, route_, req)) return send(std::move(*res));
  if (auto file = resolve_static(ctx_.settings.server.web_root, path_)) return send_file(*file);
  send_error(ErrorCode::NotFound, "no route or file for " + path_);
}

void HttpSession::start_upload() {
  std::shared_ptr<UploadJob> job;
  try {
    job = std::make_shared<UploadJob>(prepare_upload(request_, ctx_.settings));
  } catch (const Error& e) {
    return send_error(e.code(), e.what());
  }
  auto self = shared_from_this();
  const bool queued = ctx_.pool.try_submit([self, job](Engine* engine) {
    UploadResult result = run_upload(*job, engine);
    net::post(self->stream_.get_executor(),
              [self, result = std::move(result)]() mutable { self->finish_upload(std::move(result)); });
  });
  if (!queued) send_error(ErrorCode::Busy, "the server is busy; retry shortly");
}

void HttpSession::finish_upload(UploadResult result) {
  if (result.ok) ctx_.metrics.observe_processing(result.processing_s, result.audio_seconds);
  const Request& req = *request_;
  StringResponse res{result.ok ? http::status::ok : status_for(result.error), req.version()};
  res.set(http::field::content_type, result.content_type);
  if (!result.ok && result.error == ErrorCode::ModelUnavailable) res.set(http::field::retry_after, "1");
  res.body() = std::move(result.body);
  res.keep_alive(req.keep_alive());
  res.prepare_payload();
  send(std::move(res));
}

void HttpSession::send_file(const std::filesystem::path& file) {
  const Request& req = *request_;
  http::file_body::value_type body;
  beast::error_code ec;
  body.open(file.c_str(), beast::file_mode::scan, ec);
  if (ec) return send_error(ErrorCode::NotFound, "no such file: " + path_);
  http::response<http::file_body> res{std::piecewise_construct, std::make_tuple(std::move(body)),
                                      std::make_tuple(http::status::ok, req.version())};
  res.set(http::field::content_type, bsv(mime_type(file)));
  res.set(http::field::cache_control, "no-cache");
  res.keep_alive(req.keep_alive());
  res.prepare_payload();
  send(std::move(res));
}

void HttpSession::send_error(ErrorCode code, std::string_view message, bool close) {
  unsigned version = request_ ? request_->version() : parser_ ? parser_->get().version() : 11;
  bool keep_alive = !close && (request_ ? request_->keep_alive() : false);
  send(error_response(code, message, version, keep_alive), close);
}

template <class Body>
void HttpSession::send(http::response<Body>&& res, bool close) {
  if (!allow_origin_.empty()) {
    res.set(http::field::access_control_allow_origin, allow_origin_);
    if (allow_origin_ != "*") res.set(http::field::vary, "Origin");
  }
  res.set(http::field::server, "facecast/" FACECAST_VERSION);
  if (close || ctx_.connections.draining()) res.keep_alive(false);  // draining: this is the last answer
  const unsigned status = res.result_int();
  const std::size_t bytes = res.payload_size().value_or(0);
  const bool close_after = !res.keep_alive();
  stream_.expires_after(ctx_.timeout);
  auto self = shared_from_this();
  auto done = [self, close_after, status, bytes](beast::error_code ec, std::size_t) {
    self->on_write(close_after, status, bytes, ec);
  };
  if (head_only_) {  // same header, no body
    auto header = std::make_shared<http::response<http::empty_body>>(res.base());
    header->content_length(bytes);
    writing_ = header;
    http::async_write(stream_, *header, std::move(done));
    return;
  }
  auto held = std::make_shared<http::response<Body>>(std::move(res));
  writing_ = held;
  http::async_write(stream_, *held, std::move(done));
}

void HttpSession::on_write(bool close, unsigned status, std::size_t bytes, beast::error_code ec) {
  writing_.reset();
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
  ctx_.metrics.count_request(route_, status);
  write_access_log(ctx_.access_log, {method_.empty() ? "-" : method_, path_.empty() ? "-" : path_, status, ms, bytes, remote_});
  if (ec) return stream_.close();
  if (close) return linger_then_close();
  read_header();
}

// Half-close, then read and drop what the client still sends (an unread upload)
// until it closes or a short time passes, so it sees our answer, not a reset.
void HttpSession::linger_then_close() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.expires_after(kLingerTime);
  auto drain = std::make_shared<std::array<char, 16 * 1024>>();
  auto self = shared_from_this();
  struct Reader {
    std::shared_ptr<HttpSession> self;
    std::shared_ptr<std::array<char, 16 * 1024>> scratch;
    void operator()(beast::error_code ec = {}, std::size_t = 0) {
      if (ec) return self->stream_.close();
      self->stream_.async_read_some(net::buffer(*scratch), std::move(*this));
    }
  };
  Reader{self, drain}();
}

}  // namespace facecast::server
