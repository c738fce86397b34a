// Float samples -> the 16-bit PCM PocketSphinx reads.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace facecast::speech {

// Scales gain * [-1, 1] to int16 with clipping, adding a deterministic +-1 LSB
// dither so digital silence never reaches the log filterbank as exact zeros
// (which would skew cepstral mean normalisation). Appends to out.
// dither_state carries the noise sequence across the chunks of a stream.
constexpr uint32_t kDitherSeed = 0x9e3779b9u;
void append_pcm16(std::span<const float> samples, float gain, std::vector<int16_t>& out, uint32_t& dither_state);
inline void append_pcm16(std::span<const float> samples, float gain, std::vector<int16_t>& out) {
  uint32_t state = kDitherSeed;  // fixed seed: same input -> same output
  append_pcm16(samples, gain, out, state);
}

// The gain that brings a stretch's peak to kDecoderPeak (at most kMaxDecoderGain).
// Why: 16 bits hold a quiet recording in few levels beside the dither, and the
// rumble filter lifts a clipped recording's peaks past full scale; clipping them
// again for the decoder cost recognition 3 points (real speech at +18 dB, clipped).
// The decoders normalise level themselves (cepstral mean), so the gain is free.
constexpr float kDecoderPeak = 0.9f;
constexpr float kMaxDecoderGain = 30.0f;  // about 30 dB: a quiet stretch of noise stays quiet
float decoder_gain(std::span<const float> samples);

// Live audio cannot be measured ahead: a fixed gain that leaves room for the
// filter's overshoot on clipped input (0.6 recovered the loss above when
// measured offline; live: stream/offline agreement on the real fixture 86.9 %,
// 81.4 % for it clipped at +18 dB). Its cepstral mean starts from the model's
// typical level and takes seconds to follow (phonetic_stream.cpp), so ordinary
// speech is not normalised;
// speech whose peak in earlier utterances (or in the first 0.25 s of the
// first, phonetic_stream.cpp) was below kLiveQuietPeak / 0.6 is lifted to
// kLiveQuietPeak (librivox at -45 dB, one stream: agreement 43.8 -> 80.3 %;
// lifting ordinary speech to 0.9 lost 6 points).
constexpr float kLiveDecoderGain = 0.6f;
constexpr float kLiveQuietPeak = 0.06f;
// Speech louder than this (declipped input runs over full scale) is brought
// down to it, as it came from a hot microphone: at the fixed gain the decoder
// clipped it again and its cepstral mean started far from the speaker's.
constexpr float kLiveLoudPeak = 1.0f;
// The decoder gain for live speech whose peak so far is speech_peak (0: not
// heard yet): the fixed gain, a quiet speaker lifted, a loud one lowered.
float live_decoder_gain(float speech_peak);

}  // namespace facecast::speech
