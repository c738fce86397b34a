#include "animation/face_synth.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "animation/articulation.h"
#include "animation/coarticulation.h"
#include "animation/emotion_track.h"
#include "animation/face_life.h"
#include "animation/loudness.h"
#include "animation/motion_limiter.h"
#include "animation/mouth_pose.h"
#include "animation/phone_track.h"
#include "animation/phones.h"
#include "animation/phrasing.h"
#include "animation/prosody.h"
#include "core/error.h"

namespace facecast::animation {
namespace {

// Files, auto emotion: a phrase's estimate is reached this long before the phrase starts.
constexpr double kPhraseEmotionLead = 0.3;

// Live: a p/b/m the decoder settles on after the frames over it were sent is
// shown on the next frame if that frame is at most this far past its end
// (later, the next sound is already on screen). bench_live, p/b/m recall /
// precision: real speech 60.0 / 75.0 -> 68.6 / 77.4 %, 35 dB quieter
// 48.6 / 45.9 -> 57.1 / 50.0 %, clipped 51.4 / 58.1 -> 57.1 / 60.6 %, flite
// 80.3 / 82.9 -> 80.3 / 82.2 %; +-20 ms visemes within 0.1 on every set.
// 40 ms: flite precision 80.8 %.
constexpr double kLateClosureS = 0.02;

void require(bool ok, const std::string& what) {
  if (!ok) throw Error(ErrorCode::InvalidArgument, "face settings: " + what);
}

void validate(const FaceSettings& s) {
  auto in = [](double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; };
  require(s.fps >= kMinFps && s.fps <= kMaxFps, fmt::format("fps must be 23.976..120, got {}", s.fps));
  require(in(s.lower_face_strength, 0, 2), "lower_face_strength must be 0..2");
  require(in(s.upper_face_strength, 0, 2), "upper_face_strength must be 0..2");
  require(in(s.smoothing, 0, 2), "smoothing must be 0..2");
  require(in(s.lip_open_offset, -0.2, 0.2), "lip_open_offset must be -0.2..0.2");
  require(in(s.loudness_strength, 0, 2), "loudness_strength must be 0..2");
  require(in(s.blink_strength, 0, 1), "blink_strength must be 0..1");
  require(in(s.eyelid_open_offset, -0.5, 0.5), "eyelid_open_offset must be -0.5..0.5");
  require(in(s.gaze_strength, 0, 2), "gaze_strength must be 0..2");
  require(in(s.head_motion, 0, 2), "head_motion must be 0..2");
  require(in(s.emotion_strength, 0, 2), "emotion_strength must be 0..2");
  for (float e : s.emotion) require(std::isfinite(e) && e >= 0 && e <= 1, "emotion weights must be 0..1");
  for (std::size_t k = 0; k < s.emotion_keys.size(); ++k) {
    const EmotionKey& key = s.emotion_keys[k];
    require(std::isfinite(key.time) && key.time >= 0, "emotion key times must be 0 or more");
    require(k == 0 || key.time > s.emotion_keys[k - 1].time, "emotion key times must increase");
    for (float e : key.weights) require(std::isfinite(e) && e >= 0 && e <= 1, "emotion key weights must be 0..1");
  }
}

float unit(float x) { return std::isfinite(x) ? std::clamp(x, 0.0f, 1.0f) : 0.0f; }

}  // namespace

struct FaceSynth::Impl {
  explicit Impl(const FaceSettings& s) : settings(s), emotion(s), layers(make_face_life_layers(s)) {
    last_tick.fps = s.fps;
    params.smoothing = s.smoothing;
    params.horizon = kLookaheadSeconds;
    params.viseme_window = kVisemeWindowFrames / s.fps;
  }

  double time_of(std::int64_t frame) const { return static_cast<double>(frame) / settings.fps; }

  // Frames are emitted up to (not including) this one.
  std::int64_t frame_end() const {
    if (!finished) return std::numeric_limits<std::int64_t>::max();
    const double duration = loudness.has_audio() ? loudness.duration() : track.speech_end();
    return static_cast<std::int64_t>(std::ceil(duration * settings.fps - 1e-9));
  }

  // A bilabial that became final only after frames over it were sent: the
  // next frame takes the mouth at its middle (see kLateClosureS).
  std::optional<double> late_closure_at;

  // Live: a guess never shows a bilabial that is not final (phonetic_stream),
  // but a guess of another phone can go out before the decoder settles on a
  // p/b/m there. The next frame shows the closure late rather than not at all.
  void catch_up_closures(std::span<const PhoneSegment> phones) {
    if (next_frame == 0) return;
    const double last_sent = time_of(next_frame - 1), next = time_of(next_frame);
    for (const PhoneSegment& seg : phones) {
      const auto phone = parse_phone(seg.phone);
      if (phone && is_bilabial(*phone) && seg.start < last_sent && next <= seg.end + kLateClosureS)
        late_closure_at = 0.5 * (seg.start + seg.end);
    }
  }

