#include "speech/forced_aligner.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <pocketsphinx.h>
#include <sphinxbase/fsg_model.h>

#include "core/error.h"
#include "speech/voice_activity.h"

namespace facecast::speech {
namespace {

const char* const kPhones[] = {"AA", "AE", "AH", "AO", "AW", "AY", "B",  "CH", "D",  "DH", "EH", "ER", "EY", "F",
                               "G",  "HH", "IH", "IY", "JH", "K",  "L",  "M",  "N",  "NG", "OW", "OY", "P",  "R",
                               "S",  "SH", "T",  "TH", "UH", "UW", "V",  "W",  "Y",  "Z",  "ZH", "SIL"};
constexpr std::string_view kPrefix = "ph_";
constexpr std::string_view kExtraPrefix = "xs_";  // the same phones, in the extra-speech loop
static_assert(kPrefix.size() == kExtraPrefix.size());
constexpr double kSilenceProb = 0.3;  // mild cost per inserted pause
// The extra-speech loop's cost: entering it, and each further phone in it.
// Measured on the bench sets with every 8th transcript word left out, a loop
// at every boundary (+-20 ms, flite / unseen flite / espeak / real against its
// whole-transcript alignment): without the loop 92.5 / 90.1 / 86.7 / 91.4 %;
// entering at 1e-8, 1e-2 per phone 95.7 / 94.9 / 88.4 / 95.6 %. Cheaper
// phones (3e-2), or a cheaper entry with them (1e-3), let the loop take
// espeak's own words: 80-83 %.
constexpr double kExtraEntryProb = 1e-8;
constexpr double kExtraPhoneProb = 1e-2;
// Before the transcript's first word or after its last (ExtraSpeech), where
// the loop competes with the pause and the first (last) words' phones.
// Measured on the bench sets with the first or last quarter of the
// transcript's words left out, at most 4 (+-20 ms, espeak / flite / real /
// unseen flite): 1e-2 (as inside) head 89.5 / 97.2 / 93.4 / 97.7 %, tail
// 91.9 / 97.8 / 91.1 / 97.5 %; 1e-1 head 90.6 / 97.2 / 94.5 / 97.8 %, tail
// 92.8 / 97.9 / 92.1 / 97.7 %; 3e-1 and 1 gain on espeak but lose on real
// speech (head 94.0, 93.1 %), its loop then closing the lips on non-bilabials.
// With no transcript words at all (an utterance after the last), the loop
// competes with the pause alone: its phones are free, only entering it costs
// (at 1e-1 the loop began 0.3 s into an espeak sentence, "jumps" left in SIL).
constexpr double kOutsideTranscriptPhoneProb = 1e-1;
constexpr double kUntranscribedPhoneProb = 1;
// Each transcript word the path leaves unspoken (set_word_skips).
constexpr double kSkippedWordProb = 1e-3;

std::string phone_word(const std::string& phone) { return std::string(kPrefix) + phone; }
std::string extra_word(const std::string& phone) { return std::string(kExtraPrefix) + phone; }

bool known_phone(const std::string& p) {
  for (const char* k : kPhones)
    if (p == k) return true;
  return false;
}

struct GrammarBuilder {
  fsg_model_t* fsg;
  int32 silence_logp;
  std::map<std::string, int32> ids;

  int32 word_id(const std::string& word) {
    auto it = ids.find(word);
    if (it != ids.end()) return it->second;
    return ids[word] = fsg_model_word_add(fsg, word.c_str());
  }
};

// Backtracking parse of the decoded phone string into words and variants.
struct PathParser {
  std::span<const WordPronunciations> words;
  const std::vector<std::string>& phones;  // decoded, silences removed
  const std::vector<std::pair<size_t, size_t>>& skips_at;  // per boundary: the runs of words the path may leave unspoken there
  std::vector<std::pair<size_t, size_t>> spans;  // per word: [first phone, end phone), empty if skipped
  std::set<std::pair<size_t, size_t>> failed;

