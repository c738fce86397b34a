#include "common/generate.h"

#include <fmt/format.h>

namespace facecast::bench {

namespace {
constexpr double kLeadingSilence = 0.25;
constexpr double kTrailingSilence = 0.4;
}  // namespace

double generate_recording(const GeneratorOptions& options, int sample_rate,
                          const std::function<SentenceAudio(const std::string&)>& speak,
                          const std::vector<std::string>& comments) {
  const auto sentences = pick_sentences(options);
  RecordingBuilder recording(sample_rate);
  recording.add_silence(kLeadingSilence);
  for (int i = 0; i < int(sentences.size()) || recording.duration() < options.min_seconds; ++i) {
    if (i > 0) recording.add_silence(pause_after(options, i - 1));
    const auto& text = sentences[i % sentences.size()];
    recording.add_sentence(speak(text), text);
  }
  recording.add_silence(kTrailingSilence);
  auto all_comments = comments;
  all_comments.push_back(fmt::format("voice={} rate={} sentences={} first={} count={} duration={:.3f}",
                                     options.voice, options.rate_wpm, options.sentences_file,
                                     options.first, sentences.size(), recording.duration()));
  recording.write(options.out_prefix, all_comments);
  return recording.duration();
}

}  // namespace facecast::bench
