// Live allphone decoding with the offline phonetic mode's search
// configuration. Our live voice-activity detection decides what the decoder
// sees: a pause of utterance_pause_s ends the utterance, and silence is not
// decoded at all (it is emitted as SIL right away), so long silences cannot
// drag the live cepstral mean away from speech, and memory and per-pull cost
// stay bounded. When speech starts, a short pre-roll of the preceding audio
// goes in first so onsets are not clipped. Inside an utterance a phone is
// final once the decoder has seen kLagFrames past its end (the best path
// rarely changes that far back). A steady background heard in the pauses is
// taken out of what the decoder hears (live_noise_reduction.h).
//
// What the face is shown (bench_live against true timings, docs/benchmarks.md):
// - Frames the detector calls silence (its 50 ms hangover included; the
//   pre-roll too: the decoder hears it for context) are SIL, as offline the
//   quiet gate keeps phones out of pauses: allphone labels breaths and a
//   release's tail as phones. After a pause the detector waits 60 ms for an
//   onset to hold (LiveVoiceActivity), within the face's own wait: key presses
//   and taps on the microphone no longer show as phones.
// - The guess (peek) stops at a bilabial that is not final yet. Frames once
//   sent never change, and the newest frames' guess flips often: tentative
//   P/B/M became false lip closures (p/b/m precision, real speech 59.4 %,
//   flite 74.5 %; held: 70.8 / 83.5 %, as offline) for 20 ms more p95 latency.
#include "speech/analyzer.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <pocketsphinx.h>

#include "core/error.h"
#include "core/high_pass_filter.h"
#include "speech/pcm16.h"
#include "speech/decoder_pool.h"
#include "speech/live_noise_reduction.h"
#include "speech/shared_models.h"
#include "speech/sphinx_decoder.h"
#include "speech/timeline_builder.h"
#include "speech/voice_activity.h"

