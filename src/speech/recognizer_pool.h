// The word recogniser is by far the largest decoder (~90 MB: the 33 MB word
// LM, CMUdict and its lexicon tree, measured), so workers borrow one from a
// shared pool instead of owning one each. The pool keeps one loaded, loads
// more on demand up to a limit (the first request that needs a new one pays
// its ~0.6 s load), and frees the extra ones once they have been idle for a
// while, so an idle server holds one. Thread-safe.
#pragma once
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/settings.h"

namespace facecast::speech {

class SphinxDecoder;

class RecognizerPool {
 public:
  // max_decoders >= 1; idle_seconds <= 0 keeps every decoder once loaded.
  RecognizerPool(const SpeechSettings& settings, int max_decoders, double idle_seconds);
  ~RecognizerPool();
  RecognizerPool(const RecognizerPool&) = delete;
  RecognizerPool& operator=(const RecognizerPool&) = delete;

  // A decoder for the caller alone until the lease ends.
  class Lease {
   public:
    Lease(RecognizerPool& pool, std::unique_ptr<SphinxDecoder> decoder);
    ~Lease();
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    SphinxDecoder& decoder() { return *decoder_; }

   private:
    RecognizerPool* pool_;
    std::unique_ptr<SphinxDecoder> decoder_;
  };

  // A free decoder, else a newly loaded one while below the limit, else waits
  // for one to come back. Throws Error(ModelUnavailable) when loading fails.
  Lease acquire();
  // Loads one now if none is loaded (a server warms up before it is ready).
  void preload();
  int loaded() const;  // decoders in memory, leased or free

 private:
  using Clock = std::chrono::steady_clock;
  struct FreeDecoder {
    std::unique_ptr<SphinxDecoder> decoder;
    Clock::time_point since;
  };
  void give_back(std::unique_ptr<SphinxDecoder> decoder);
  void free_idle_decoders();

  const SpeechSettings settings_;
  const int max_decoders_;
  const Clock::duration idle_after_;
  mutable std::mutex mutex_;
  std::condition_variable returned_;  // a decoder came back or a load failed
  std::condition_variable wake_janitor_;
  std::vector<FreeDecoder> free_;  // oldest first
  int loaded_ = 0;                 // includes leased ones and ones being loaded
  bool stopping_ = false;
  std::thread janitor_;  // only when extra decoders can be freed
};

}  // namespace facecast::speech
