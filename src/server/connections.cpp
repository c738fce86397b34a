#include "server/connections.h"

#include <vector>

namespace facecast::server {

std::uint64_t Connections::add(std::weak_ptr<Connection> connection) {
  std::uint64_t id;
  {
    std::lock_guard lock(mutex_);
    id = next_id_++;
    open_.emplace(id, connection);
  }
  if (draining())
    if (auto alive = connection.lock()) alive->on_drain();
  return id;
}

void Connections::remove(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  open_.erase(id);
}

std::size_t Connections::count() const {
  std::lock_guard lock(mutex_);
  return open_.size();
}

// Calls outside the lock: dropping the last reference to a connection runs its
// destructor, which calls remove() and takes the lock again.
template <class Call>
void Connections::for_each(Call call) {
  std::vector<std::shared_ptr<Connection>> alive;
  {
    std::lock_guard lock(mutex_);
    alive.reserve(open_.size());
    for (auto& [id, weak] : open_)
      if (auto connection = weak.lock()) alive.push_back(std::move(connection));
  }
  for (auto& connection : alive) call(*connection);
}

void Connections::drain() {
  draining_.store(true);
  for_each([](Connection& c) { c.on_drain(); });
}

void Connections::deadline() {
  for_each([](Connection& c) { c.on_deadline(); });
}

}  // namespace facecast::server
