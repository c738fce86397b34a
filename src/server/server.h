// The Facecast HTTP/WebSocket server (Boost.Beast): REST API, live /stream,
// web app and docs. See GET /openapi.json for the API.
#pragma once
#include <cstdio>
#include <memory>

#include "core/settings.h"

namespace facecast::server {

// Runs the server until SIGINT or SIGTERM; returns the process exit code.
// Prints where it listens; errors (port in use, bad host) are reported and give 1.
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
  void stop();                        // closes the listener, ends connections, joins threads
  void wait();                        // blocks until stop() (from another thread or a signal)

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace facecast::server
