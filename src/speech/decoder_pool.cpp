#include "speech/decoder_pool.h"

#include <malloc.h>

namespace facecast::speech {

DecoderPool::Lease::Lease(DecoderPool* pool, std::unique_ptr<SphinxDecoder> decoder)
    : pool_(pool), decoder_(std::move(decoder)) {}

DecoderPool::Lease::~Lease() {
  if (decoder_ && pool_) pool_->give_back(std::move(decoder_));
}

void DecoderPool::Lease::discard() noexcept {
  if (!decoder_) return;
  decoder_.reset();
  if (pool_) pool_->forget_one();
}

DecoderPool::DecoderPool(const SpeechSettings& settings, SearchKind kind, DecoderPoolLimits limits)
    : settings_(settings),
      kind_(kind),
      limits_{limits.max_decoders, limits.max_decoders > 0 ? std::min(limits.keep_loaded, limits.max_decoders)
                                                           : limits.keep_loaded,
              limits.idle_seconds},
      idle_after_(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(limits.idle_seconds))) {}

DecoderPool::~DecoderPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_janitor_.notify_all();
  if (janitor_.joinable()) janitor_.join();
}

DecoderPool::Lease DecoderPool::acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!free_.empty()) {
      // The most recently used: the oldest ones age out.
      auto decoder = std::move(free_.back().decoder);
      free_.pop_back();
      return Lease(this, std::move(decoder));
    }
    if (limits_.max_decoders == 0 || loaded_ < limits_.max_decoders) break;
    returned_.wait(lock);
  }
  // The janitor starts with the first decoder beyond those kept: most pools
  // (a CLI run, a test) never need it.
  if (loaded_ >= limits_.keep_loaded && limits_.idle_seconds > 0 && !janitor_.joinable())
    janitor_ = std::thread([this] { free_idle_decoders(); });
  ++loaded_;
  lock.unlock();
  try {
    return Lease(this, std::make_unique<SphinxDecoder>(settings_, kind_));
  } catch (...) {
    lock.lock();
    --loaded_;
    returned_.notify_one();
    throw;
  }
}

void DecoderPool::preload() {
  std::vector<Lease> leases;  // held together so each acquire loads a new one
  for (;;) {
    {
      std::lock_guard lock(mutex_);
      if (loaded_ >= limits_.keep_loaded) return;
    }
    leases.push_back(acquire());
  }
}

int DecoderPool::loaded() const {
  std::lock_guard lock(mutex_);
  return loaded_;
}

void DecoderPool::give_back(std::unique_ptr<SphinxDecoder> decoder) noexcept {
  try {
    std::lock_guard lock(mutex_);
    free_.push_back({std::move(decoder), Clock::now()});
  } catch (...) {  // no memory for the list: free the decoder instead
    decoder.reset();
    return forget_one();
  }
  returned_.notify_one();
  wake_janitor_.notify_one();
}

void DecoderPool::forget_one() noexcept {
  {
    std::lock_guard lock(mutex_);
    --loaded_;
  }
  returned_.notify_one();  // a waiting caller may load a new one now
}

void DecoderPool::free_idle_decoders() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    // Sleep until the oldest free decoder (beyond those kept) would expire.
    if (loaded_ > limits_.keep_loaded && !free_.empty())
      wake_janitor_.wait_until(lock, free_.front().since + idle_after_);
    else
      wake_janitor_.wait(lock);
    std::vector<std::unique_ptr<SphinxDecoder>> expired;
    const auto now = Clock::now();
    while (loaded_ > limits_.keep_loaded && !free_.empty() && now - free_.front().since >= idle_after_) {
      expired.push_back(std::move(free_.front().decoder));
      free_.erase(free_.begin());
      --loaded_;
    }
    if (expired.empty()) continue;
    lock.unlock();
    expired.clear();
    // A decoder is many small blocks; without a trim the heap keeps them and
    // the process's memory never goes down.
    malloc_trim(0);
    lock.lock();
  }
}

}  // namespace facecast::speech
