// One live WebSocket /stream: start -> binary audio -> stop, answered with
// frames messages as soon as frames are final, then end. The stream's pipeline
// (LiveSession) runs on this connection's strand, so streams never share state.
// A draining server lets streams run until the shutdown grace is over, then
// ends them with a "shutting_down" error and a going-away close.
#pragma once
#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "core/animation.h"
#include "core/error.h"
#include "engine/live_session.h"
#include "server/beast.h"
#include "server/connections.h"
#include "server/context.h"
#include "server/stream_protocol.h"

namespace facecast::server {

class StreamSession : public Connection, public std::enable_shared_from_this<StreamSession> {
 public:
  StreamSession(beast::tcp_stream&& stream, ServerContext& ctx);
  ~StreamSession() override;
  void run(Request upgrade, std::string remote);  // remote: for the access log
  void on_drain() override {}  // a live stream may still end by itself within the grace
  void on_deadline() override;

 private:
  void await_start();
  void read();
  void read_when_due();  // read(), after a pause when the client is too far ahead of real time
  std::chrono::steady_clock::duration idle_timeout() const;
  void set_idle_timeout(bool on);  // Beast's idle timeout, on only while a read is pending
  void on_read(beast::error_code ec, std::size_t bytes);
  void on_control(std::string_view text);
  void on_audio(std::span<const std::byte> chunk);
  void feed_audio_message();  // on_audio() one slice at a time, yielding the I/O thread between slices
  void start(const ControlMessage& message);
  void stop();
  void send_frames();
  void queue(std::string message);
  void write_next();
  void fail(ErrorCode code, std::string_view message);
  void mark_done();  // no more input; frees the place among max_streams
  void end_with(std::string message, websocket::close_code code);
  void close_after_outbox();  // sends what is queued, then closes; bounded in time

  websocket::stream<beast::tcp_stream> ws_;
  const beast::tcp_stream::executor_type strand_;
  std::uint64_t connection_id_ = 0;
  beast::flat_buffer buffer_;
  ServerContext& ctx_;
  std::unique_ptr<LiveSession> live_;
  Settings settings_;
  std::vector<FaceFrame> frames_;  // reused between pulls
  std::string frames_text_;        // reused message text
  std::deque<std::string> outbox_;
  std::size_t outbox_bytes_ = 0;
  bool writing_ = false;
  bool closing_ = false;  // close once the outbox is sent
  bool done_ = false;     // stop or error seen: further input is ignored
  bool holds_place_ = true;  // counted among max_streams (until done_ or destruction)
  bool starting_ = false;      // the decoder is loading on the setup thread
  bool stop_pending_ = false;  // stop arrived while starting
  std::string pending_audio_;  // audio that arrived while starting
  std::chrono::steady_clock::time_point live_since_;
  net::steady_timer pace_timer_;
  net::steady_timer start_timer_;     // a client that never sends start must not hold a stream
  net::steady_timer close_timer_;     // a client that stops reading must not hold a finished stream
  int settings_acks_pending_ = 0;     // settings sent while starting: acknowledged after ready
  websocket::close_code close_code_ = websocket::close_code::normal;
  unsigned handshake_status_ = 101;  // what the handshake's answer says (the decorator sees it)
  bool handshake_counted_ = false;   // a refusal is counted as it is made
};

}  // namespace facecast::server
