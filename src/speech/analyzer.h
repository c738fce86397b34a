// Speech analysis with PocketSphinx (en-us): audio -> timed phones and words.
#pragma once
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/settings.h"
#include "core/timeline.h"

namespace facecast::speech {

class SharedModels;

// Words a transcript may have beyond SpeechSettings::max_words_per_second x
// the audio's seconds (a short clip may carry a sentence or two).
inline constexpr size_t kTranscriptWordAllowance = 20;
// Longer transcript words are refused: no English word comes close
// ("pneumonoultramicroscopicsilicovolcanoconiosis" has 45 letters).
inline constexpr size_t kMaxWordLetters = 48;

// Owns the small PocketSphinx decoders (align, allphone; each loaded on first
// use and kept warm) and borrows word recognisers and the pronouncing
// dictionary from `shared` (its own when none is given). Not thread-safe: one
// per worker thread; `shared` may serve many.
class Analyzer {
 public:
  // Checks that settings.model_dir holds the model (throws
  // Error(ModelUnavailable)); decoders load lazily, see preload().
  explicit Analyzer(const SpeechSettings& settings, std::shared_ptr<SharedModels> shared = nullptr);
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // pcm16k: 16 kHz mono. mode Auto picks Align when transcript is non-empty,
  // else Recognize. Align with an empty transcript throws InvalidArgument.
  // Long input is cut at pauses into utterances; times stay absolute.
  SpeechTimeline analyze(std::span<const float> pcm16k, std::string_view transcript, SpeechMode mode);

  // Loads now what analyze() in this mode would load on first use (Auto:
  // both align and recognize), so a server's workers are warm before they
  // report healthy. Throws Error(ModelUnavailable). Load cost, measured:
  // align ~0.1 s, recognize 0.9-1.1 s, phonetic ~0.1 s. The recogniser is
  // loaded once for all Analyzers sharing models.
  void preload(SpeechMode mode);
  void preload_all();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Live phonetic (allphone) decoding for one stream: push audio as it comes,
// pull the phones that will no longer change.
class PhoneticStream {
 public:
  // Borrows a warm decoder from shared->live_decoders() for its lifetime, or
  // loads its own when shared is null.
  explicit PhoneticStream(const SpeechSettings& settings, SharedModels* shared = nullptr);
  ~PhoneticStream();
  PhoneticStream(const PhoneticStream&) = delete;
  PhoneticStream& operator=(const PhoneticStream&) = delete;

  void push(std::span<const float> pcm16k);
  // Appends newly final phones to out (times absolute from stream start) and
  // returns the time up to which the phone timeline is final.
  double pull(std::vector<PhoneSegment>& out);
  // Appends the decoder's current best guess of the phones after the final
  // timeline (may be revised later; never overlaps what pull gave) and returns
  // the time that guess covers up to (its gaps are silence). The guess ends
  // where a bilabial not yet final begins: a closure is shown only once sure.
  double peek(std::vector<PhoneSegment>& out);
  // End of audio: everything becomes final.
  double finish(std::vector<PhoneSegment>& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace facecast::speech
