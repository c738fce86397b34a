// Warm PocketSphinx decoders of one kind, shared by the threads of a process.
// - Word recognisers are by far the largest decoders (~90 MB: the 33 MB word
//   LM, CMUdict and its lexicon tree, measured), so workers borrow one per
//   utterance instead of owning one each.
// - Allphone decoders (~6 MB, 0.1-0.3 s to load) are borrowed by live streams
//   for their lifetime, so a new stream starts at once.
// A pool keeps `keep_loaded` decoders, loads more on demand up to a limit (the
// caller that needs a new one pays its load), and frees the extra ones once
// they have been idle for a while. Thread-safe.
#pragma once
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/settings.h"
#include "speech/sphinx_decoder.h"

namespace facecast::speech {

struct DecoderPoolLimits {
  int max_decoders = 1;       // loaded at once at most; 0 = no limit
  int keep_loaded = 1;        // never freed when idle (and loaded by preload()); <= max_decoders
  double idle_seconds = 30;   // a decoder beyond keep_loaded unused this long is freed; <= 0: never
};

class DecoderPool {
 public:
  DecoderPool(const SpeechSettings& settings, SearchKind kind, DecoderPoolLimits limits);
  ~DecoderPool();
  DecoderPool(const DecoderPool&) = delete;
  DecoderPool& operator=(const DecoderPool&) = delete;

  // A decoder for the caller alone until the lease ends; the pool must outlive
  // its leases.
  class Lease {
   public:
    // A lease of a decoder that belongs to no pool (callers that need no sharing).
    static Lease owned(std::unique_ptr<SphinxDecoder> decoder) { return Lease(nullptr, std::move(decoder)); }
    ~Lease();  // gives the decoder back
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    SphinxDecoder& decoder() { return *decoder_; }
    // The decoder may be in a bad state (a library call failed): free it
    // instead of giving it back, so it cannot fail the next caller too.
    void discard() noexcept;

   private:
    friend class DecoderPool;
    Lease(DecoderPool* pool, std::unique_ptr<SphinxDecoder> decoder);
    DecoderPool* pool_;
    std::unique_ptr<SphinxDecoder> decoder_;
  };

  // A free decoder, else a newly loaded one while below the limit, else waits
  // for one to come back. Throws Error(ModelUnavailable) when loading fails.
  Lease acquire();
  // Loads decoders now until keep_loaded are loaded (a server warms up before it is ready).
  void preload();
  int loaded() const;  // decoders in memory, leased or free

 private:
  using Clock = std::chrono::steady_clock;
  struct FreeDecoder {
    std::unique_ptr<SphinxDecoder> decoder;
    Clock::time_point since;
  };
  void give_back(std::unique_ptr<SphinxDecoder> decoder) noexcept;
  void forget_one() noexcept;  // a leased decoder was freed
  void free_idle_decoders();

  const SpeechSettings settings_;
  const SearchKind kind_;
  const DecoderPoolLimits limits_;
  const Clock::duration idle_after_;
  mutable std::mutex mutex_;
  std::condition_variable returned_;  // a decoder came back or a load failed
  std::condition_variable wake_janitor_;
  std::vector<FreeDecoder> free_;  // oldest first
  int loaded_ = 0;                 // includes leased ones and ones being loaded
  bool stopping_ = false;
  std::thread janitor_;  // started when a decoder beyond keep_loaded is loaded
};

}  // namespace facecast::speech
