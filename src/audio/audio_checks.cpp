#include "audio/audio_checks.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/error.h"

namespace facecast::audio::detail {
namespace {

void check_layout(int sample_rate, int channels, ErrorCode code) {
  if (sample_rate < kMinRate || sample_rate > kMaxRate) {
    throw Error(code, fmt::format("sample rate {} Hz is not supported (accepted: {} to {} Hz)",
                                  sample_rate, kMinRate, kMaxRate));
  }
  if (channels < 1 || channels > kMaxChannels) {
    throw Error(code, fmt::format("{} channels are not supported (accepted: 1 to {})", channels,
                                  kMaxChannels));
  }
}

// Exponent bits all set means NaN or infinity. Testing bits (an integer OR over
// the block, which vectorises) keeps the check cheap; we only search for the
// culprit once we know there is one.
bool all_finite(const float* samples, std::size_t count) {
  std::uint32_t non_finite = 0;
  for (std::size_t i = 0; i < count; ++i) {
    std::uint32_t bits;
    std::memcpy(&bits, samples + i, sizeof bits);
    non_finite |= static_cast<std::uint32_t>((bits & 0x7F800000u) == 0x7F800000u);
  }
  return non_finite == 0;
}

}  // namespace

void check_file_layout(int sample_rate, int channels) {
  check_layout(sample_rate, channels, ErrorCode::UnsupportedFormat);
}

void check_raw_layout(int sample_rate, int channels) {
  check_layout(sample_rate, channels, ErrorCode::InvalidArgument);
}

void check_duration(double seconds, const AudioSettings& settings) {
  if (seconds > settings.max_duration_s) {
    throw Error(ErrorCode::AudioTooLong,
                fmt::format("audio is {:.3f} s long; the limit is {:g} s (setting max_duration)",
                            seconds, settings.max_duration_s));  // 3 decimals: 3.204 s never reads as a 3.2 s limit
  }
}

void check_finite(const float* samples, std::size_t count, int channels, std::size_t first_frame,
                  int sample_rate, SourceSamples source) {
  if (all_finite(samples, count)) return;
  for (std::size_t i = 0; i < count; ++i) {
    if (!std::isfinite(samples[i])) {
      const std::size_t frame = first_frame + i / static_cast<std::size_t>(channels);
      // A 64-bit sample past ±3.4e38 becomes infinite when read as float.
      const char* what = std::isnan(samples[i])                ? "NaN"
                         : source == SourceSamples::WiderThanFloat ? "infinite or out-of-range (beyond ±3.4e38)"
                                                                   : "infinite";
      throw Error(ErrorCode::InvalidSamples,
                  fmt::format("{} sample at {:.3f} s (channel {}): audio must be finite numbers",
                              what,
                              static_cast<double>(frame) / sample_rate,
                              i % static_cast<std::size_t>(channels) + 1));
    }
  }
}

}  // namespace facecast::audio::detail