  bool parse(size_t word, size_t pos) {
    if (pos == phones.size()) return true;
    if (word == words.size() || failed.count({word, pos})) return false;
    for (const auto& variant : words[word].variants) {
      size_t n = 0;
      while (n < variant.size() && pos + n < phones.size() && phones[pos + n] == variant[n]) ++n;
      // A full match, or a word cut short where decoding stopped early.
      if (n == variant.size() || (n > 0 && pos + n == phones.size())) {
        spans.emplace_back(pos, pos + n);
        if (parse(word + 1, pos + n)) return true;
        spans.pop_back();
      }
    }
    // The path may have left words unspoken here; the fewest first.
    if (word < skips_at.size()) {
      for (size_t skip = skips_at[word].first; skip <= skips_at[word].second && word + skip < words.size(); ++skip) {
        spans.resize(spans.size() + skip, {pos, pos});
        if (parse(word + skip, pos)) return true;
        spans.resize(spans.size() - skip);
      }
    }
    failed.insert({word, pos});
    return false;
  }
};

}  // namespace

ForcedAligner::ForcedAligner(SphinxDecoder& decoder) : decoder_(decoder) {
  for (const char* p : kPhones) {
    if (ps_add_word(decoder_.get(), phone_word(p).c_str(), p, FALSE) < 0 ||
        ps_add_word(decoder_.get(), extra_word(p).c_str(), p, FALSE) < 0)
      throw Error(ErrorCode::ModelUnavailable, std::string("speech model lacks phone ") + p);
  }
}

int ForcedAligner::input_frame(int decoded_frame) const {
  if (stretch_factor_ <= 1.0) return decoded_frame;
  const double offset = kBoundaryOffsetSeconds * kSampleRate;
  const double boundary = stretch_.input_position(decoded_frame * static_cast<double>(kFrameSamples) + offset);
  return static_cast<int>(std::lround((boundary - offset) / kFrameSamples));
}

Alignment ForcedAligner::align(std::span<const int16_t> pcm, std::span<const WordPronunciations> all_words,
                               size_t min_words, size_t max_words, std::span<const size_t> no_pause_before) {
  Alignment result;
  max_words = std::min(max_words, all_words.size());
  min_words = std::min(min_words, max_words);
  const auto words = all_words.first(max_words);

  // States: a boundary before each word and after the last, the inner states
  // of every variant's phone chain, a final state, and two per extra-speech loop.
  const auto pause_allowed = [&](size_t b) {
    return std::find(no_pause_before.begin(), no_pause_before.end(), b) == no_pause_before.end();
  };
  std::vector<size_t> loops;  // boundaries with an extra-speech loop
  for (size_t b : extra_speech_.at)
    if (b <= words.size() && pause_allowed(b) && std::find(loops.begin(), loops.end(), b) == loops.end())
      loops.push_back(b);
  int n_states = static_cast<int>(words.size() + 2 + 2 * loops.size());
  for (const auto& w : words)
    for (const auto& v : w.variants) n_states += static_cast<int>(v.size()) - 1;
  ps_decoder_t* ps = decoder_.get();
  logmath_t* lmath = ps_get_logmath(ps);
  const float lw = cmd_ln_float32_r(ps_get_config(ps), "-lw");
  const char* name = use_first_name_ ? "align_a" : "align_b";
  GrammarBuilder g{fsg_model_init(name, lmath, lw, n_states), 0, {}};
  g.silence_logp = static_cast<int32>(logmath_log(lmath, kSilenceProb) * lw);

  int next_state = static_cast<int>(words.size()) + 1;
  const int final_state = next_state++;
  for (size_t i = 0; i < words.size(); ++i) {
    for (const auto& variant : words[i].variants) {
      int from = static_cast<int>(i);
      for (size_t k = 0; k < variant.size(); ++k) {
        const int to = k + 1 == variant.size() ? static_cast<int>(i + 1) : next_state++;
        const std::string& phone = known_phone(variant[k]) ? variant[k] : std::string("AH");
        fsg_model_trans_add(g.fsg, from, to, 0, g.word_id(phone_word(phone)));
        from = to;
      }
    }
  }
  // Words left unspoken (set_word_skips): a null arc over them. The search
  // follows one null arc per step (it expects a grammar closed over null
  // arcs), so a skip is taken from a word's end or a pause, not after
  // another null arc.
  std::vector<std::pair<size_t, size_t>> skips_at(words.size() + 1, {1, 0});
  for (size_t b = 1; b < words.size(); ++b) {
    skips_at[b] = skips_;
    for (size_t skip = skips_.first; skip <= skips_.second && b + skip < words.size(); ++skip)
      fsg_model_null_trans_add(g.fsg, static_cast<int>(b), static_cast<int>(b + skip),
                               static_cast<int32>(static_cast<double>(skip) * logmath_log(lmath, kSkippedWordProb) * lw));
  }
  const int32 sil = g.word_id(phone_word("SIL"));
  for (size_t b = 0; b <= words.size(); ++b) {
    if (pause_allowed(b)) fsg_model_trans_add(g.fsg, static_cast<int>(b), static_cast<int>(b), g.silence_logp, sil);
    if (b >= min_words) fsg_model_null_trans_add(g.fsg, static_cast<int>(b), final_state, 0);
  }
  const int32 entry_logp = static_cast<int32>(logmath_log(lmath, kExtraEntryProb) * lw);
  const int32 phone_logp = static_cast<int32>(logmath_log(lmath, kExtraPhoneProb) * lw);
  const double outside_prob = words.empty() ? kUntranscribedPhoneProb : kOutsideTranscriptPhoneProb;
  const int32 outside_phone_logp = static_cast<int32>(logmath_log(lmath, outside_prob) * lw);
  for (size_t b : loops) {
    // boundary -(null: entry)-> before -(any phone)-> after -(null)-> boundary,
    // and after -(null: a further phone)-> before. One arc per phone: each arc
    // is an HMM the search keeps active.
    const int before = next_state++, after = next_state++;
    fsg_model_null_trans_add(g.fsg, static_cast<int>(b), before, entry_logp);
    for (const char* p : kPhones)
      if (std::string_view(p) != "SIL") fsg_model_trans_add(g.fsg, before, after, 0, g.word_id(extra_word(p)));
    const bool outside = (b == 0 && extra_speech_.transcript_starts) || (b == words.size() && extra_speech_.transcript_ends);
    fsg_model_null_trans_add(g.fsg, after, before, outside ? outside_phone_logp : phone_logp);
    fsg_model_null_trans_add(g.fsg, after, static_cast<int>(b), 0);
  }
  g.fsg->start_state = 0;
  g.fsg->final_state = final_state;

  const int set = ps_set_fsg(ps, name, g.fsg);
  fsg_model_free(g.fsg);  // the search keeps its own reference
  if (set < 0 || ps_set_search(ps, name) < 0) throw Error(ErrorCode::Internal, "could not set the alignment grammar");
  use_first_name_ = !use_first_name_;

  std::vector<std::string> spoken;  // phones without silences, for parsing
  std::vector<size_t> spoken_at;    // their index in result.phones
  std::span<const int16_t> heard = pcm;
  if (stretch_factor_ > 1.0) {
    stretch_.stretch(pcm, stretch_factor_, stretched_);
    heard = stretched_;
  }
  int next_start = 0;  // mapped back, every phone keeps at least one frame
  for (auto& seg : decoder_.decode_utterance(heard)) {
    result.acoustic_score += seg.acoustic_score;
    const bool extra = seg.word.starts_with(kExtraPrefix);
    if (!extra && !seg.word.starts_with(kPrefix)) continue;
    const int start = std::max(next_start, input_frame(seg.start_frame));
    const int end = std::max(start, input_frame(seg.end_frame + 1) - 1);
    next_start = end + 1;
    AlignedPhone p{seg.word.substr(kPrefix.size()), start, end, extra, seg.acoustic_score};
    if (p.phone != "SIL" && !extra) {
      spoken.push_back(p.phone);
      spoken_at.push_back(result.phones.size());
    }
    result.phones.push_back(std::move(p));
  }
  if (result.phones.empty()) return result;

  PathParser parser{words, spoken, skips_at, {}, {}};
  if (!parser.parse(0, 0)) return result;
  result.ok = true;
  result.words_used = parser.spans.size();
  for (size_t i = 0; i < parser.spans.size(); ++i) {
    const auto [b, e] = parser.spans[i];
    if (b == e) continue;
    result.words.push_back(
        {i, result.phones[spoken_at[b]].start_frame, result.phones[spoken_at[e - 1]].end_frame});
  }
  return result;
}

}  // namespace facecast::speech
