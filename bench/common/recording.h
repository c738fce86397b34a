// Assembles a benchmark recording from separately synthesised sentences and
// silences of known length, keeping the true phone intervals in step with the audio.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "common/truth.h"

namespace facecast::bench {

// One synthesised sentence; segment times are relative to its first sample.
struct SentenceAudio {
  std::vector<int16_t> samples;
  std::vector<TruthSegment> segments;
};

class RecordingBuilder {
 public:
  explicit RecordingBuilder(int sample_rate) : sample_rate_(sample_rate) {}
  void add_silence(double seconds);
  void add_sentence(const SentenceAudio& sentence, const std::string& text);
  double duration() const { return double(samples_.size()) / sample_rate_; }
  // Writes PREFIX.wav, PREFIX.truth.tsv and PREFIX.txt (the transcript, one line).
  void write(const std::string& prefix, const std::vector<std::string>& comments) const;

 private:
  int sample_rate_;
  std::vector<int16_t> samples_;
  std::vector<TruthSegment> segments_;
  std::string transcript_;
};

}  // namespace facecast::bench
