// Live allphone decoding. One PocketSphinx utterance runs while audio comes
// in (live cepstral mean normalisation, same search configuration as the
// offline phonetic mode); a phone is final once the decoder has seen
// kLagFrames past its end, since the best path rarely changes that far back.
// The utterance is restarted in a pause (or when it grows past
// max_utterance_s) so memory and per-pull cost stay bounded.
#include "speech/analyzer.h"

#include <algorithm>

#include <pocketsphinx.h>

#include "core/error.h"
#include "speech/pcm16.h"
#include "speech/sphinx_decoder.h"
#include "speech/timeline_builder.h"
#include "speech/voice_activity.h"

namespace facecast::speech {
namespace {
constexpr int kLagFrames = 6;            // phones final 60 ms after their end
constexpr double kMinUtteranceS = 3.0;  // do not restart more often than this
}  // namespace

struct PhoneticStream::Impl {
  SpeechSettings settings;
  SphinxDecoder decoder;
  std::vector<int16_t> pcm;            // reused conversion buffer
  std::vector<DecodedSegment> segments;  // reused hypothesis buffer
  uint32_t dither = kDitherSeed;
  bool in_utterance = false;
  size_t utterance_start_sample = 0;  // absolute
  size_t samples_in = 0;              // absolute
  int final_frame = 0;                // utterance-relative: frames before it are emitted
  double final_time = 0;              // absolute: the emitted timeline ends here
  double silence_since = -1;          // start of the trailing silence, or -1

  explicit Impl(const SpeechSettings& s) : settings(s), decoder(s, SearchKind::Allphone) {}

  double frame_time(int frame) const {
    return static_cast<double>(utterance_start_sample) / kSampleRate + frame * kFrameSeconds;
  }

  void emit(std::string phone, double end, std::vector<PhoneSegment>& out) {
    if (end <= final_time) return;
    if (phone != "SIL") silence_since = -1;
    else if (silence_since < 0) silence_since = final_time;
    if (!out.empty() && out.back().phone == phone && out.back().end == final_time) out.back().end = end;
    else out.push_back({std::move(phone), final_time, end});
    final_time = end;
  }

  // Emits the hypothesis' segments that end before limit_frame (exclusive).
  void emit_until(int limit_frame, std::vector<PhoneSegment>& out) {
    segments = current_segments(decoder.get());
    for (const auto& s : segments) {
      const int end = s.end_frame + 1;
      if (end > limit_frame) break;
      if (end <= final_frame) continue;
      if (frame_time(s.start_frame) > final_time) emit("SIL", frame_time(s.start_frame), out);
      emit(normalize_phone(s.word), frame_time(end), out);
      final_frame = end;
    }
  }

  bool in_pause() const { return silence_since >= 0 && final_time - silence_since >= settings.utterance_pause_s; }

  void end_utterance(std::vector<PhoneSegment>& out) {
    if (!in_utterance) return;
    ps_end_utt(decoder.get());
    emit_until(1 << 30, out);
    emit("SIL", static_cast<double>(samples_in) / kSampleRate, out);
    in_utterance = false;
  }

  void start_utterance() {
    if (ps_start_utt(decoder.get()) < 0) throw Error(ErrorCode::Internal, "PocketSphinx could not start an utterance");
    in_utterance = true;
    utterance_start_sample = samples_in;
    final_frame = 0;
  }
};

PhoneticStream::PhoneticStream(const SpeechSettings& settings) : impl_(std::make_unique<Impl>(settings)) {}
PhoneticStream::~PhoneticStream() {
  if (impl_->in_utterance) ps_end_utt(impl_->decoder.get());
}

void PhoneticStream::push(std::span<const float> pcm16k) {
  if (pcm16k.empty()) return;
  auto& s = *impl_;
  if (!s.in_utterance) s.start_utterance();
  s.pcm.clear();
  append_pcm16(pcm16k, s.pcm, s.dither);
  ps_process_raw(s.decoder.get(), s.pcm.data(), s.pcm.size(), FALSE, FALSE);
  s.samples_in += pcm16k.size();
}

double PhoneticStream::pull(std::vector<PhoneSegment>& out) {
  auto& s = *impl_;
  if (!s.in_utterance) return s.final_time;
  s.emit_until(ps_get_n_frames(s.decoder.get()) - kLagFrames, out);
  const double utterance_s = static_cast<double>(s.samples_in - s.utterance_start_sample) / kSampleRate;
  if ((s.in_pause() && utterance_s >= kMinUtteranceS) || utterance_s >= s.settings.max_utterance_s)
    s.end_utterance(out);
  return s.final_time;
}

double PhoneticStream::finish(std::vector<PhoneSegment>& out) {
  impl_->end_utterance(out);
  return impl_->final_time;
}

}  // namespace facecast::speech
