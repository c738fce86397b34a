#include "server/worker_pool.h"

#include <memory>

#include "engine/engine.h"
#include "server/event_log.h"
#include "speech/shared_models.h"

namespace facecast::server {

WorkerPool::WorkerPool(const Settings& settings, int workers, int queue_limit)
    : queue_limit_(static_cast<std::size_t>(queue_limit)) {
  if (workers <= 0) workers = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  shared_ = make_shared_models(settings, workers);
  threads_.reserve(workers);
  for (int i = 0; i < workers; ++i) threads_.emplace_back([this, settings, i] { work(settings, i == 0); });
}

WorkerPool::~WorkerPool() { stop(); }

bool WorkerPool::try_submit(Job job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || jobs_.size() >= queue_limit_ + idle_) return false;
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

void WorkerPool::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  wake_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

std::size_t WorkerPool::queue_depth() const {
  std::lock_guard lock(mutex_);
  return jobs_.size();
}

bool WorkerPool::full() const {
  std::lock_guard lock(mutex_);
  return jobs_.size() >= queue_limit_ + idle_;
}

std::string WorkerPool::load_error() const {
  std::lock_guard lock(mutex_);
  return load_error_;
}

int WorkerPool::recognizers_loaded() const { return shared_->recognizers().loaded(); }

int WorkerPool::live_decoders_loaded() const { return shared_->live_decoders().loaded(); }

void WorkerPool::work(const Settings& settings, bool warm_live_decoders) {
  std::unique_ptr<Engine> engine;
  try {
    engine = std::make_unique<Engine>(settings, shared_);
    engine->preload_all();  // warm before /health reports the model loaded
    if (warm_live_decoders) shared_->live_decoders().preload();  // a first stream starts at once
  } catch (const std::exception& e) {
    log_event(LogLevel::Error, std::string("worker could not load the speech model: ") + e.what());
    std::lock_guard lock(mutex_);
    load_error_ = e.what();
  }
  if (engine) loaded_.fetch_add(1);

  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      ++idle_;
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      --idle_;
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job(engine.get());  // jobs catch their own errors
  }
}

}  // namespace facecast::server
