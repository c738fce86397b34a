// Real HTTP and WebSocket clients (Boost.Beast) and a shared test server.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/settings.h"
#include "server/server.h"

namespace facecast::testing {

struct Reply {
  unsigned status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

using Headers = std::vector<std::pair<std::string, std::string>>;

Reply http_request(unsigned short port, const std::string& method, const std::string& target,
                   const std::string& body = "", const Headers& headers = {});

// Sends raw bytes and returns everything the server sends back until it closes
// (or timeout_s passes), plus how long that took.
struct RawExchange {
  std::string received;
  double seconds = 0;
};
RawExchange raw_exchange(unsigned short port, const std::string& bytes, double timeout_s, bool half_close = false);

// A TCP connection that sends nothing: it holds one of the server's connections
// until destroyed.
class SilentConnection {
 public:
  explicit SilentConnection(unsigned short port);
  ~SilentConnection();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct FormField {
  std::string name;
  std::string data;
  std::string filename = {};  // non-empty: a file part
  std::string content_type = {};
};
constexpr const char* kBoundary = "----facecastTestBoundary7MA4YWxkTrZu0gW";
std::string multipart_body(const std::vector<FormField>& fields);
Headers multipart_headers();

std::string read_binary(const std::string& path);

// One server for the whole test program: port 0 (free port), two workers,
// a small upload limit, a temporary web root with an index.html.
struct SharedServer {
  Settings settings;
  std::unique_ptr<server::Server> server;
  unsigned short port = 0;
};
SharedServer& shared_server();
// Starts a server with these settings (port forced to 0) and waits until its model is loaded.
std::unique_ptr<server::Server> start_server(Settings settings);

}  // namespace facecast::testing
