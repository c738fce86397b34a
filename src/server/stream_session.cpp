#include "server/stream_session.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "export/live_messages.h"
#include "server/access_log.h"
#include "server/event_log.h"
#include "server/http_errors.h"

namespace facecast::server {
namespace {
constexpr std::size_t kMaxMessageBytes = 4 * 1024 * 1024;
constexpr std::size_t kMaxOutboxBytes = 32 * 1024 * 1024;  // a client that stops reading is cut off
constexpr std::size_t kReservedFrames = 256;
constexpr std::size_t kMaxPendingAudioBytes = 8 * 1024 * 1024;  // audio held while the decoder loads
constexpr std::chrono::seconds kCloseGrace{3};  // for the peer to answer our close
// A binary message is analysed this many bytes at a time, each slice its own turn
// on the I/O thread: one 4 MiB message of 8 kHz audio (262 s) held a thread for
// seconds, and with one per thread /health and every other connection waited.
constexpr std::size_t kAudioSliceBytes = 32 * 1024;
constexpr double kStreamBurstS = 10;  // audio a stream may send at any speed before max_stream_speed holds
constexpr const char* kSettingsApplied = R"({"type":"settings","applied":true})";
}  // namespace

StreamSession::StreamSession(beast::tcp_stream&& stream, ServerContext& ctx)
    : ws_(std::move(stream)),
      strand_(ws_.get_executor()),
      ctx_(ctx),
      settings_(ctx.settings),
      pace_timer_(strand_),
      start_timer_(strand_),
      close_timer_(strand_) {
  ctx_.metrics.stream_opened();
  frames_.reserve(kReservedFrames);
  frames_text_.reserve(64 * 1024);
}

StreamSession::~StreamSession() {
  if (live_) ctx_.metrics.add_stream_audio(live_->audio_seconds());
  if (holds_place_) ctx_.metrics.stream_closed();
  ctx_.connections.remove(connection_id_);
}

void StreamSession::on_deadline() {
  net::post(strand_, [self = shared_from_this()] {
    self->end_with(shutting_down_message(), websocket::close_code::going_away);
  });
}

void StreamSession::run(Request upgrade, std::string remote) {
  connection_id_ = ctx_.connections.add(weak_from_this());
  beast::get_lowest_layer(ws_).expires_never();  // the websocket's own timeouts take over
  set_idle_timeout(true);
  ws_.read_message_max(kMaxMessageBytes);
  ws_.set_option(websocket::stream_base::decorator([this](websocket::response_type& res) {
    res.set(http::field::server, "facecast/" FACECAST_VERSION);
    handshake_status_ = res.result_int();
    // Beast answers a handshake it refuses (no key, wrong version...) with its own
    // plain-text reason; clients get our JSON error like everywhere else.
    if (res.result() == http::status::switching_protocols) return;
    res.set(http::field::content_type, "application/json");
    res.body() = error_body(ErrorCode::InvalidArgument, "WebSocket handshake refused: " + res.body());
    res.prepare_payload();
    // Counted, and the place freed, before the refusal is sent: a client that
    // read it and then /metrics did not always find it there (counted once the
    // write completed), and a refused stream showed as active and opened.
    ctx_.metrics.count_request(Route::Stream, handshake_status_);
    handshake_counted_ = true;
    mark_done();
  }));
  auto req = std::make_shared<Request>(std::move(upgrade));
  const auto started = std::chrono::steady_clock::now();
  ws_.async_accept(*req, [self = shared_from_this(), req, remote = std::move(remote), started](beast::error_code ec) {
    // Logged here, where the handshake's outcome is known: 101, or Beast's refusal.
    const unsigned status = ec && self->handshake_status_ == 101 ? 400 : self->handshake_status_;
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (!self->handshake_counted_) self->ctx_.metrics.count_request(Route::Stream, status);
    write_access_log(self->ctx_.access_log, {"GET", "/stream", status, ms, 0, remote});
    if (ec) return;
    self->ctx_.metrics.stream_accepted();
    self->await_start();
    self->read();
  });
}

// The keep-alive pings close a peer that stops answering, not one that
// answers and never starts (every browser answers pings): without this, such
// clients held max_streams places for good.
void StreamSession::await_start() {
  start_timer_.expires_after(ctx_.timeout);
  start_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
    if (ec || self->live_ || self->starting_ || self->done_) return;
    char message[96];
    std::snprintf(message, sizeof message, "no start message within %g s (request_timeout)",
                  self->ctx_.settings.server.request_timeout_s);
    self->fail(ErrorCode::InvalidArgument, message);
  });
}