namespace facecast::speech {
namespace {
constexpr int kLagFrames = 2;  // 0-1 commit phones still growing (-15 points agreement)
constexpr size_t kPrerollSamples = 3200;  // 0.2 s
// The tentative guess (peek) stops this many frames before the newest decoded
// frame: the very last frames' phone is the least settled. bench_live (real
// speech +-20 ms, p/b/m precision) and latency p50/p95 (20 ms chunks):
//   0: 73.9 %, 60.0 %, 61/81 ms   1: 74.4 %, 70.8 %, 81/101 ms
//   2: 75.6 %, 73.1 %, 81/101 ms (max 221)   3: 76.6 %, 71.4 %, 101/121 ms
constexpr int kTentativeLagFrames = 2;
// The remembered speech level decays with a time constant of 10 s of
// utterance (10 ms frames), so it follows a speaker who moves; not in pauses,
// or after a minute of silence ordinary speech was lifted up to 30x and clipped.
constexpr float kPeakDecayPerFrame = 0.999f;
const std::string kSilence = "SIL";
// The live cepstral mean starts from the model's typical speaker and by itself
// moves only when an utterance ends, so a stream's first utterance was decoded
// with a mean that had not heard the speaker. Updating it every 0.5 s of
// utterance (bench_live, +-20 ms): real speech 75.6 -> 77.4 %, flite 83.2 ->
// 84.0 %, espeak 68.0 -> 68.5 %; clipped (+18 dB) 54.8 -> 60.3 %, quiet (-35 dB)
// 56.8 -> 59.7 %. The first update comes 0.2 s into each utterance, and the
// starting mean weighs as 1 s of speech instead of 5 (SphinxDecoder::restart_live):
// flite 83.8 -> 84.6 %, real 77.7 -> 78.1 %, espeak 68.4 -> 68.7 %; quiet 60.3 ->
// 65.1 %, clipped 59.8 -> 65.1 %, reverb 65.3 -> 68.3 %, noise 20 dB 51.8 ->
// 50.5 %. Weighing it as 1 s alone: real p/b/m precision 78.3 -> 75.0 %; with the
// early update it stays.
constexpr int kCmnUpdateFrames = 50;
// The detector measures energy above this, in the band the decoders hear
// (their filterbank starts at 130 Hz). With plain energy, mains hum set the
// noise floor, and the quiet parts of speech fell under it and showed as
// pauses. bench_live, real speech with a hum 30 dB under full scale, +-20 ms
// (p/b/m precision): 50 Hz 74.6 -> 77.8 % (57.5 -> 75.9 %), 60 Hz 71.9 ->
// 77.7 % (45.7 -> 69.7 %); clean: real 78.2 -> 77.6 % (one file's decoding took
// another path), flite 84.3 -> 84.5 %, espeak 68.7 -> 68.6 %; reverb and
// quiet +0.6.
constexpr double kVoiceBandHz = 100;
constexpr int kFirstCmnUpdateFrames = 20;
// A stream's first utterance has no earlier speech to set its gain from (its
// onset alone is no guide), so its first kLevelProbeFrames of speech are kept,
// and decoded again from the start when the gain they call for is
// kRedecodeGainRatio or more from the fixed one (a quiet microphone, a hot one
// or clipped input); phones already sent stay. bench_live, real speech +-20 ms
// (one utterance per file): 35 dB down 65.5 -> 73.9 % (the right gain from the
// first frame: 77.1 %), 18 dB up and clipped 66.7 -> 73.5 %; every other set
// and condition the same to the digit. 15 / 40 frames: 75.4 / 73.9 % and
// 72.2 / 72.1 %. The re-decoding costs one burst of ~0.45 s of audio's decoding.
constexpr int kLevelProbeFrames = 25;
constexpr size_t kLevelProbeMaxSamples = kPrerollSamples + 16000;  // gives up after 1 s
constexpr float kRedecodeGainRatio = 2.0f;
// The level is the lesser of the last two frames' peaks: one wild sample (a
// float input can carry any value up to the input stage's limit) or a click
// in one frame set the gain far too low for the first utterance and for ~14 s
// of speech after it (librivox clips with one sample of 30: agreement with the
// clean stream 62.8 -> 92.1 %; 3 frames: the same, but a loud speaker's level
// read lower, 80.4 -> 76.0 % against 78.4 % with 2).
constexpr size_t kSustainFrames = 2;
// How far back the cleaned audio's voice verdicts are kept (a frame is shown
// within a few frames of being decoded).
constexpr size_t kCleanedVoiceFrames = 256;

// The mean square of `samples` in the detectors' band (filtered in place by
// `band`, whose state runs on from frame to frame; non-finite samples come out as 0).
double band_mean_square(HighPassFilter& band, std::span<float> samples) {
  band.process(samples.data(), samples.size());
  double energy = 0;
  for (float x : samples) energy += static_cast<double>(x) * x;
  return samples.empty() ? 0.0 : energy / static_cast<double>(samples.size());
}

bool is_bilabial(const std::string& phone) { return phone == "P" || phone == "B" || phone == "M"; }

// Appends [from, to) to out, extending the last segment when it is the same
// phone and ends at from.
void append_joined(std::vector<PhoneSegment>& out, const std::string& phone, double from, double to) {
  if (!out.empty() && out.back().phone == phone && out.back().end == from) out.back().end = to;
  else out.push_back({phone, from, to});
}
}  // namespace

struct PhoneticStream::Impl {
  SpeechSettings settings;
  DecoderPool::Lease lease;  // from the shared pool, or owned
  SphinxDecoder& decoder;
  LiveVoiceActivity vad;
  HighPassFilter voice_band{kVoiceBandHz};
  std::array<float, kFrameSamples> band_frame{};  // this frame in the detector's band
  std::vector<float> pending;            // samples not yet in a whole VAD frame
  std::vector<float> preroll;            // recent audio while idle (ring, oldest first)
  std::vector<int16_t> pcm;              // reused conversion buffer
  std::vector<DecodedSegment> segments;  // reused hypothesis buffer
  int segments_frames = -1;              // decoder frames when `segments` was read; -1: stale
  uint32_t dither = kDitherSeed;
  float speech_peak = 0.0f;       // level (see kSustainFrames) of the speech so far, decaying over ~10 s of it
  float gain = kLiveDecoderGain;  // decoder input gain, fixed for each utterance
  bool probing_level = false;     // first utterance: its audio is kept until its level is known
  std::vector<float> probe_audio;  // the utterance so far, pre-roll included, while probing
  int probe_speech_frames = 0;
  float probe_peak = 0.0f;
  std::array<float, kSustainFrames> recent_peaks{};  // ring of the last frames' peaks
  // A steady background heard in the pauses is taken out of what the decoder
  // hears, decided per utterance (the cleaned audio lags the input, and a lag
  // changing inside an utterance would move its phones).
  LiveNoiseReduction denoiser;
  bool feed_cleaned = false;     // this utterance is decoded from the denoiser's audio
  bool first_utterance = false;  // the stream's first, still short enough to be decoded again cleaned
  size_t fed_until = 0;          // absolute: the decoder has the cleaned audio up to here
  std::vector<float> cleaned;    // reused buffer of cleaned samples
  // The voice detector run again on the cleaned audio: in noise it hears the
  // weak consonants the one on the input misses, so their phones are shown
  // rather than SIL (the input's detector still cuts the utterances, without
  // the cleaned audio's lag).
  LiveVoiceActivity cleaned_vad;
  HighPassFilter cleaned_band{kVoiceBandHz};
  std::array<bool, kCleanedVoiceFrames> cleaned_voice{};  // ring, by absolute frame
  size_t cleaned_frames = 0;                              // absolute frames judged so far
  size_t frames_seen = 0;
  bool in_utterance = false;
  size_t samples_in = 0;              // absolute, whole frames processed
  size_t utterance_start_sample = 0;  // absolute
  int final_frame = 0;                // utterance-relative: frames before it are emitted
  int pause_frames = 0;               // trailing non-speech frames in the utterance
  double final_time = 0;              // absolute: the emitted timeline ends here
  std::vector<PhoneSegment> ready;    // final phones not yet pulled
  std::vector<bool> voice;            // per utterance frame: the detector heard speech
  int frames_since_cmn_update = 0;
  bool broken = false;                // a library call failed: do not reuse the decoder

