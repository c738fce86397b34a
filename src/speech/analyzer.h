// Speech analysis with PocketSphinx (en-us): audio -> timed phones and words.
#pragma once
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/settings.h"
#include "core/timeline.h"

namespace facecast::speech {

// Owns one warm PocketSphinx decoder. Not thread-safe: one per worker thread.
class Analyzer {
 public:
  // Loads the model from settings.model_dir; throws Error(ModelUnavailable).
  explicit Analyzer(const SpeechSettings& settings);
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // pcm16k: 16 kHz mono. mode Auto picks Align when transcript is non-empty,
  // else Recognize. Align with an empty transcript throws InvalidArgument.
  // Long input is cut at pauses into utterances; times stay absolute.
  SpeechTimeline analyze(std::span<const float> pcm16k, std::string_view transcript, SpeechMode mode);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Live phonetic (allphone) decoding for one stream: push audio as it comes,
// pull the phones that will no longer change.
class PhoneticStream {
 public:
  explicit PhoneticStream(const SpeechSettings& settings);
  ~PhoneticStream();
  PhoneticStream(const PhoneticStream&) = delete;
  PhoneticStream& operator=(const PhoneticStream&) = delete;

  void push(std::span<const float> pcm16k);
  // Appends newly final phones to out (times absolute from stream start) and
  // returns the time up to which the phone timeline is final.
  double pull(std::vector<PhoneSegment>& out);
  // Appends the decoder's current best guess of the phones after the final
  // timeline (may be revised later; never overlaps what pull gave) and returns
  // the time that guess covers up to (its gaps are silence).
  double peek(std::vector<PhoneSegment>& out);
  // End of audio: everything becomes final.
  double finish(std::vector<PhoneSegment>& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace facecast::speech
