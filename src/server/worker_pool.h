// Offline jobs (uploads) run on a fixed pool of threads, each owning its own
// Engine (warm speech decoders), so no lock is held while audio is processed
// (the word recognisers are borrowed from a shared pool per utterance:
// speech/decoder_pool.h).
// The only shared state is the bounded job queue: when it is full, try_submit
// refuses at once and the caller answers 503.
#pragma once
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/settings.h"

namespace facecast {
class Engine;
namespace speech {
class SharedModels;
}
}  // namespace facecast

namespace facecast::server {

class WorkerPool {
 public:
  // engine is null when the worker's model failed to load (the job must answer that).
  using Job = std::function<void(Engine* engine)>;

  // Starts `workers` threads (0 = one per core); each loads its Engine in the background.
  WorkerPool(const Settings& settings, int workers, int queue_limit);
  ~WorkerPool();  // stop()
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False when queue_limit jobs already wait (or the pool is stopping).
  bool try_submit(Job job);
  // Finishes running jobs, drops waiting ones, joins the threads.
  void stop();

  std::size_t queue_depth() const;
  bool full() const;  // try_submit would refuse now
  int size() const { return static_cast<int>(threads_.size()); }
  bool ready() const { return loaded_.load() == size(); }  // every engine loaded
  std::string load_error() const;                           // empty when all loaded fine
  int recognizers_loaded() const;                           // word recognisers in memory
  int live_decoders_loaded() const;                         // live-stream decoders in memory
  // The models every worker and live stream share (decoder pools, dictionary).
  const std::shared_ptr<speech::SharedModels>& shared_models() const { return shared_; }

 private:
  void work(const Settings& settings, bool warm_live_decoders);

  std::size_t queue_limit_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
  std::size_t idle_ = 0;  // workers waiting for a job: each may take one beyond the queue
  std::atomic<int> loaded_{0};
  std::string load_error_;
  std::shared_ptr<speech::SharedModels> shared_;
  std::vector<std::thread> threads_;
};

}  // namespace facecast::server
