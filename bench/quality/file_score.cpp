#include "quality/file_score.h"

#include <cctype>
#include <sstream>

#include "animation/metrics.h"

namespace facecast::bench {
namespace {

void add(FrameAccuracy& a, const FrameAccuracy& b) {
  a.frames += b.frames;
  a.exact += b.exact;
  a.tolerant += b.tolerant;
}

std::string words_joined(const std::vector<std::string>& words) {
  std::string all;
  for (const auto& w : words) all += w + ' ';
  return all;
}

}  // namespace

Score& Score::operator+=(const Score& o) {
  files += o.files;
  seconds += o.seconds;
  add(synth, o.synth);
  add(raw, o.raw);
  bilabial.segments += o.bilabial.segments;
  bilabial.recalled += o.bilabial.recalled;
  bilabial.events += o.bilabial.events;
  bilabial.events_on_pp += o.bilabial.events_on_pp;
  rest.frames += o.rest.frames;
  rest.resting += o.rest.resting;
  rest_inner.frames += o.rest_inner.frames;
  rest_inner.resting += o.rest_inner.resting;
  transcripts += o.transcripts;
  words_matching += o.words_matching;
  return *this;
}

std::vector<std::string> normalised_words(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string token; in >> token;) {
    if (token.front() == '<' || token.front() == '[' || token.front() == '+') continue;  // fillers
    if (const auto paren = token.find('('); paren != std::string::npos) token.resize(paren);  // "the(2)"
    std::string word;
    for (char c : token)
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'')
        word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (!word.empty()) words.push_back(word);
  }
  return words;
}

std::vector<TruthSegment> truth_from_output(const EngineOutput& reference) {
  return fill_silences(reference.phonemes, reference.duration);
}

Score score_file(const EngineOutput& output, const std::vector<TruthSegment>& truth, const std::string& transcript) {
  Score s;
  s.files = 1;
  s.seconds = output.duration;
  std::vector<VisemeWeights> weights;
  weights.reserve(output.frames.size());
  for (const auto& f : output.frames) weights.push_back(f.visemes);
  const auto predicted = visemes_at_metric_rate(weights, output.fps, output.duration);
  s.synth = score_frames(truth, predicted);
  // No phones (the live stream's frames, bench_live): no raw timeline to score.
  if (!output.phonemes.empty()) s.raw = score_frames(truth, truth_frames(output.phonemes, output.duration));

  std::vector<bool> closed, at_rest;
  for (const auto& f : output.frames) {
    closed.push_back(animation::lips_closed(f));
    at_rest.push_back(animation::mouth_at_rest(f));
  }
  s.bilabial = score_bilabials(truth, closed, output.fps);
  s.rest = score_rest(truth, at_rest, output.fps);
  s.rest_inner = score_rest(truth, at_rest, output.fps, 0.100);

  if (!transcript.empty()) {
    s.transcripts = 1;
    s.words_matching = normalised_words(transcript) == normalised_words(words_joined(output.words));
  }
  return s;
}

}  // namespace facecast::bench