void StreamSession::read() {
  set_idle_timeout(true);  // the read restarts Beast's timer (a ping at half, the cut at the end)
  ws_.async_read(buffer_, beast::bind_front_handler(&StreamSession::on_read, shared_from_this()));
}

void StreamSession::on_read(beast::error_code ec, std::size_t) {
  if (ec) {
    // Closed, timed out or broken: the session ends with its last handler. Its
    // timers would keep it (and its place among max_streams) until they fire:
    // request_timeout for a client that left before starting.
    mark_done();
    pace_timer_.cancel();
    start_timer_.cancel();
    return;
  }
  set_idle_timeout(false);  // until the next read(), after the analysis and any pace pause
  if (!done_) {
    const auto data = buffer_.data();
    if (ws_.got_text()) {
      on_control(std::string_view(static_cast<const char*>(data.data()), data.size()));
    } else {
      return feed_audio_message();  // reads again once the whole message is in
    }
  }
  buffer_.consume(buffer_.size());
  // Once the session is ending, async_close reads (and drops) what the peer
  // still sends until its close frame; a read of ours beside it and a frame
  // that broke the protocol left the two waiting on each other (Beast 1.74).
  if (!done_) read_when_due();
}

std::chrono::steady_clock::duration StreamSession::idle_timeout() const {
  return std::max<std::chrono::steady_clock::duration>(ctx_.timeout, std::chrono::seconds(10));
}

// Beast's idle timer runs on whether a read is pending or not, from the start
// of the last read, but only a read takes in the client's data and pongs: with
// none pending (a message being analysed, a max_stream_speed pause) it pinged,
// and idle_timeout after the read began closed the socket without an error
// message or a close frame, although the client was there. The analysis is
// bounded by the message size and the pause by idle_timeout / 2; the next read
// arms the timer afresh.
void StreamSession::set_idle_timeout(bool on) {
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = ctx_.timeout;  // also bounds the close handshake
  timeouts.idle_timeout = on ? idle_timeout() : websocket::stream_base::none();
  timeouts.keep_alive_pings = true;
  ws_.set_option(timeouts);
}

void StreamSession::read_when_due() {
  const double speed = ctx_.settings.server.max_stream_speed;
  if (live_ && speed > 0) {
    using seconds = std::chrono::duration<double>;
    const double elapsed = seconds(std::chrono::steady_clock::now() - live_since_).count();
    const double ahead_s = (live_->audio_seconds() - kStreamBurstS) / speed - elapsed;
    if (ahead_s > 0) {
      // A pause past the idle timeout would have Beast drop the connection; a
      // client sending minutes of audio in one message is let through sooner.
      const double pause_s = std::min(ahead_s, seconds(idle_timeout()).count() / 2);
      pace_timer_.expires_after(std::chrono::duration_cast<std::chrono::steady_clock::duration>(seconds(pause_s)));
      pace_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (!ec && !self->done_) self->read();
      });
      return;
    }
  }
  read();
}

