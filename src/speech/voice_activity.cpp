#include "speech/voice_activity.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace facecast::speech {
namespace {

constexpr double kMinRangeDb = 8;        // less spread than this: no speech at all
constexpr size_t kMinSpeechFrames = 30;  // the loudest 0.3 s: speech when the 98th percentile is background
constexpr double kDigitalSilenceDb = -110;  // spliced-in zeros: not a noise floor to measure
constexpr double kAbsoluteFloorDb = -90;    // quieter frames are never speech (below 16-bit LSB)
// Frames this far below the speech level and under kAbsoluteFloorDb are edited
// silence (16-bit dither: about -97 dB), not a background to measure.
constexpr double kEditedSilenceBelowPeakDb = 60;
constexpr size_t kEditedSilenceFrames = 50;  // in runs of 0.5 s or more
constexpr int kSmoothFrames = 5;            // energy averaged over 50 ms: noise flickers less
constexpr int kHangoverFrames = 5;       // keep weak onsets and releases
constexpr double kPadS = 0.25;           // silence kept around a chunk

std::vector<double> frame_energies_db(std::span<const float> pcm) {
  const size_t n = (pcm.size() + kFrameSamples - 1) / kFrameSamples;
  std::vector<double> db(n);
  for (size_t f = 0; f < n; ++f) {
    const size_t b = f * kFrameSamples, e = std::min(pcm.size(), b + kFrameSamples);
    double sum = 0;
    for (size_t i = b; i < e; ++i)
      if (std::isfinite(pcm[i])) sum += static_cast<double>(pcm[i]) * pcm[i];
    db[f] = sum / static_cast<double>(e - b);
  }
  // Moving average of power, then dB.
  std::vector<double> smooth(n);
  double acc = 0;
  for (size_t f = 0; f < n; ++f) {
    acc += db[f];
    if (f >= kSmoothFrames) acc -= db[f - kSmoothFrames];
    const size_t count = std::min<size_t>(f + 1, kSmoothFrames);
    smooth[f] = acc / static_cast<double>(count);
  }
  // Centre the window (shift back by half its length).
  for (size_t f = 0; f < n; ++f)
    db[f] = 10 * std::log10(std::max(0.0, smooth[std::min(n - 1, f + kSmoothFrames / 2)]) + 1e-12);
  return db;
}

double percentile(std::vector<double> v, double p) {
  const size_t k = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

struct Run {
  size_t begin, end;  // frames [begin, end)
};

std::vector<Run> speech_runs(const std::vector<bool>& mask) {
  std::vector<Run> runs;
  for (size_t f = 0; f < mask.size(); ++f) {
    if (!mask[f]) continue;
    if (!runs.empty() && runs.back().end == f) runs.back().end = f + 1;
    else runs.push_back({f, f + 1});
  }
  return runs;
}

// Splits runs longer than max_frames at their quietest frame past half the limit.
std::vector<Run> split_long_runs(const std::vector<Run>& runs, const std::vector<double>& db, size_t max_frames) {
  std::vector<Run> out;
  for (Run r : runs) {
    while (r.end - r.begin > max_frames) {
      size_t cut = r.begin + max_frames / 2;
      for (size_t f = cut; f < r.begin + max_frames; ++f)
        if (db[f] < db[cut]) cut = f;
      out.push_back({r.begin, cut});
      r.begin = cut;
    }
    out.push_back(r);
  }
  return out;
}

// The frames above digital silence, leaving out runs of at least
// kEditedSilenceFrames at or below `edited_silence` (an edited pause; the few
// quiet frames at a synthetic voice's edges stay).
std::vector<double> without_edited_silence(const std::vector<double>& db, double edited_silence) {
  std::vector<double> out;
  for (size_t f = 0; f < db.size();) {
    if (db[f] > edited_silence) {  // above the cut, so above digital silence too
      out.push_back(db[f++]);
      continue;
    }
    const size_t begin = f;
    while (f < db.size() && db[f] <= edited_silence) ++f;
    if (f - begin >= kEditedSilenceFrames) continue;
    for (size_t g = begin; g < f; ++g)
      if (db[g] > kDigitalSilenceDb) out.push_back(db[g]);
  }
  return out;
}

}  // namespace

FrameActivity analyse_frames(std::span<const float> pcm16k) {
  FrameActivity a;
  a.db = frame_energies_db(pcm16k);
  a.loud.assign(a.db.size(), false);
  // Measure the floor on the recording's own background, not on digital
  // silence that may have been spliced in: zeros, or near-silence such as the
  // dither of an edited 16-bit pause. Pauses edited to -97 dB between phrases
  // that each carry -45 dB of room tone put the floor at the dither, the room
  // tone counted as speech, and align mode dropped or moved the words after
  // such a pause. A recording that is itself that quiet (speech within 60 dB
  // of its -95 dB background) keeps its background.
  std::vector<double> live;
  for (double e : a.db)
    if (e > kDigitalSilenceDb) live.push_back(e);
  if (!live.empty()) {
    double peak = percentile(live, 0.98);
    const double edited_silence = std::min(kAbsoluteFloorDb, peak - kEditedSilenceBelowPeakDb);
    const std::vector<double> background = without_edited_silence(a.db, edited_silence);
    const double floor = percentile(background.size() > kMinSpeechFrames ? background : live, 0.10);
    // A sentence in a long noisy recording (a voicemail: 2 s in 100) is under
    // 2 % of its frames, so the percentile is the noise; the loudest 0.3 s
    // then measures the speech (a door slam is shorter).
    if (peak - floor < kMinRangeDb && live.size() > kMinSpeechFrames)
      peak = percentile(live, 1.0 - static_cast<double>(kMinSpeechFrames) / static_cast<double>(live.size()));
    if (peak - floor >= kMinRangeDb && peak >= kAbsoluteFloorDb) {
      const double threshold =
          std::max({floor + std::max(6.0, 0.35 * (peak - floor)), peak - 50, kAbsoluteFloorDb});
      for (size_t f = 0; f < a.db.size(); ++f) a.loud[f] = a.db[f] > threshold;
    }
  }
  // The hangover keeps weak onsets and releases.
  a.voiced.assign(a.loud.size(), false);
  for (size_t f = 0; f < a.loud.size(); ++f) {
    if (!a.loud[f]) continue;
    const size_t b = f >= kHangoverFrames ? f - kHangoverFrames : 0;
    const size_t e = std::min(a.loud.size(), f + kHangoverFrames + 1);
    for (size_t g = b; g < e; ++g) a.voiced[g] = true;
  }
  return a;
}

int count_frames(const std::vector<bool>& mask, size_t begin, size_t end) {
  int n = 0;
  for (size_t f = begin; f < std::min(end, mask.size()); ++f) n += mask[f];
  return n;
}

std::vector<Chunk> cut_into_chunks(std::span<const float> pcm16k, const SpeechSettings& settings) {
  return cut_into_chunks(analyse_frames(pcm16k), pcm16k.size(), settings);
}

std::vector<Chunk> cut_into_chunks(const FrameActivity& activity, size_t samples, const SpeechSettings& settings) {
  const auto& mask = activity.voiced;
  auto runs = speech_runs(mask);
  if (runs.empty()) return {};
  const auto frames = [](double s) { return static_cast<size_t>(std::max(1.0, std::round(s / kFrameSeconds))); };
  const size_t pause = frames(settings.utterance_pause_s);
  const size_t max_len = std::max<size_t>(frames(settings.max_utterance_s), 100);
  const size_t max_inner_pause = frames(kMaxInnerPauseS);

  // Pauses shorter than utterance_pause_s are part of the utterance.
  std::vector<Run> utterances;
  for (const Run& r : runs) {
    if (!utterances.empty() && r.begin - utterances.back().end < pause) utterances.back().end = r.end;
    else utterances.push_back(r);
  }
  utterances = split_long_runs(utterances, activity.db, max_len);

  std::vector<Run> merged;
  for (const Run& u : utterances) {
    if (!merged.empty() && u.begin - merged.back().end <= max_inner_pause && u.end - merged.back().begin <= max_len)
      merged.back().end = u.end;
    else merged.push_back(u);
  }

  const size_t pad = frames(kPadS);
  const size_t total = samples;
  std::vector<Chunk> chunks;
  for (size_t i = 0; i < merged.size(); ++i) {
    const size_t gap_before = i == 0 ? merged[i].begin : merged[i].begin - merged[i - 1].end;
    const size_t gap_after = i + 1 == merged.size() ? mask.size() - merged[i].end : merged[i + 1].begin - merged[i].end;
    const size_t pad_before = i == 0 ? std::min(pad, gap_before) : std::min(pad, gap_before / 2);
    const size_t pad_after = i + 1 == merged.size() ? std::min(pad, gap_after) : std::min(pad, gap_after / 2);
    Chunk c;
    c.begin = (merged[i].begin - pad_before) * kFrameSamples;
    c.end = std::min(total, (merged[i].end + pad_after) * kFrameSamples);
    if (c.end > c.begin) chunks.push_back(c);
  }
  return chunks;
}

}  // namespace facecast::speech

