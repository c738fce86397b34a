#include "audio/container_layout.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace facecast::audio::detail {
namespace {

std::uint32_t read_le32(const std::byte* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

bool has_at(std::span<const std::byte> bytes, std::size_t offset, std::string_view text) {
  return bytes.size() >= offset + text.size() &&
         std::memcmp(bytes.data() + offset, text.data(), text.size()) == 0;
}

// Writers that cannot seek back (espeak-ng --stdout, arecord, ffmpeg to a
// pipe) put a huge placeholder in the data size: 0x7FFFF000, 0x7FFFFFFF or
// 0xFFFFFFFF. Such a size means "until the end of the file".
constexpr std::uint32_t kUnknownLengthFrom = 0x7FFFF000u;

}  // namespace

std::optional<WavShortfall> wav_data_shortfall(std::span<const std::byte> head,
                                               std::uint64_t file_size) {
  if (!has_at(head, 0, "RIFF") || !has_at(head, 8, "WAVE")) return std::nullopt;
  std::uint64_t offset = 12;
  while (offset + 8 <= head.size()) {
    const std::byte* chunk = head.data() + offset;
    const std::uint32_t size = read_le32(chunk + 4);
    if (std::memcmp(chunk, "data", 4) == 0) {
      if (size >= kUnknownLengthFrom) return std::nullopt;  // length left unknown
      const std::uint64_t present = file_size > offset + 8 ? file_size - (offset + 8) : 0;
      if (size > present) return WavShortfall{size, present};
      return std::nullopt;
    }
    offset += 8 + static_cast<std::uint64_t>(size) + (size & 1u);  // chunks are word aligned
  }
  return std::nullopt;  // no data chunk within `head`: libsndfile judges
}

bool ogg_ends_with_end_of_stream(std::span<const std::byte> tail) {
  // The last page header: "OggS", version 0, then the header-type flags; its
  // segment table (count at byte 26) gives the page's length, which must fit
  // in the file: a file cut inside its last page still shows that page's flags.
  constexpr std::size_t kHeader = 27;
  if (tail.size() < 6) return false;
  for (std::size_t i = tail.size() - 6;; --i) {
    if (has_at(tail, i, "OggS") && tail[i + 4] == std::byte{0}) {
      if (i + kHeader > tail.size()) return false;
      const std::size_t segments = static_cast<std::size_t>(tail[i + 26]);
      if (i + kHeader + segments > tail.size()) return false;
      std::size_t length = kHeader + segments;
      for (std::size_t k = 0; k < segments; ++k) length += static_cast<std::size_t>(tail[i + kHeader + k]);
      return i + length <= tail.size() && (static_cast<unsigned>(tail[i + 5]) & 0x04u) != 0;
    }
    if (i == 0) return false;
  }
}

std::uint64_t mp3_first_frame_offset(std::span<const std::byte> head) {
  if (!has_at(head, 0, "ID3") || head.size() < 10) return 0;
  const auto b = [&](std::size_t i) { return static_cast<std::uint64_t>(head[i]) & 0x7Fu; };  // syncsafe size
  std::uint64_t offset = 10 + (b(6) << 21 | b(7) << 14 | b(8) << 7 | b(9));
  if ((static_cast<unsigned>(head[5]) & 0x10u) != 0) offset += 10;  // footer present
  return offset;
}

bool mp3_frame_states_length(std::span<const std::byte> frame) {
  // The tag sits right after the side information of the first frame: within
  // its first 64 bytes whatever the MPEG version and channel mode.
  const std::size_t end = std::min<std::size_t>(frame.size(), kMp3TagSearchBytes);
  for (std::size_t i = 0; i + 4 <= end; ++i) {
    if (has_at(frame, i, "Xing") || has_at(frame, i, "Info") || has_at(frame, i, "VBRI")) return true;
  }
  return false;
}

}  // namespace facecast::audio::detail