void StreamSession::on_control(std::string_view text) {
  // What follows a stop is dropped, as it is once a live stream has stopped;
  // while the decoder loaded, settings after a stop were acknowledged and used.
  if (stop_pending_) return;
  ControlMessage message;
  try {
    message = parse_control(text, settings_);
  } catch (const Error& e) {
    return fail(e.code(), e.what());
  }
  switch (message.type) {
    case ControlType::Start:
      if (live_ || starting_) return fail(ErrorCode::InvalidArgument, "the stream has already started");
      return start(message);
    case ControlType::Settings:
      if (!live_ && !starting_) return fail(ErrorCode::InvalidArgument, "send start before settings");
      // Face controls and emotion apply to the frames still to come; the
      // speech analysis and fps are fixed for the stream.
      try {
        if (live_) live_->configure(message.settings.face);
      } catch (const Error& e) {
        return fail(e.code(), e.what());
      }
      settings_ = message.settings;  // a stream still starting picks them up when it is live
      if (starting_) {
        ++settings_acks_pending_;  // after ready, which the client expects first
        return;
      }
      return queue(kSettingsApplied);
    case ControlType::Stop:
      if (starting_) {
        stop_pending_ = true;
        return;
      }
      if (!live_) return fail(ErrorCode::InvalidArgument, "send start before stop");
      return stop();
  }
}

void StreamSession::start(const ControlMessage& message) {
  start_timer_.cancel();
  settings_ = message.settings;
  settings_.speech.mode = SpeechMode::Phonetic;
  starting_ = true;
  // A warm decoder comes from the shared pool at once, but when all are in use
  // loading one takes a while: do it on the setup thread, then carry on on
  // this session's strand. Audio that arrives meanwhile waits in pending_.
  net::post(*ctx_.stream_setup, [self = shared_from_this(), settings = settings_, format = message.format] {
    std::unique_ptr<LiveSession> live;
    ErrorCode code = ErrorCode::Internal;
    std::string error;
    try {
      live = std::make_unique<LiveSession>(settings, format, self->ctx_.pool.shared_models());
    } catch (const Error& e) {
      code = e.code();
      error = e.what();
    } catch (const std::exception& e) {
      log_event(LogLevel::Error, std::string("stream start failed: ") + e.what());
    }
    net::post(self->ws_.get_executor(), [self, live = std::move(live), code, error, format]() mutable {
      self->starting_ = false;
      if (self->done_) return;  // ended (shutdown) while the decoder loaded
      if (!live) return self->fail(code, error);
      self->live_ = std::move(live);
      self->live_since_ = std::chrono::steady_clock::now();
      try {
        self->live_->configure(self->settings_.face);  // settings sent while the decoder loaded
      } catch (const Error& e) {
        return self->fail(e.code(), e.what());
      }
      self->queue(exporter::ready_message(self->live_->fps(), format));
      for (; self->settings_acks_pending_ > 0; --self->settings_acks_pending_) self->queue(kSettingsApplied);
      if (!self->pending_audio_.empty()) {
        self->live_->push(std::span(reinterpret_cast<const std::byte*>(self->pending_audio_.data()), self->pending_audio_.size()));
        self->pending_audio_.clear();
        self->send_frames();
      }
      if (self->stop_pending_) self->stop();
    });
  });
}

// No read is pending while the message is fed, so it is taken from the read
// buffer itself, slice by slice.
void StreamSession::feed_audio_message() {
  const auto data = buffer_.data();
  const std::size_t take = std::min(kAudioSliceBytes, data.size());
  on_audio(std::span(static_cast<const std::byte*>(data.data()), take));
  buffer_.consume(done_ ? buffer_.size() : take);
  if (done_) return;
  if (buffer_.size() > 0) {
    net::post(ws_.get_executor(), [self = shared_from_this()] {
      if (!self->done_) self->feed_audio_message();
    });
    return;
  }
  read_when_due();
}

void StreamSession::on_audio(std::span<const std::byte> chunk) {
  if (stop_pending_) return;  // as in on_control
  if (starting_) {
    if (pending_audio_.size() + chunk.size() > kMaxPendingAudioBytes)
      return fail(ErrorCode::Busy, "audio arrived faster than the stream could start");
    pending_audio_.append(reinterpret_cast<const char*>(chunk.data()), chunk.size());
    return;
  }
  if (!live_) return fail(ErrorCode::InvalidArgument, "send a start message before audio");
  live_->push(chunk);
  send_frames();
}

