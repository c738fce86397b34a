#include "audio/pcm_bytes.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace facecast::audio::detail {

static_assert(std::endian::native == std::endian::little, "raw PCM decoding assumes a little-endian host");

int bytes_per_sample(PcmEncoding encoding) { return encoding == PcmEncoding::S16LE ? 2 : 4; }

void pcm_to_float(const std::byte* bytes, std::size_t count, PcmEncoding encoding, float* out) {
  if (encoding == PcmEncoding::S16LE) {
    for (std::size_t i = 0; i < count; ++i) {
      std::int16_t value;
      std::memcpy(&value, bytes + 2 * i, 2);
      out[i] = static_cast<float>(value) * (1.0f / 32768.0f);
    }
  } else {
    std::memcpy(out, bytes, count * 4);
  }
}

}  // namespace facecast::audio::detail

namespace facecast::audio {

std::string_view encoding_name(PcmEncoding encoding) {
  return encoding == PcmEncoding::S16LE ? "pcm_s16le" : "pcm_f32le";
}

std::optional<PcmEncoding> parse_encoding(std::string_view name) {
  if (name == "pcm_s16le" || name == "s16le") return PcmEncoding::S16LE;
  if (name == "pcm_f32le" || name == "f32le") return PcmEncoding::F32LE;
  return std::nullopt;
}

}  // namespace facecast::audio
