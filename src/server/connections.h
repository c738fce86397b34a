// Every open connection of a server (HTTP or WebSocket), so a draining server
// can tell each one to wind down and know when the last one has gone. Touched
// once when a connection opens and once when it closes, never per request.
#pragma once
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

namespace facecast::server {

// A connection that can be told about a shutdown. Both calls come from the
// signal-handling thread: implementations post to their own strand and return.
class Connection {
 public:
  virtual ~Connection() = default;
  // The server stopped accepting: finish what is in flight, then close.
  virtual void on_drain() = 0;
  // The shutdown grace is over: end now (streams say why before closing).
  virtual void on_deadline() = 0;
};

class Connections {
 public:
  // Registers an open connection; the id is passed back to remove() when it closes.
  // A connection added after drain() started is told at once.
  std::uint64_t add(std::weak_ptr<Connection> connection);
  void remove(std::uint64_t id);

  void drain();     // draining() from now on; every connection's on_drain()
  void deadline();  // every connection's on_deadline()
  bool draining() const { return draining_.load(std::memory_order_relaxed); }
  std::size_t count() const;

 private:
  template <class Call>
  void for_each(Call call);

  mutable std::mutex mutex_;
  std::map<std::uint64_t, std::weak_ptr<Connection>> open_;
  std::uint64_t next_id_ = 0;
  std::atomic<bool> draining_{false};
};

}  // namespace facecast::server
