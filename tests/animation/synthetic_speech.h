// Synthetic inputs for face-synthesis tests: phone timelines built from
// (phone, duration) lists and audio made of sine bursts whose level follows the
// phones, so loudness can be controlled without a speech decoder.
#pragma once
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <numbers>
#include <string>
#include <utility>
#include <vector>

#include "animation/face_synth.h"
#include "animation/phones.h"
#include "core/timeline.h"

namespace facecast::testing {

struct Timed {
  std::string phone;
  double seconds;
};

// Phones back to back from time 0.
inline SpeechTimeline timeline(std::initializer_list<Timed> phones) {
  SpeechTimeline t;
  double at = 0;
  for (const auto& p : phones) {
    t.phones.push_back({p.phone, at, at + p.seconds});
    at += p.seconds;
  }
  return t;
}

inline double timeline_end(const SpeechTimeline& t) { return t.phones.empty() ? 0 : t.phones.back().end; }

// 16 kHz audio as long as the timeline: a 200 Hz sine at `amplitude` during
// speech (times `boost` inside segments listed in `loud`), near-silence in SIL.
inline std::vector<float> sine_speech(const SpeechTimeline& t, float amplitude = 0.2f,
                                      const std::vector<std::size_t>& loud = {}, float boost = 1.0f) {
  std::vector<float> pcm(static_cast<std::size_t>(std::ceil(timeline_end(t) * 16000)));
  for (std::size_t i = 0; i < t.phones.size(); ++i) {
    const auto& p = t.phones[i];
    if (p.phone == "SIL") continue;
    float a = amplitude;
    for (std::size_t j : loud)
      if (j == i) a *= boost;
    const auto from = static_cast<std::size_t>(p.start * 16000);
    const auto to = std::min(pcm.size(), static_cast<std::size_t>(p.end * 16000));
    for (std::size_t s = from; s < to; ++s)
      pcm[s] = a * static_cast<float>(std::sin(2 * std::numbers::pi * 200.0 * s / 16000.0));
  }
  for (std::size_t s = 0; s < pcm.size(); ++s) pcm[s] += 1e-4f * (static_cast<float>(s * 7919 % 200) - 100.0f) / 100.0f;
  return pcm;
}

// A long pseudo-random phone sequence (words of 2-6 phones, 40-160 ms each,
// pauses of 50-400 ms between some words), deterministic for a seed.
inline SpeechTimeline random_speech(std::uint32_t seed, int words) {
  static const char* kPhones[] = {"AA", "AE", "AH", "AO", "AW", "AY", "B",  "CH", "D", "DH",
                                  "EH", "ER", "EY", "F",  "G",  "HH", "IH", "IY", "JH", "K",
                                  "L",  "M",  "N",  "NG", "OW", "OY", "P",  "R",  "S",  "SH",
                                  "T",  "TH", "UH", "UW", "V",  "W",  "Y",  "Z",  "ZH"};
  std::uint32_t state = seed * 2654435761u + 1;
  auto next = [&](std::uint32_t n) {
    state = state * 1664525u + 1013904223u;
    return (state >> 8) % n;
  };
  SpeechTimeline t;
  double at = 0;
  auto add = [&](const std::string& p, double d) {
    t.phones.push_back({p, at, at + d});
    at += d;
  };
  add("SIL", 0.3);
  for (int w = 0; w < words; ++w) {
    const int n = 2 + static_cast<int>(next(5));
    for (int i = 0; i < n; ++i) add(kPhones[next(39)], 0.04 + 0.01 * next(13));
    if (next(3) == 0) add("SIL", 0.05 + 0.01 * next(36));
  }
  add("SIL", 0.4);
  return t;
}

// The offline run without synthesize()'s preview of the whole audio: what a
// live stream of the same input gives (loudness judged as heard so far).
inline std::vector<FaceFrame> synthesize_as_heard(const SpeechTimeline& t, std::span<const float> pcm,
                                                  const FaceSettings& settings) {
  animation::FaceSynth synth(settings);
  synth.push_audio(pcm);
  synth.push_phones(t.phones, timeline_end(t));
  synth.finish();
  std::vector<FaceFrame> frames;
  synth.pull(frames);
  return frames;
}

// Index of the frame nearest time t.
inline std::size_t frame_at(double t, int fps) { return static_cast<std::size_t>(std::lround(t * fps)); }

inline FaceSettings settings_at(int fps) {
  FaceSettings s;
  s.fps = fps;
  return s;
}

}  // namespace facecast::testing
