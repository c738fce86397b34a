#include "speech/recognizer_pool.h"

#include <malloc.h>

#include "speech/sphinx_decoder.h"

namespace facecast::speech {

RecognizerPool::Lease::Lease(RecognizerPool& pool, std::unique_ptr<SphinxDecoder> decoder)
    : pool_(&pool), decoder_(std::move(decoder)) {}

RecognizerPool::Lease::~Lease() {
  if (decoder_) pool_->give_back(std::move(decoder_));
}

RecognizerPool::RecognizerPool(const SpeechSettings& settings, int max_decoders, double idle_seconds)
    : settings_(settings),
      max_decoders_(std::max(1, max_decoders)),
      idle_after_(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(idle_seconds))) {
  if (max_decoders_ > 1 && idle_seconds > 0) janitor_ = std::thread([this] { free_idle_decoders(); });
}

RecognizerPool::~RecognizerPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_janitor_.notify_all();
  if (janitor_.joinable()) janitor_.join();
}

RecognizerPool::Lease RecognizerPool::acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!free_.empty()) {
      // The most recently used: the oldest ones age out.
      auto decoder = std::move(free_.back().decoder);
      free_.pop_back();
      return Lease(*this, std::move(decoder));
    }
    if (loaded_ < max_decoders_) break;
    returned_.wait(lock);
  }
  ++loaded_;
  lock.unlock();
  try {
    return Lease(*this, std::make_unique<SphinxDecoder>(settings_, SearchKind::Recognize));
  } catch (...) {
    lock.lock();
    --loaded_;
    returned_.notify_one();
    throw;
  }
}

void RecognizerPool::preload() {
  {
    std::lock_guard lock(mutex_);
    if (loaded_ > 0) return;
  }
  acquire();  // the lease ends at once: the decoder waits in the pool
}

int RecognizerPool::loaded() const {
  std::lock_guard lock(mutex_);
  return loaded_;
}

void RecognizerPool::give_back(std::unique_ptr<SphinxDecoder> decoder) {
  {
    std::lock_guard lock(mutex_);
    free_.push_back({std::move(decoder), Clock::now()});
  }
  returned_.notify_one();
  wake_janitor_.notify_one();
}

void RecognizerPool::free_idle_decoders() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    // Sleep until the oldest free decoder (beyond the one kept) would expire.
    if (loaded_ > 1 && !free_.empty())
      wake_janitor_.wait_until(lock, free_.front().since + idle_after_);
    else
      wake_janitor_.wait(lock);
    std::vector<std::unique_ptr<SphinxDecoder>> expired;
    const auto now = Clock::now();
    while (loaded_ > 1 && !free_.empty() && now - free_.front().since >= idle_after_) {
      expired.push_back(std::move(free_.front().decoder));
      free_.erase(free_.begin());
      --loaded_;
    }
    if (expired.empty()) continue;
    lock.unlock();
    expired.clear();
    // The decoder's ~90 MB are many small blocks; without a trim the heap
    // keeps them and the process's memory never goes down.
    malloc_trim(0);
    lock.lock();
  }
}

}  // namespace facecast::speech