void StreamSession::stop() {
  if (done_) return;
  live_->finish();
  send_frames();
  if (done_) return;  // send_frames failed the stream
  mark_done();
  const auto& flaws = live_->input_flaws();
  queue(exporter::end_message(live_->frames_pulled(), flaws.non_finite_samples, flaws.partial_frame_bytes));
  close_after_outbox();
}

void StreamSession::send_frames() {
  const std::size_t start = live_->frames_pulled();
  frames_.clear();
  live_->pull(frames_);
  if (live_->failed()) {
    const bool clients_fault = live_->error_code() != ErrorCode::Internal;  // a WebM stream that cannot be read
    log_event(clients_fault ? LogLevel::Info : LogLevel::Error, "live stream failed: " + live_->error());
    return fail(live_->error_code(), live_->error());
  }
  if (frames_.empty()) return;
  exporter::write_frames_message(frames_text_, start, live_->fps(), frames_);
  queue(frames_text_);
}

void StreamSession::queue(std::string message) {
  outbox_bytes_ += message.size();
  outbox_.push_back(std::move(message));
  if (outbox_bytes_ > kMaxOutboxBytes && !done_) {
    // The client is not reading what we send: give up on it. Closing the socket
    // ends the pending read and write with errors, which ends the session.
    mark_done();
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().close(ignored);
    return;
  }
  write_next();
}

void StreamSession::write_next() {
  if (writing_) return;
  if (outbox_.empty()) {
    if (closing_) {
      closing_ = false;
      ws_.async_close(close_code_, [self = shared_from_this()](beast::error_code) {});
      // A frame that breaks the protocol while the close is under way left the
      // pending read and the close waiting on each other (Beast 1.74): the
      // session, and its place among max_streams, stayed for good. The socket
      // goes after kCloseGrace whatever the peer does.
      auto timer = std::make_shared<net::steady_timer>(strand_, kCloseGrace);
      timer->async_wait([weak = weak_from_this(), timer](beast::error_code) {
        if (auto self = weak.lock()) {
          beast::error_code ignored;
          beast::get_lowest_layer(self->ws_).socket().close(ignored);
        }
      });
    }
    return;
  }
  writing_ = true;
  ws_.text(true);
  ws_.async_write(net::buffer(outbox_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
    self->writing_ = false;
    self->outbox_bytes_ -= self->outbox_.front().size();
    self->outbox_.pop_front();
    if (ec) return;  // the connection is gone; the session ends with its last handler
    self->write_next();
  });
}

void StreamSession::fail(ErrorCode code, std::string_view message) {
  end_with(error_message(code, message),
           code == ErrorCode::Internal ? websocket::close_code::internal_error : websocket::close_code::policy_error);
}

// The place among max_streams is free once the stream is over: a client told
// so may open the next at once. (Freed at destruction, after the close
// handshake, a client that had not yet read the close frame was refused, 503,
// for up to kCloseGrace.)
void StreamSession::mark_done() {
  done_ = true;
  if (!holds_place_) return;
  holds_place_ = false;
  ctx_.metrics.stream_closed();
}

void StreamSession::end_with(std::string message, websocket::close_code code) {
  if (done_) return;
  mark_done();
  pace_timer_.cancel();
  start_timer_.cancel();
  queue(std::move(message));
  close_code_ = code;
  close_after_outbox();
}

// No read is pending any more, so Beast's idle timer (off while none is, see
// set_idle_timeout) no longer ends a write to a client that stopped reading:
// the client gets idle_timeout to take the rest, then the close grace.
void StreamSession::close_after_outbox() {
  closing_ = true;
  close_timer_.expires_after(idle_timeout() + kCloseGrace);
  close_timer_.async_wait([weak = weak_from_this()](beast::error_code ec) {
    if (ec) return;  // the session went first
    if (auto self = weak.lock()) {
      beast::error_code ignored;
      beast::get_lowest_layer(self->ws_).socket().close(ignored);
    }
  });
  write_next();
}

}  // namespace facecast::server
