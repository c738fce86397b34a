#include "audio/packet_decoder.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "audio/container_sniff.h"
#include "core/error.h"

namespace facecast::audio::detail {

std::unique_ptr<PacketDecoder> make_track_decoder(const MatroskaAudioTrack& track, const char* container) {
  if (track.codec_id == "A_OPUS") return make_opus_decoder(track.codec_private);
  if (track.codec_id == "A_VORBIS") return make_vorbis_decoder(track.codec_private);
  throw Error(ErrorCode::UnsupportedFormat,
              fmt::format("{} audio in the codec {} is not supported (Opus and Vorbis are); send {}", container,
                          track.codec_id.empty() ? "(none named)" : track.codec_id, kAcceptedFormats));
}

bool decode_trimmed(PacketDecoder& decoder, std::span<const std::byte> packet, std::int64_t discard_padding_ns,
                    std::size_t& lead_in_left, std::vector<float>& out, std::size_t& lead_in_samples) {
  out.clear();
  lead_in_samples = 0;
  if (!decoder.decode(packet, out)) return false;
  const auto channels = static_cast<std::size_t>(decoder.channels());
  if (discard_padding_ns > 0) {
    const auto padding = static_cast<std::size_t>(
        std::llround(static_cast<double>(discard_padding_ns) * 1e-9 * decoder.sample_rate()));
    out.resize(out.size() - std::min(out.size(), padding * channels));
  }
  const std::size_t skip = std::min(lead_in_left, out.size() / channels);
  lead_in_left -= skip;
  lead_in_samples = skip * channels;
  return true;
}

}  // namespace facecast::audio::detail
