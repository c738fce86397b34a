// CORS for browser clients: which origins may read the API's answers.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace facecast::server {

class CorsPolicy {
 public:
  // origins: "*" for any, "" for none, else a comma-separated list.
  explicit CorsPolicy(std::string_view origins);
  // The Access-Control-Allow-Origin value for a request's Origin, or empty (not allowed).
  std::string allow_origin(std::string_view origin) const;
  // A WebSocket handshake may go on: no Origin (not a browser), the server's own
  // pages (Origin's host:port is the Host header), or an allowed origin. CORS does
  // not cover WebSockets, so without this any web page could open live streams.
  bool allows_stream(std::string_view origin, std::string_view host) const;

 private:
  bool any_ = false;
  std::vector<std::string> origins_;
};

}  // namespace facecast::server
