// Short names for the Boost.Asio/Beast types the server uses everywhere.
#pragma once
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace facecast::server {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = boost::asio::ip::tcp;

using Request = http::request<http::string_body>;
using StringResponse = http::response<http::string_body>;

// Header values are boost::string_view in Beast 1.74.
inline std::string_view sv(boost::string_view s) { return {s.data(), s.size()}; }
inline boost::string_view bsv(std::string_view s) { return {s.data(), s.size()}; }

}  // namespace facecast::server
