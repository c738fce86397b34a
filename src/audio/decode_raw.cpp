// decode_raw: headerless PCM held to the same checks as files.
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "audio/audio_checks.h"
#include "audio/decode.h"
#include "audio/pcm_bytes.h"
#include "audio/channel_mixer.h"
#include "audio/resampler.h"
#include "core/error.h"

namespace facecast::audio {

DecodedAudio decode_raw(std::span<const std::byte> bytes, const RawFormat& format,
                        const AudioSettings& settings) {
  detail::check_raw_layout(format.sample_rate, format.channels);
  const std::size_t sample_bytes = detail::bytes_per_sample(format.encoding);
  const std::size_t frame_bytes = sample_bytes * format.channels;
  const std::string_view name = encoding_name(format.encoding);
  if (bytes.empty()) throw Error(ErrorCode::EmptyAudio, "audio is empty (0 bytes)");
  if (bytes.size() % frame_bytes != 0) {
    throw Error(ErrorCode::CorruptAudio,
                fmt::format("{} bytes of {} with {} channel(s) is not a whole number of {}-byte "
                            "frames: the data is truncated or the stated format is wrong",
                            bytes.size(), name, format.channels, frame_bytes));
  }
  const std::size_t frames = bytes.size() / frame_bytes;
  detail::check_duration(static_cast<double>(frames) / format.sample_rate, settings);

  DecodedAudio result;
  result.source_rate = format.sample_rate;
  result.source_channels = format.channels;
  result.source_format = name;
  detail::ChannelMixer mixer(format.channels);
  detail::MonoResampler resampler(format.sample_rate);
  result.samples.reserve(resampler.output_size_for(frames));

  constexpr std::size_t kBlockFrames = 8192;
  std::vector<float> interleaved(kBlockFrames * format.channels);
  std::vector<float> mono(kBlockFrames);
  for (std::size_t first = 0; first < frames; first += kBlockFrames) {
    const std::size_t n = std::min(kBlockFrames, frames - first);
    const std::size_t count = n * format.channels;
    detail::pcm_to_float(bytes.data() + first * frame_bytes, count, format.encoding, interleaved.data());
    detail::check_finite(interleaved.data(), count, format.channels, first, format.sample_rate);
    mixer.mix(interleaved.data(), n, mono.data());
    resampler.push(mono.data(), n, result.samples);
  }
  resampler.finish(result.samples);
  return result;
}

}  // namespace facecast::audio