  bool ready(std::int64_t frame) const {
    if (frame >= frame_end()) return false;
    if (finished) return true;
    const double t = time_of(frame);
    return t + kLookaheadSeconds <= track.known_until() && loudness.ready_for(t) && prosody.ready_for(t);
  }

  // Runs the face-life clock through tick `last` (ticks are prosody hops);
  // returns the context of the last tick without its events, for the frame.
  FaceContext tick_until(std::int64_t last) {
    FaceContext c = last_tick;
    for (; next_tick <= last; ++next_tick) {
      c.time = static_cast<double>(next_tick) * kFaceTick;
      c.speech = sounding_at(c.time) ? 1.0f : 0.0f;
      c.prosody = prosody.at_hop(next_tick);
      c.phrase = phrasing.update(c.time, c.speech, c.prosody);
      emotion.tick(c.time, c.phrase, c.prosody);
      for (auto& layer : layers) layer->tick(c);
    }
    last_tick = c;
    c.prosody.accents = c.prosody.voice_onsets = 0;
    c.phrase.phrase_started = c.phrase.phrase_ended = c.phrase.question = false;
    return c;
  }

  // Whether a phone other than silence covers time t.
  bool sounding_at(double t) const {
    const auto phones = track.phones();
    const auto after = std::upper_bound(phones.begin(), phones.end(), t,
                                        [](double time, const TimedPhone& p) { return time < p.start; });
    return after != phones.begin() && t < std::prev(after)->end && std::prev(after)->phone != Phone::SIL;
  }

  // Coarticulated mouth and its output-scale targets at time t (before velocity limiting).
  MouthState mouth_at(double t, float& gain, Pose& values) {
    const auto phones = track.phones();
    // The first phone that can still influence t, looked up afresh each frame:
    // a revised live guess may replace the tail with fewer phones, so an index
    // kept from the last frame can point past the phone being spoken.
    const auto first = std::partition_point(phones.begin(), phones.end(), [&](const TimedPhone& p) {
      return p.end < t - kLongestBackwardInfluence;
    });
    const auto index = static_cast<std::size_t>(first - phones.begin());
    const std::size_t at = phones.empty() ? 0 : std::min(index, phones.size() - 1);
    const std::size_t from = at > 0 ? at - 1 : 0;  // the neighbour before, for closure ramps
    const MouthState mouth = coarticulate(phones.subspan(from), t, params);
    gain = loudness.gain_at(t, settings.loudness_strength);
    values = mouth_targets(mouth, gain, settings);
    return mouth;
  }

  void compute(std::int64_t frame, FaceFrame& out) {
    const double t = time_of(frame);
    float gain = 1;
    Pose target;
    MouthState mouth;
    if (!limiter.started()) {
      mouth = mouth_at(t, gain, target);
      limiter.start(target);
    } else {
      // Internal steps of at most MotionLimiter::kStep between frames.
      const double span = t - limited_until;
      const int steps = std::max(1, static_cast<int>(std::ceil(span / MotionLimiter::kStep - 1e-9)));
      for (int k = 1; k <= steps; ++k) {
        const double at = k == steps ? t : limited_until + span * k / steps;
        mouth = mouth_at(k == steps && late_closure_at ? *late_closure_at : at, gain, target);
        const double rate = MotionLimiter::kMaxRate + mouth.rest * (MotionLimiter::kRestRate - MotionLimiter::kMaxRate);
        limiter.step(target, span / steps, rate);
      }
    }
    late_closure_at.reset();
    limited_until = t;
    out = FaceFrame{};
    write_mouth(limiter.values(), mouth, static_cast<float>(settings.lower_face_strength), out);
    FaceContext context = tick_until(ProsodyTracker::hop_at(t));
    context.time = t;
    context.speech = mouth.speech;
    context.loudness_gain = gain;
    context.lip_seal = mouth.closure;
    context.emotion = emotion.next(t);
    for (auto& layer : layers) layer->apply(context, out);
    for (float& w : out.blendshapes) w = unit(w);
    for (float& w : out.visemes) w = unit(w);
  }

