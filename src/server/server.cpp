#include "server/server.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include <sys/resource.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <fmt/format.h>

#include "core/error.h"
#include "server/event_log.h"
#include "server/beast.h"
#include "server/context.h"
#include "server/http_session.h"
#include "server/openapi.h"

namespace facecast::server {
namespace {

// Runs the I/O loop until it stops. A handler that throws (Beast's parser
// throws std::length_error for a chunked trailer field over 64 KiB, which no
// limit of ours catches first) ends only its own connection: its session is
// released with the handler, and the loop goes on serving the others.
void run_io(net::io_context& ioc) {
  for (;;) {
    try {
      ioc.run();
      return;
    } catch (const std::exception& e) {
      log_event(LogLevel::Error, fmt::format("a connection failed and was closed: {}", e.what()));
    } catch (...) {
      log_event(LogLevel::Error, "a connection failed and was closed");
    }
  }
}

// Each connection is a descriptor; the files, pipes and models the workers open
// need some more. The soft limit (often 1024) is raised toward the hard one so
// that max_connections is reached before the process runs out of descriptors.
void fit_descriptor_limit(int max_connections) {
  constexpr rlim_t kSpareDescriptors = 64;
  const rlim_t wanted = static_cast<rlim_t>(max_connections) + kSpareDescriptors;
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= wanted) return;
  limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? wanted : std::min(wanted, limit.rlim_max);
  setrlimit(RLIMIT_NOFILE, &limit);
  if (limit.rlim_cur < wanted)
    log_event(LogLevel::Warning, fmt::format("max_connections {} needs {} file descriptors, the limit is {} (ulimit -n); "
                                             "connections beyond it wait until others close",
                                             max_connections, wanted, limit.rlim_cur));
}

}  // namespace

struct Server::Impl {
  Impl(const Settings& settings, std::FILE* log) : ctx(settings, log), acceptor(accept_strand) {
    ctx.openapi = openapi_json();
    ctx.stream_setup = &stream_setup;
  }

  void accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (ec == net::error::operation_aborted || !acceptor.is_open()) return;
      if (!ec) {
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);  // small stream messages must not wait
        std::make_shared<HttpSession>(std::move(socket), ctx)->run();
      } else if (ec == net::error::no_descriptors || ec == net::error::no_buffer_space || ec == net::error::no_memory) {
        // Out of descriptors: accepting again at once failed again at once
        // (~34,000 times a second on both I/O threads). Wait for connections to close.
        return accept_later(ec);
      }
      accept();
    });
  }

  void accept_later(beast::error_code ec) {
    if (!accept_pause_reported.exchange(true))
      log_event(LogLevel::Warning,
                fmt::format("cannot accept connections ({}); retrying every {} ms", ec.message(), kAcceptRetry.count()));
    accept_retry.expires_after(kAcceptRetry);
    accept_retry.async_wait([this](beast::error_code wait_ec) {
      if (wait_ec || !acceptor.is_open()) return;
      accept();
    });
  }

  // Destroyed bottom-up: the acceptor, then the io_context with any sessions
  // left in it (they use ctx), then ctx (its worker pool is stopped first).
  ServerContext ctx;
  net::io_context ioc;
  // Keeps the I/O threads running while a draining server has no pending I/O
  // (an upload waiting for its worker holds no socket operation).
  net::executor_work_guard<net::io_context::executor_type> keep_running = net::make_work_guard(ioc);
  net::thread_pool stream_setup{1};  // before ioc in destruction: its jobs hold sessions
  // The acceptor and its retry timer are touched from one strand only.
  net::strand<net::io_context::executor_type> accept_strand = net::make_strand(ioc);
  tcp::acceptor acceptor;
  static constexpr std::chrono::milliseconds kAcceptRetry{100};
  net::steady_timer accept_retry{accept_strand};
  std::atomic<bool> accept_pause_reported{false};  // said once per server, not per retry
  std::vector<std::thread> threads;
  std::mutex mutex;
  std::condition_variable stopped_cv;
  bool stopping = false;
  bool stopped = false;
};

Server::Server(const Settings& settings, std::FILE* access_log)
    : impl_(std::make_unique<Impl>(settings, access_log)) {}

Server::~Server() { stop(); }

