// Steady background noise (fans, hiss, room tone) taken out of the audio the
// decoders hear. Offline: the whole input is known, so the noise spectrum is
// measured on its quietest frames. A Wiener gain per frequency (decision-directed
// a-priori SNR, which keeps "musical" residual noise down) leaves clean input as
// it is: where the measured noise is far below the signal the gain is ~1.
#pragma once
#include <span>
#include <vector>

namespace facecast::speech {

// Writes the cleaned audio to `out` and returns true, or returns false (out
// untouched) when there is no steady background to remove.
bool reduce_stationary_noise(std::span<const float> pcm16k, std::vector<float>& out);

}  // namespace facecast::speech
