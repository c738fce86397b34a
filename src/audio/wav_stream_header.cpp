#include "audio/wav_stream_header.h"

#include <algorithm>

#include <fmt/format.h>

#include "audio/byte_fields.h"
#include "audio/container_layout.h"
#include "core/error.h"

namespace facecast::audio {
namespace {

using detail::has_text_at;
using detail::le16_at;
using detail::le32_at;

constexpr unsigned kPcm = 0x0001, kFloat = 0x0003, kExtensible = 0xFFFE;

RawFormat format_of(std::span<const std::byte> fmt_chunk) {
  unsigned tag = le16_at(fmt_chunk, 0);
  if (tag == kExtensible && fmt_chunk.size() >= 40) tag = le16_at(fmt_chunk, 24);  // the sub-format GUID begins with it
  const unsigned channels = le16_at(fmt_chunk, 2);
  const std::uint32_t rate = le32_at(fmt_chunk, 4);
  const unsigned bits = le16_at(fmt_chunk, 14);
  RawFormat format;
  if (tag == kPcm && bits == 16) format.encoding = PcmEncoding::S16LE;
  else if (tag == kFloat && bits == 32) format.encoding = PcmEncoding::F32LE;
  else
    throw Error(ErrorCode::UnsupportedFormat,
                fmt::format("the input is a WAV of {}-bit {} samples; a stream takes 16-bit integer or 32-bit float "
                            "PCM (convert it, e.g. sox IN -b 16 -e signed -t wav -, or use 'facecast animate' for files)",
                            bits, tag == kPcm ? "integer" : tag == kFloat ? "float" : fmt::format("format-0x{:04x}", tag)));
  format.sample_rate = static_cast<int>(std::min<std::uint32_t>(rate, 1u << 30));
  format.channels = static_cast<int>(channels);
  return format;  // rate and channel limits are checked where the stream starts, as for stated formats
}

}  // namespace

WavHeaderScan scan_wav_stream_header(std::span<const std::byte> head, bool ended, WavStreamHeader& header) {
  if (head.size() < 12 && !ended) {
    // Decide as soon as the bytes seen differ from "RIFF....WAVE".
    const std::string_view riff = "RIFF";
    for (std::size_t i = 0; i < std::min<std::size_t>(head.size(), 4); ++i)
      if (static_cast<char>(head[i]) != riff[i]) return WavHeaderScan::NotWav;
    return WavHeaderScan::NeedMore;
  }
  if (!has_text_at(head, 0, "RIFF") || !has_text_at(head, 8, "WAVE")) return WavHeaderScan::NotWav;
  std::optional<RawFormat> format;
  for (std::size_t at = 12;;) {
    if (at + 8 > head.size()) break;
    const std::uint32_t size = le32_at(head, at + 4);
    if (has_text_at(head, at, "data")) {
      if (!format) throw Error(ErrorCode::CorruptAudio, "the input is a WAV whose samples come before its 'fmt ' chunk");
      header.format = *format;
      header.data_offset = at + 8;
      header.data_bytes = size >= detail::kUnknownLengthFrom ? std::nullopt : std::optional<std::uint64_t>(size);
      return WavHeaderScan::Found;
    }
    const std::uint64_t next = at + 8 + static_cast<std::uint64_t>(size) + (size & 1);
    if (next > kLongestWavStreamHeader)
      throw Error(ErrorCode::CorruptAudio,
                  fmt::format("the input is a WAV whose header runs past {} KiB before its samples", kLongestWavStreamHeader / 1024));
    if (next > head.size()) break;
    if (has_text_at(head, at, "fmt ")) {
      if (size < 16) throw Error(ErrorCode::CorruptAudio, "the input is a WAV with a damaged 'fmt ' chunk");
      format = format_of(head.subspan(at + 8, size));
    }
    at = static_cast<std::size_t>(next);
  }
  if (ended) throw Error(ErrorCode::CorruptAudio, "the input is a WAV header that ends before its samples");
  return WavHeaderScan::NeedMore;
}

}  // namespace facecast::audio
