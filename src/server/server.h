// The Facecast HTTP/WebSocket server (Boost.Beast): REST API, live /stream,
// web app and docs. See GET /openapi.json for the API.
#pragma once
#include <cstdio>
#include <memory>

#include "core/settings.h"

namespace facecast::server {

// Runs the server until SIGINT or SIGTERM, then shuts down gracefully: stops
// accepting, /health answers 503 "draining", requests in flight finish and
// streams may end for up to settings.server.shutdown_grace_s, then streams left
// get a "shutting_down" error and a close, and the process ends with 0. A second
// signal stops at once. Errors at start (port in use, bad host) are reported and give 1.
int run(const Settings& settings);

// The server as an object, for tests and embedding: start() binds and returns
// at once (port 0 picks a free port); the destructor stops it.
class Server {
 public:
  // access_log: where the one-line-per-request log goes (null for none).
  explicit Server(const Settings& settings, std::FILE* access_log = stderr);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  void start();                       // throws Error(InvalidArgument) when it cannot listen
  unsigned short port() const;        // the bound port
  bool ready() const;                 // every worker has loaded its speech model
  void drain();                       // stops accepting; /health 503 "draining"; idle connections close
  void end_connections();             // the grace is over: streams get "shutting_down", the rest close
  std::size_t open_connections() const;  // HTTP and WebSocket connections still open
  void stop();                        // closes the listener, ends connections, joins threads
  void wait();                        // blocks until stop() (from another thread or a signal)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace facecast::server