  Impl(const SpeechSettings& s, SharedModels* shared)
      : settings(s),
        lease(shared ? shared->live_decoders().acquire()
                     : DecoderPool::Lease::owned(std::make_unique<SphinxDecoder>(s, SearchKind::Allphone))),
        decoder(lease.decoder()) {
    try {
      decoder.restart_live();
    } catch (...) {
      lease.discard();
      throw;
    }
    pending.reserve(kFrameSamples * 4);
    voice.reserve(static_cast<size_t>(s.max_utterance_s / kFrameSeconds) + kPrerollSamples / kFrameSamples + 8);
    preroll.reserve(kPrerollSamples + kFrameSamples);
    probe_audio.reserve(kLevelProbeMaxSamples);
    pcm.reserve(kLevelProbeMaxSamples + LiveNoiseReduction::kMaxDelaySamples);  // settle_level decodes all of the probe at once
    cleaned.reserve(kLevelProbeMaxSamples + LiveNoiseReduction::kMaxDelaySamples);
  }

  // The time of the boundary before `frame` (see kBoundaryOffsetSeconds), never
  // past the audio taken in (the decoder pads a last partial frame).
  double frame_time(int frame) const {
    return std::min(static_cast<double>(utterance_start_sample) / kSampleRate + frame * kFrameSeconds +
                        kBoundaryOffsetSeconds,
                    static_cast<double>(samples_in) / kSampleRate);
  }

  void emit(const std::string& phone, double end) {
    if (end <= final_time) return;
    append_joined(ready, phone, final_time, end);
    final_time = end;
  }

  // The decoder's best path, read once per frame count: pull() and peek()
  // after one push would each rebuild it (allphone's backtrace walks the whole
  // utterance and allocates a node per segment).
  const std::vector<DecodedSegment>& best_path() {
    const int frames = ps_get_n_frames(decoder.get());
    if (frames != segments_frames) {
      read_segments(decoder.get(), segments);
      voice_fillers_between_phones(segments);
      segments_frames = frames;
    }
    return segments;
  }

  // Emits the hypothesis' segments that end before limit_frame (exclusive).
  void emit_until(int limit_frame) {
    best_path();
    if (segments.empty()) return;
    // This library version numbers allphone frames across utterances; a
    // backtrace always starts at the utterance's first frame.
    const int base = segments.front().start_frame;
    for (const auto& s : segments) {
      const int end = s.end_frame + 1 - base;
      if (end > limit_frame) break;
      if (end <= final_frame) continue;
      if (frame_time(s.start_frame - base) > final_time) emit(kSilence, frame_time(s.start_frame - base));
      const std::string phone = normalize_phone(s.word);
      for (int f = std::max(s.start_frame - base, final_frame); f < end; ++f)
        emit(shown_phone(phone, f), frame_time(f + 1));  // emit() joins equal neighbours
      final_frame = end;
    }
  }

