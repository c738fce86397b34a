// Internal: the limits every audio input is held to, in one place, with the
// messages users see when they are broken.
#pragma once
#include <cstddef>

#include "core/settings.h"

namespace facecast::audio::detail {

constexpr int kMinRate = 8000;
constexpr int kMaxRate = 96000;
constexpr int kMaxChannels = 8;

// Throw Error(UnsupportedFormat) naming the value and the accepted range
// (Error(InvalidArgument) for a stated raw format: the caller chose it).
void check_file_layout(int sample_rate, int channels);
void check_raw_layout(int sample_rate, int channels);
// Throws Error(AudioTooLong) when `seconds` exceeds settings.max_duration_s.
void check_duration(double seconds, const AudioSettings& settings);
// What the float samples were read from: a wider type (64-bit float) may have
// held a finite value that reads as infinite.
enum class SourceSamples { FloatOrNarrower, WiderThanFloat };
// Throws Error(InvalidSamples) if a sample among `count` interleaved ones is
// NaN or infinite; `first_frame` and `sample_rate` place it in time.
void check_finite(const float* samples, std::size_t count, int channels, std::size_t first_frame,
                  int sample_rate, SourceSamples source = SourceSamples::FloatOrNarrower);

}  // namespace facecast::audio::detail
