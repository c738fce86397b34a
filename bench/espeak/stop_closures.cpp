#include "espeak/stop_closures.h"

#include <algorithm>
#include <cmath>
#include <string_view>

namespace facecast::bench {
namespace {

bool is_stop(std::string_view mnemonic) {
  for (std::string_view s : {"p", "b", "t", "t2", "d", "k", "g", "tS", "dZ"})
    if (mnemonic == s) return true;
  return false;
}

}  // namespace

void move_stops_to_closure_onset(EspeakSentence& sentence, int sample_rate) {
  auto& phonemes = sentence.phonemes;
  for (std::size_t i = 0; i < phonemes.size(); ++i) {
    if (!is_stop(phonemes[i].mnemonic)) continue;
    const long event = std::min<long>(std::lround(phonemes[i].start * sample_rate), long(sentence.samples.size()));
    const double floor = i > 0 ? phonemes[i - 1].start : 0.0;
    const long limit = std::max(std::lround(floor * sample_rate), event - std::lround(kMaxClosure * sample_rate));
    long onset = event;
    while (onset > limit && sentence.samples[onset - 1] == 0) --onset;
    // A zero run this long lies wholly before the phoneme: keep its end within the previous phoneme.
    phonemes[i].start = std::max(floor, double(onset) / sample_rate);
  }
}

}  // namespace facecast::bench
