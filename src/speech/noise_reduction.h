// Steady background noise (fans, hiss, room tone) taken out of the audio the
// decoders hear. Offline: the whole input is known, so the noise spectrum is
// measured on its own pauses first; then each stretch the decoders take is
// cleaned with it: a Wiener gain per frequency (decision-directed a-priori SNR,
// which keeps "musical" residual noise down). Clean input is left alone by the
// measurement, which finds no background worth removing.
#pragma once
#include <optional>
#include <span>
#include <vector>

namespace facecast::speech {

struct BackgroundNoise {
  std::vector<double> power;  // per frequency bin of the 512-sample analysis frame
  float min_gain = 1.0f;      // the deepest cut, 0.2 for strong noise, nearer 1 for weak
};

// The input's steady background, or nothing when there is none worth taking
// out: the pauses hold digital silence (synthetic speech, a gated recording),
// there are no pauses of 190 ms or more, or the background lies more than
// 36 dB below the speech in the speech band (clean recordings; hum below
// 130 Hz does not count).
std::optional<BackgroundNoise> measure_background_noise(std::span<const float> pcm16k);

// `in` with that background taken out, into `out` (same length).
void remove_background_noise(std::span<const float> in, const BackgroundNoise& noise, std::vector<float>& out);

}  // namespace facecast::speech