  FaceSettings settings;
  CoarticulationParams params;
  PhoneTrack track;
  LoudnessTracker loudness;
  ProsodyTracker prosody;
  Phrasing phrasing;
  EmotionTrack emotion;
  MotionLimiter limiter;
  double limited_until = 0;  // time the limiter has reached
  std::vector<std::unique_ptr<FaceLayer>> layers;
  std::int64_t next_frame = 0;
  std::int64_t next_tick = 0;
  FaceContext last_tick;  // as the last tick saw it
  bool finished = false;
};

FaceSynth::FaceSynth(const FaceSettings& settings) {
  validate(settings);
  impl_ = std::make_unique<Impl>(settings);
}

FaceSynth::~FaceSynth() = default;

void FaceSynth::push_audio(std::span<const float> pcm16k) {
  if (impl_->finished) throw Error(ErrorCode::InvalidArgument, "face synth: audio pushed after finish()");
  impl_->loudness.push(pcm16k);
  impl_->prosody.push(pcm16k);
}

void FaceSynth::preview_audio(std::span<const float> pcm16k) {
  if (impl_->loudness.has_audio() || impl_->next_frame > 0)
    throw Error(ErrorCode::InvalidArgument, "face synth: audio previewed after it was pushed");
  impl_->loudness.preview(pcm16k);
}

void FaceSynth::configure(const FaceSettings& settings) {
  validate(settings);
  if (settings.fps != impl_->settings.fps)
    throw Error(ErrorCode::InvalidArgument, "face settings: fps cannot change once frames are made");
  impl_->settings = settings;
  impl_->params.smoothing = settings.smoothing;
  impl_->emotion.configure(settings);
  for (auto& layer : impl_->layers) layer->configure(settings);
}

void FaceSynth::keep_emotion_estimates() { impl_->emotion.keep_estimates(); }
const std::vector<PhraseEmotion>& FaceSynth::emotion_estimates() const { return impl_->emotion.estimates(); }

void FaceSynth::push_phones(std::span<const PhoneSegment> phones, double final_until) {
  if (impl_->finished) throw Error(ErrorCode::InvalidArgument, "face synth: phones pushed after finish()");
  if (std::isnan(final_until)) throw Error(ErrorCode::InvalidArgument, "face synth: final_until is NaN");
  impl_->track.append(phones);
  impl_->catch_up_closures(phones);  // phones the track accepted
  impl_->track.complete_until(final_until);
}

void FaceSynth::push_tentative_phones(std::span<const PhoneSegment> phones, double until) {
  if (impl_->finished) throw Error(ErrorCode::InvalidArgument, "face synth: phones pushed after finish()");
  if (std::isnan(until)) throw Error(ErrorCode::InvalidArgument, "face synth: tentative until is NaN");
  impl_->track.set_tentative(phones, until);
}

std::size_t FaceSynth::pull(std::vector<FaceFrame>& out) {
  Impl& s = *impl_;
  // Drop phones no future frame can reach (before the per-frame loop, where moving memory is fine).
  const double now = s.time_of(s.next_frame);
  s.track.forget_before(now - kLongestBackwardInfluence - 1.0);

  std::int64_t ready_end = s.next_frame;
  while (s.ready(ready_end)) ++ready_end;
  const auto count = static_cast<std::size_t>(ready_end - s.next_frame);
  out.reserve(out.size() + count);  // one allocation per pull, none per frame
  for (; s.next_frame < ready_end; ++s.next_frame) {
    out.emplace_back();
    s.compute(s.next_frame, out.back());
  }
  if (s.finished && s.next_frame >= s.frame_end()) s.emotion.end_of_input();
  return count;
}

void FaceSynth::finish() {
  if (impl_->finished) return;
  impl_->loudness.finish();
  impl_->prosody.finish();
  impl_->track.complete_until(std::numeric_limits<double>::max());
  impl_->finished = true;
}

namespace {

std::vector<FaceFrame> run_to_end(const SpeechTimeline& speech, std::span<const float> pcm16k,
                                  const FaceSettings& settings, std::vector<PhraseEmotion>* estimates) {
  FaceSynth synth(settings);
  if (estimates) synth.keep_emotion_estimates();
  synth.preview_audio(pcm16k);
  synth.push_audio(pcm16k);
  synth.push_phones(speech.phones, speech.phones.empty() ? 0.0 : speech.phones.back().end);
  synth.finish();
  std::vector<FaceFrame> frames;
  synth.pull(frames);
  if (estimates) *estimates = synth.emotion_estimates();
  return frames;
}

}  // namespace

std::vector<FaceFrame> synthesize(const SpeechTimeline& speech, std::span<const float> pcm16k,
                                  const FaceSettings& settings, std::vector<EmotionKey>* emotion_used) {
  if (settings.emotion_mode != EmotionMode::Auto) {
    if (emotion_used) {
      if (settings.emotion_mode == EmotionMode::Keys) *emotion_used = settings.emotion_keys;
      else *emotion_used = {EmotionKey{0.0, settings.emotion}};
    }
    return run_to_end(speech, pcm16k, settings, nullptr);
  }
  std::vector<PhraseEmotion> estimates;
  run_to_end(speech, pcm16k, settings, &estimates);
  FaceSettings keyed = settings;
  keyed.emotion_mode = EmotionMode::Keys;
  keyed.emotion_keys.clear();
  for (std::size_t k = 0; k < estimates.size(); ++k) {
    // Reach the phrase's emotion as it starts (the blend eases in before it)
    // and hold it through the phrase: the next blend starts 0.3 s before the next phrase.
    const PhraseEmotion& phrase = estimates[k];
    const double from = std::max(0.0, phrase.start - kPhraseEmotionLead);
    const double until = k + 1 < estimates.size() ? estimates[k + 1].start - 2 * kPhraseEmotionLead : phrase.end;
    auto& keys = keyed.emotion_keys;
    if (keys.empty() || from > keys.back().time) keys.push_back({from, phrase.weights});
    if (until > keys.back().time) keys.push_back({until, phrase.weights});
  }
  if (emotion_used) *emotion_used = keyed.emotion_keys;
  return run_to_end(speech, pcm16k, keyed, nullptr);
}

}  // namespace facecast::animation