  // The phone shown for utterance frame f: SIL where the detector heard none.
  // Frame f is shown from frame_time(f), 7.8 ms into detector frame f, to
  // 7.8 ms into frame f + 1: mostly the detector's frame f + 1 (reading frame f
  // instead: real speech 77.8 -> 77.4 %, p/b/m precision 78.3 -> 75.0 %).
  const std::string& shown_phone(const std::string& phone, int f) const {
    const size_t at = static_cast<size_t>(f) + 1;
    if (f < 0) return phone;
    if (feed_cleaned) return cleaned_voice_at(utterance_start_sample / kFrameSamples + at) ? phone : kSilence;
    const bool heard = at >= voice.size() || voice[at];
    return heard ? phone : kSilence;
  }

  // Whether the detector on the cleaned audio took absolute frame `frame` for
  // speech (true when not judged yet or too long ago, as for the input's).
  bool cleaned_voice_at(size_t frame) const {
    if (frame >= cleaned_frames || frame + kCleanedVoiceFrames < cleaned_frames) return true;
    return cleaned_voice[frame % kCleanedVoiceFrames];
  }

  // Runs the cleaned audio's detector over the frames cleaned since.
  void judge_cleaned_frames() {
    while ((cleaned_frames + 1) * kFrameSamples <= denoiser.cleaned_until()) {
      cleaned.clear();
      denoiser.append_cleaned(cleaned_frames * kFrameSamples, (cleaned_frames + 1) * kFrameSamples, cleaned);
      const LiveVoiceVerdict verdict = cleaned_vad.push_frame(band_mean_square(cleaned_band, cleaned));
      const size_t earlier = std::min(static_cast<size_t>(verdict.earlier_frames), kCleanedVoiceFrames - 1);
      for (size_t back = 1; back <= earlier && back <= cleaned_frames; ++back)
        cleaned_voice[(cleaned_frames - back) % kCleanedVoiceFrames] = true;
      cleaned_voice[cleaned_frames % kCleanedVoiceFrames] = verdict.speech;
      ++cleaned_frames;
    }
  }

  void feed(std::span<const float> samples) {
    if (probing_level) {
      if (probe_audio.size() + samples.size() <= probe_audio.capacity())
        probe_audio.insert(probe_audio.end(), samples.begin(), samples.end());
      else probing_level = false;  // too long without enough speech: keep the gain
    }
    decode(samples);
  }

  // The audio taken in, to the decoder: as it is, or the denoiser's cleaned
  // audio up to `until` (absolute; the cleaned audio lags the input).
  void feed_input(std::span<const float> samples, size_t until) {
    if (!feed_cleaned) return feed(samples);
    if (until <= fed_until) return;
    cleaned.clear();
    denoiser.append_cleaned(fed_until, until, cleaned);
    fed_until = until;
    feed(cleaned);
  }

  void decode(std::span<const float> samples) {
    pcm.clear();
    append_pcm16(samples, gain, pcm, dither);
    if (ps_process_raw(decoder.get(), pcm.data(), pcm.size(), FALSE, FALSE) < 0) {
      broken = true;
      throw Error(ErrorCode::Internal, "PocketSphinx failed to decode live audio");
    }
  }

  void start_utterance(size_t start_sample) {
    // A quiet speaker is lifted to an ordinary level, judged by the speech heard
    // in earlier utterances and set per utterance (a gain moving inside one would move its
    // cepstral mean). Not normalised to full scale as offline: the live
    // cepstral mean starts from the model's typical level and follows slowly,
    // and lifting ordinary speech too cost stream/offline agreement 6 points.
    gain = live_decoder_gain(speech_peak);
    probing_level = !(speech_peak > 0.0f);
    feed_cleaned = denoiser.floor().has_value();
    fed_until = start_sample;
    first_utterance = !(speech_peak > 0.0f) && !feed_cleaned;
    probe_audio.clear();
    probe_speech_frames = 0;
    probe_peak = 0.0f;
    if (ps_start_utt(decoder.get()) < 0) {
      broken = true;
      throw Error(ErrorCode::Internal, "PocketSphinx could not start an utterance");
    }
    in_utterance = true;
    segments_frames = -1;
    utterance_start_sample = start_sample;
    voice.assign((samples_in - start_sample) / kFrameSamples, false);  // the pre-roll
    frames_since_cmn_update = kCmnUpdateFrames - kFirstCmnUpdateFrames;
    final_frame = 0;
    pause_frames = 0;
  }

