// One PocketSphinx decoder configured for one kind of search (forced
// alignment, word recognition or allphone), plus batch decoding of one
// utterance. Owns the decoder; not thread-safe.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/settings.h"

struct ps_decoder_s;
struct ngram_model_s;

namespace facecast::speech {

// A decoded segment as PocketSphinx reports it: frames are 10 ms, end inclusive.
struct DecodedSegment {
  std::string word;
  int start_frame = 0;
  int end_frame = 0;
  int32_t acoustic_score = 0;  // log domain (PocketSphinx's logmath): higher fits better
};

constexpr size_t kPrimerSamples = 1600;  // 0.1 s

enum class SearchKind { Align, Recognize, Allphone };

// The pronouncing dictionary (CMUdict) inside settings.model_dir.
std::string dictionary_path(const SpeechSettings& settings);

// Cheap check that settings.model_dir holds the acoustic model and the
// dictionary (no loading); throws Error(ModelUnavailable) naming what is missing.
void require_model(const SpeechSettings& settings);

class SphinxDecoder {
 public:
  // Loads the model from settings.model_dir; throws Error(ModelUnavailable).
  SphinxDecoder(const SpeechSettings& settings, SearchKind kind);
  ~SphinxDecoder();
  SphinxDecoder(const SphinxDecoder&) = delete;
  SphinxDecoder& operator=(const SphinxDecoder&) = delete;

  ps_decoder_s* get() const { return ps_; }

  // Decodes one whole utterance at once (batch cepstral mean normalisation)
  // with the current search; returns its segments (frames relative to the
  // utterance). Empty when nothing was decoded.
  std::vector<DecodedSegment> decode_utterance(std::span<const int16_t> pcm);

  // Brings the decoder to the same state before every utterance.
  void reset_state();

  // For live decoding (utterances fed piecewise, live cepstral mean
  // normalisation): brings a decoder that may have served another stream to
  // the state of a new stream, so every stream decodes the same way.
  void restart_live();
  // Live decoding: the running cepstral mean takes in the frames decoded so
  // far now, not only at the utterance's end (see phonetic_stream.cpp).
  void update_live_cmn();
  // Live decoding: the running cepstral mean goes back to the model's initial
  // estimate (as in a new stream), e.g. before an utterance is decoded again.
  void reset_live_cmn();

 private:
  void release_allphone_segments();

  ps_decoder_s* ps_ = nullptr;
  SearchKind kind_;
  ngram_model_s* phone_lm_ = nullptr;  // allphone only: rebuilds a fresh search per utterance
  std::vector<float> initial_cmn_;     // live CMN estimate of a new decoder (-cmninit)
};

// Reads the segments of the current (partial or final) hypothesis into out
// (cleared first; its capacity is reused).
void read_segments(ps_decoder_s* ps, std::vector<DecodedSegment>& out);
// Allphone only: a filler (+SPN+, +NSN+) between two phones is voiced sound
// the model matched to no phone, not a pause; it becomes AH, a neutral open
// vowel (see the definition).
void voice_fillers_between_phones(std::vector<DecodedSegment>& segments);
inline std::vector<DecodedSegment> current_segments(ps_decoder_s* ps) {
  std::vector<DecodedSegment> out;
  read_segments(ps, out);
  return out;
}

}  // namespace facecast::speech
