#include "audio/container_layout.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "audio/byte_fields.h"

namespace facecast::audio::detail {
namespace {

std::uint32_t read_le32(const std::byte* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

std::uint64_t read_le64(const std::byte* p) {
  return static_cast<std::uint64_t>(read_le32(p)) | static_cast<std::uint64_t>(read_le32(p + 4)) << 32;
}

std::optional<WavShortfall> shortfall(std::uint64_t data_start, std::uint64_t declared, std::uint64_t file_size) {
  const std::uint64_t present = file_size > data_start ? file_size - data_start : 0;
  if (declared > present) return WavShortfall{declared, present};
  return std::nullopt;
}

// A chunk walk reads at most this many chunk headers (a damaged size could
// otherwise step through a large file a few bytes at a time).
constexpr int kMaxChunks = 4096;

// Wave64: 16-byte GUIDs for ids, 64-bit sizes that count the 24-byte chunk header, 8-byte alignment.
constexpr unsigned char kW64Riff[16] = {0x72, 0x69, 0x66, 0x66, 0x2E, 0x91, 0xCF, 0x11,
                                        0xA5, 0xD6, 0x28, 0xDB, 0x04, 0xC1, 0x00, 0x00};
constexpr unsigned char kW64Data[16] = {0x64, 0x61, 0x74, 0x61, 0xF3, 0xAC, 0xD3, 0x11,
                                        0x8C, 0xD1, 0x00, 0xC0, 0x4F, 0x8E, 0xDB, 0x8A};

std::optional<WavShortfall> w64_data_shortfall(const ByteReader& read, std::uint64_t file_size) {
  std::uint64_t offset = 40;  // riff GUID, size, wave GUID
  for (int n = 0; n < kMaxChunks && offset + 24 <= file_size; ++n) {
    const auto header = read(offset, 24);
    if (header.size() < 24) return std::nullopt;
    const std::uint64_t size = read_le64(header.data() + 16);
    if (std::memcmp(header.data(), kW64Data, 16) == 0)
      return shortfall(offset + 24, size >= 24 ? size - 24 : 0, file_size);
    if (size < 24) return std::nullopt;  // damaged: libsndfile judges
    offset += (size + 7) / 8 * 8;
  }
  return std::nullopt;
}

}  // namespace

std::optional<WavShortfall> wav_data_shortfall(const ByteReader& read, std::uint64_t file_size) {
  const auto start = read(0, 40);
  if (start.size() >= 16 && std::memcmp(start.data(), kW64Riff, 16) == 0) return w64_data_shortfall(read, file_size);
  const bool rf64 = has_text_at(start, 0, "RF64");
  if (!(has_text_at(start, 0, "RIFF") || rf64) || !has_text_at(start, 8, "WAVE")) return std::nullopt;
  std::optional<std::uint64_t> rf64_data_size;  // from the ds64 chunk
  std::uint64_t offset = 12;
  for (int n = 0; n < kMaxChunks && offset + 8 <= file_size; ++n) {
    const auto header = read(offset, 8 + 16);  // the ds64 chunk's first fields too
    if (header.size() < 8) return std::nullopt;
    const std::uint32_t size = read_le32(header.data() + 4);
    if (rf64 && has_text_at(header, 0, "ds64") && header.size() >= 24) rf64_data_size = read_le64(header.data() + 16);
    if (has_text_at(header, 0, "data")) {
      if (rf64 && size == 0xFFFFFFFFu) {
        if (!rf64_data_size) return std::nullopt;
        return shortfall(offset + 8, *rf64_data_size, file_size);
      }
      if (size >= kUnknownLengthFrom) return std::nullopt;  // length left unknown
      return shortfall(offset + 8, size, file_size);
    }
    offset += 8 + static_cast<std::uint64_t>(size) + (size & 1u);  // chunks are word aligned
  }
  return std::nullopt;  // no data chunk: libsndfile judges
}

bool ogg_ends_with_end_of_stream(std::span<const std::byte> tail) {
  // The last page header: "OggS", version 0, then the header-type flags; its
  // segment table (count at byte 26) gives the page's length, which must fit
  // in the file: a file cut inside its last page still shows that page's flags.
  constexpr std::size_t kHeader = 27;
  if (tail.size() < 6) return false;
  for (std::size_t i = tail.size() - 6;; --i) {
    if (has_text_at(tail, i, "OggS") && tail[i + 4] == std::byte{0}) {
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
  if (!has_text_at(head, 0, "ID3") || head.size() < 10) return 0;
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
    if (has_text_at(frame, i, "Xing") || has_text_at(frame, i, "Info") || has_text_at(frame, i, "VBRI")) return true;
  }
  return false;
}

}  // namespace facecast::audio::detail