namespace facecast::speech {

LiveVoiceVerdict LiveVoiceActivity::push_frame(double mean_square) {
  constexpr double kFloorRisePerFrame = 0.02;  // dB: 2 dB/s
  constexpr double kPeakDecayPerFrame = 0.01;  // dB: 1 dB/s
  constexpr double kMinSpeechRangeDb = 15;     // assumed until real speech has been heard
  const double db = 10 * std::log10((std::isfinite(mean_square) ? mean_square : 0.0) + 1e-12);
  if (db > kDigitalSilenceDb) {
    if (!started_) {
      floor_db_ = db;
      started_ = true;
    }
    floor_db_ = db < floor_db_ ? db : floor_db_ + kFloorRisePerFrame;
    peak_db_ = std::max(-200.0, peak_db_ - kPeakDecayPerFrame);
  }
  const double range = std::max(kMinSpeechRangeDb, peak_db_ - floor_db_);
  const double threshold = std::max({floor_db_ + std::max(6.0, 0.35 * range), peak_db_ - 50, kAbsoluteFloorDb});
  const bool loud = started_ && db > threshold;
  const bool heard = loud || heard_hangover_ > 0;
  heard_hangover_ = loud ? kHangoverFrames : std::max(0, heard_hangover_ - 1);
  // The speech level is taken from speech only: one click or knock in a pause
  // (the input stage's declipping can lift it over full scale) raised the
  // threshold for seconds, and speech after it went unheard.
  if (speech_hangover_ > 0) {  // in speech: a loud frame goes on with it
    speech_hangover_ = loud ? kHangoverFrames : speech_hangover_ - 1;
    if (loud) peak_db_ = std::max(peak_db_, db);
    return {heard, true, 0};
  }
  if (onset_frames_ == 0 && !loud) {
    quiet_frames_ = std::min(quiet_frames_ + 1, kOnsetAfterQuietFrames);
    return {heard, false, 0};
  }
  const bool after_closure = quiet_frames_ < kOnsetAfterQuietFrames;  // a stop's release, or a click
  const int window = after_closure ? kReleaseWindowFrames : kOnsetWindowFrames;
  ++onset_frames_;  // since the first loud frame, this one included
  if (loud) {
    ++onset_loud_frames_;
    onset_peak_db_ = std::max(onset_peak_db_, db);
  }
  if (onset_frames_ < window) return {heard, false, 0};
  const bool onset = after_closure ? onset_loud_frames_ >= kReleaseLoudFrames
                                   : loud && onset_loud_frames_ >= kOnsetLoudFrames;
  onset_frames_ = onset_loud_frames_ = 0;
  const double onset_peak_db = std::exchange(onset_peak_db_, -200.0);
  if (!onset) return {heard, false, 0};  // a noise that has died away: still a pause
  peak_db_ = std::max(peak_db_, onset_peak_db);
  quiet_frames_ = 0;
  speech_hangover_ = kHangoverFrames;
  return {heard, true, window - 1};
}

}  // namespace facecast::speech