  // The first utterance's level is known: when it calls for another gain,
  // its audio so far is decoded again from the start with that gain.
  void settle_level() {
    probing_level = false;
    const float level_gain = live_decoder_gain(probe_peak);
    if (level_gain < gain * kRedecodeGainRatio && level_gain * kRedecodeGainRatio > gain) return;
    restart_utterance_decoding();
    gain = level_gain;
    if (feed_cleaned) {
      fed_until = utterance_start_sample;
      feed_input({}, denoiser.cleaned_until());
    } else {
      decode(probe_audio);
    }
    redecoded();
  }

  // The utterance is decoded again from its start (its phones already sent stay).
  void restart_utterance_decoding() {
    ps_end_utt(decoder.get());
    decoder.reset_live_cmn();
    if (ps_start_utt(decoder.get()) < 0) {
      broken = true;
      throw Error(ErrorCode::Internal, "PocketSphinx could not start an utterance");
    }
  }

  // After decoding the utterance again up to now: its cepstral mean from that
  // audio, and the best path read afresh.
  void redecoded() {
    decoder.update_live_cmn();
    frames_since_cmn_update = 0;
    segments_frames = -1;
  }

  // The first utterance began before the background could be judged (that
  // needs the speech's level): once it can, and calls for cleaning, the
  // utterance so far is decoded again from the cleaned audio.
  void clean_first_utterance() {
    first_utterance = false;
    restart_utterance_decoding();
    probe_audio.clear();  // a level probe still running goes on with the cleaned audio
    feed_cleaned = true;
    fed_until = utterance_start_sample;
    feed_input({}, denoiser.cleaned_until());
    redecoded();
  }

  void end_utterance() {
    if (!in_utterance) return;
    probing_level = false;
    first_utterance = false;
    ps_end_utt(decoder.get());
    segments_frames = -1;  // the final backtrace may differ from the last partial one
    emit_until(1 << 30);
    in_utterance = false;
    emit(kSilence, static_cast<double>(samples_in) / kSampleRate);
  }