void Server::start() {
  const auto& s = impl_->ctx.settings.server;
  beast::error_code ec;
  const auto address = net::ip::make_address(s.host, ec);
  tcp::endpoint endpoint;
  if (ec) {  // a host name: resolve it
    tcp::resolver resolver(impl_->ioc);
    auto results = resolver.resolve(s.host, std::to_string(s.port), ec);
    if (ec || results.empty())
      throw Error(ErrorCode::InvalidArgument, fmt::format("cannot resolve host '{}': {}", s.host, ec.message()));
    endpoint = results.begin()->endpoint();
  } else {
    endpoint = tcp::endpoint(address, static_cast<unsigned short>(s.port));
  }
  fit_descriptor_limit(s.max_connections);
  auto& acceptor = impl_->acceptor;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    throw Error(ErrorCode::InvalidArgument,
                fmt::format("cannot listen on {}:{}: {}", s.host, s.port, ec.message()));
  impl_->accept();
  // I/O threads: one per core (the workers do the heavy offline jobs).
  const unsigned io_threads = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < io_threads; ++i) impl_->threads.emplace_back([this] { run_io(impl_->ioc); });
}

unsigned short Server::port() const {
  beast::error_code ec;
  auto endpoint = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

bool Server::ready() const { return impl_->ctx.pool.ready(); }

void Server::drain() {
  net::post(impl_->accept_strand, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);  // new connections are refused from here on
    impl_->accept_retry.cancel();
  });
  impl_->ctx.connections.drain();
}

void Server::end_connections() { impl_->ctx.connections.deadline(); }

std::size_t Server::open_connections() const { return impl_->ctx.connections.count(); }

void Server::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->stopping) return;
    impl_->stopping = true;
  }
  net::post(impl_->accept_strand, [this] {
    beast::error_code ignored;
    impl_->acceptor.close(ignored);
    impl_->accept_retry.cancel();
  });
  impl_->ctx.pool.stop();  // running jobs finish; their replies are dropped with the io_context
  impl_->stream_setup.join();
  impl_->ioc.stop();
  for (auto& t : impl_->threads)
    if (t.joinable()) t.join();
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopped = true;
  }
  impl_->stopped_cv.notify_all();
}

void Server::wait() {
  std::unique_lock lock(impl_->mutex);
  impl_->stopped_cv.wait(lock, [this] { return impl_->stopped; });
}

namespace {

using Clock = std::chrono::steady_clock;

// Waits until no connection is open, the deadline passes or another stop
// signal arrives; true when every connection closed.
bool wait_for_connections(const Server& server, const sigset_t& signals, Clock::time_point deadline, bool& signalled) {
  const timespec poll = {0, 50'000'000};  // 50 ms
  while (server.open_connections() > 0) {
    if (Clock::now() >= deadline) return false;
    if (sigtimedwait(&signals, nullptr, &poll) > 0) {
      signalled = true;
      return false;
    }
  }
  return true;
}
}  // namespace

int run(const Settings& settings) {
  // Block the stop signals in every thread; one waiter receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  try {
    Server server(settings);
    server.start();
    log_event(LogLevel::Info, fmt::format("listening on http://{}:{} (workers loading the speech model)",
                                          settings.server.host, server.port()));
    // Not an error: the API works without the web app (an installed binary
    // whose source folder is gone); but a mistyped --web-root went unnoticed.
    std::error_code web_ec;
    if (!std::filesystem::is_regular_file(std::filesystem::path(settings.server.web_root) / "index.html", web_ec))
      log_event(LogLevel::Warning,
                fmt::format("no index.html in web_root '{}': / serves the API's status only", settings.server.web_root));
    int received = 0;
    sigwait(&signals, &received);
    const double grace = settings.server.shutdown_grace_s;
    log_event(LogLevel::Info, fmt::format("{} received, draining (open connections: {}, grace {:.0f} s)",
                                          received == SIGINT ? "SIGINT" : "SIGTERM", server.open_connections(), grace));
    server.drain();
    bool signalled = false;
    const auto grace_end = Clock::now() + std::chrono::milliseconds(static_cast<long long>(grace * 1000));
    if (!wait_for_connections(server, signals, grace_end, signalled) && !signalled) {
      log_event(LogLevel::Info, fmt::format("grace over, ending {} connections", server.open_connections()));
      server.end_connections();
      // Streams get their error message and a close handshake; a peer that
      // does not answer is cut off by stop().
      wait_for_connections(server, signals, Clock::now() + std::chrono::seconds(2), signalled);
    }
    log_event(LogLevel::Info, fmt::format("stopping ({} connections left)", server.open_connections()));
    server.stop();
    return 0;
  } catch (const Error& e) {
    log_event(LogLevel::Error, e.what());
    return 1;
  }
}

}  // namespace facecast::server
