#include "common/recording.h"

#include <fstream>
#include <stdexcept>

#include "common/wav_writer.h"

namespace facecast::bench {

void RecordingBuilder::add_silence(double seconds) {
  samples_.resize(samples_.size() + static_cast<std::size_t>(seconds * sample_rate_ + 0.5), 0);
}

void RecordingBuilder::add_sentence(const SentenceAudio& sentence, const std::string& text) {
  const double offset = duration();
  for (auto s : sentence.segments) {
    s.start += offset;
    s.end += offset;
    segments_.push_back(std::move(s));
  }
  samples_.insert(samples_.end(), sentence.samples.begin(), sentence.samples.end());
  if (!transcript_.empty()) transcript_ += ' ';
  transcript_ += text;
}

void RecordingBuilder::write(const std::string& prefix, const std::vector<std::string>& comments) const {
  write_wav16(prefix + ".wav", samples_, sample_rate_);
  Truth truth{comments, fill_silences(segments_, duration())};
  write_truth(prefix + ".truth.tsv", truth);
  std::ofstream txt(prefix + ".txt");
  txt << transcript_ << '\n';
  if (!txt) throw std::runtime_error("cannot write " + prefix + ".txt");
}

}  // namespace facecast::bench