  // One whole 10 ms frame of audio.
  void process_frame(std::span<const float> frame) {
    float peak = 0.0f;
    for (float x : frame)
      if (std::isfinite(x)) peak = std::max(peak, std::abs(x));  // NaN/Inf count as silence
    const std::span band(band_frame.data(), std::min(frame.size(), band_frame.size()));
    std::copy_n(frame.begin(), band.size(), band.begin());
    if (in_utterance) speech_peak *= kPeakDecayPerFrame;
    const LiveVoiceVerdict verdict = vad.push_frame(band_mean_square(voice_band, band));
    const bool speech = verdict.heard;
    denoiser.push(frame, !in_utterance && !speech ? HeardAs::pause
                         : verdict.speech         ? HeardAs::speech
                                                  : HeardAs::other);
    judge_cleaned_frames();
    if (first_utterance && samples_in - utterance_start_sample > kLevelProbeMaxSamples) first_utterance = false;
    if (first_utterance && in_utterance && denoiser.floor()) clean_first_utterance();
    if (!in_utterance) {
      if (speech) {
        start_utterance(samples_in - preroll.size());
        if (feed_cleaned) {
          feed_input({}, denoiser.cleaned_until());
        } else {
          feed(preroll);
          feed(frame);
        }
        preroll.clear();
      } else {
        preroll.insert(preroll.end(), frame.begin(), frame.end());
        if (preroll.size() > kPrerollSamples) preroll.erase(preroll.begin(), preroll.begin() + kFrameSamples);
      }
    } else {
      feed_input(frame, denoiser.cleaned_until());
      pause_frames = speech ? 0 : pause_frames + 1;
    }
    // The level of the speech heard, for the next utterance's gain (the first
    // utterance's comes from its own first 0.25 s of speech: kLevelProbeFrames).
    // Speech the face shows only: a click the detector heard but did not take
    // for speech set the gain back for a quiet speaker for ~30 s of speech.
    recent_peaks[frames_seen++ % kSustainFrames] = peak;
    const float sustained_peak = *std::min_element(recent_peaks.begin(), recent_peaks.end());
    if (in_utterance && verdict.speech) {
      speech_peak = std::max(speech_peak, sustained_peak);
      if (probing_level) {
        probe_peak = std::max(probe_peak, sustained_peak);
        if (++probe_speech_frames >= kLevelProbeFrames) settle_level();
      }
    }
    if (in_utterance && voice.size() < voice.capacity()) {
      // The onset the detector has just confirmed (the pre-roll holds it when
      // the utterance starts here).
      const size_t earlier = std::min(static_cast<size_t>(verdict.earlier_frames), voice.size());
      std::fill(voice.end() - static_cast<long>(earlier), voice.end(), true);
      voice.push_back(verdict.speech);
    }
    if (in_utterance && ++frames_since_cmn_update >= kCmnUpdateFrames) {
      decoder.update_live_cmn();
      frames_since_cmn_update = 0;
    }
    samples_in += frame.size();
    if (!in_utterance) {
      emit(kSilence, static_cast<double>(samples_in - preroll.size()) / kSampleRate);
      return;
    }
    const double utterance_s = static_cast<double>(samples_in - utterance_start_sample) / kSampleRate;
    if (pause_frames * kFrameSeconds >= settings.utterance_pause_s) {
      end_utterance();
    } else if (utterance_s >= settings.max_utterance_s) {
      end_utterance();
      // Speech goes on: cut and carry on (from the cleaned audio the decoder
      // then misses the last 16-32 ms of the utterance that ends here).
      start_utterance(samples_in);
    }
  }
};

PhoneticStream::PhoneticStream(const SpeechSettings& settings, SharedModels* shared)
    : impl_(std::make_unique<Impl>(settings, shared)) {}
PhoneticStream::~PhoneticStream() {
  if (impl_->in_utterance) ps_end_utt(impl_->decoder.get());
  if (impl_->broken) impl_->lease.discard();
}

void PhoneticStream::push(std::span<const float> pcm16k) {
  auto& s = *impl_;
  while (!pcm16k.empty()) {
    const size_t take = std::min(pcm16k.size(), static_cast<size_t>(kFrameSamples) - s.pending.size());
    s.pending.insert(s.pending.end(), pcm16k.begin(), pcm16k.begin() + static_cast<long>(take));
    pcm16k = pcm16k.subspan(take);
    if (s.pending.size() == static_cast<size_t>(kFrameSamples)) {
      s.process_frame(s.pending);
      s.pending.clear();
    }
  }
}

double PhoneticStream::pull(std::vector<PhoneSegment>& out) {
  auto& s = *impl_;
  if (s.in_utterance) s.emit_until(ps_get_n_frames(s.decoder.get()) - kLagFrames);
  out.insert(out.end(), s.ready.begin(), s.ready.end());
  s.ready.clear();
  return s.final_time;
}

double PhoneticStream::peek(std::vector<PhoneSegment>& out) {
  auto& s = *impl_;
  if (!s.in_utterance) return static_cast<double>(s.samples_in) / kSampleRate;  // idle: silence so far
  const int limit = ps_get_n_frames(s.decoder.get()) - kTentativeLagFrames;
  if (limit <= s.final_frame) return s.final_time;
  s.best_path();
  if (s.segments.empty()) return s.final_time;
  const int base = s.segments.front().start_frame;
  for (const auto& seg : s.segments) {
    const int start = std::max(seg.start_frame - base, s.final_frame);
    const int end = std::min(seg.end_frame + 1 - base, limit);
    if (end <= start) continue;
    const std::string phone = normalize_phone(seg.word);
    if (is_bilabial(phone)) return std::max(s.frame_time(start), s.final_time);
    for (int f = start; f < end; ++f) {
      const double from = std::max(s.frame_time(f), s.final_time), to = s.frame_time(f + 1);
      if (to > from) append_joined(out, s.shown_phone(phone, f), from, to);
    }
  }
  return std::max(s.frame_time(limit), s.final_time);
}

double PhoneticStream::finish(std::vector<PhoneSegment>& out) {
  auto& s = *impl_;
  if (!s.pending.empty()) {  // a last partial frame: decode it with the rest
    s.denoiser.push(s.pending, HeardAs::other);
    if (s.in_utterance && !s.feed_cleaned) s.feed(s.pending);
    s.samples_in += s.pending.size();
    s.pending.clear();
  }
  if (s.in_utterance && s.feed_cleaned) {
    s.denoiser.flush();
    s.feed_input({}, s.samples_in);
  }
  s.end_utterance();
  s.emit(kSilence, static_cast<double>(s.samples_in) / kSampleRate);
  s.preroll.clear();
  return pull(out);
}

}  // namespace facecast::speech
