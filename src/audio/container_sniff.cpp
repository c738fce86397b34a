#include "audio/container_sniff.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "audio/byte_fields.h"

namespace facecast::audio::detail {
namespace {

// MPEG audio frame sync: 11 set bits, then a version and a layer that exist.
bool is_mpeg_audio_frame(std::span<const std::byte> head) {
  const unsigned b0 = byte_at(head, 0), b1 = byte_at(head, 1);
  const unsigned version = (b1 >> 3) & 3u, layer = (b1 >> 1) & 3u;
  return head.size() >= 4 && b0 == 0xFF && (b1 & 0xE0u) == 0xE0u && version != 1 && layer != 0;
}

// AAC in ADTS framing shares the MPEG sync word but has layer bits 00.
bool is_adts(std::span<const std::byte> head) {
  return head.size() >= 7 && byte_at(head, 0) == 0xFF && (byte_at(head, 1) & 0xF6u) == 0xF0u;
}

}  // namespace

std::optional<unsigned> wav_format_tag(std::span<const std::byte> head) {
  if (!has_text_at(head, 0, "RIFF") || !has_text_at(head, 8, "WAVE")) return std::nullopt;
  constexpr unsigned kExtensible = 0xFFFE;
  for (std::size_t at = 12; at + 8 <= head.size();) {
    const std::uint64_t size = le32_at(head, at + 4);
    if (has_text_at(head, at, "fmt ")) {
      if (size < 16 || at + 8 + size > head.size()) return std::nullopt;  // damaged, or past what we read
      const unsigned tag = le16_at(head, at + 8);
      // WAVE_FORMAT_EXTENSIBLE: the sub-format GUID begins with the tag.
      if (tag == kExtensible) return size >= 40 ? std::optional<unsigned>(le16_at(head, at + 8 + 24)) : std::nullopt;
      return tag;
    }
    at += 8 + size + (size & 1);
  }
  return std::nullopt;
}

bool libsndfile_reads_wav_tag(unsigned tag) {
  // PCM, MS ADPCM, IEEE float, A-law, mu-law, IMA ADPCM, GSM 6.10, G.721, MPEG, MPEG layer 3.
  constexpr unsigned kRead[] = {0x0001, 0x0002, 0x0003, 0x0006, 0x0007, 0x0011, 0x0031, 0x0040, 0x0050, 0x0055};
  return std::find(std::begin(kRead), std::end(kRead), tag) != std::end(kRead);
}

Container sniff_container(std::span<const std::byte> head) {
  if (has_text_at(head, 0, "RIFF") || has_text_at(head, 0, "RIFX")) {
    // A RIFF file cut before its form type is still most likely a WAV.
    if (head.size() < 12 || has_text_at(head, 8, "WAVE")) return Container::Wav;
    return Container::Unknown;
  }
  if (has_text_at(head, 0, "RF64")) return Container::Rf64;
  if (has_text_at(head, 0, "riff")) return Container::W64;
  if (has_text_at(head, 0, "fLaC")) return Container::Flac;
  if (has_text_at(head, 0, "OggS")) return Container::Ogg;
  if (has_text_at(head, 0, "ID3") || is_mpeg_audio_frame(head)) return Container::Mp3;
  if (has_text_at(head, 0, "FORM") && (has_text_at(head, 8, "AIFF") || has_text_at(head, 8, "AIFC")))
    return Container::Aiff;
  if (has_text_at(head, 0, ".snd")) return Container::Au;
  if (has_text_at(head, 0, "caff")) return Container::Caf;
  if (has_text_at(head, 4, "ftyp")) return Container::Mp4;
  if (is_adts(head) || has_text_at(head, 0, "ADIF")) return Container::Aac;
  if (has_text_at(head, 0, "\x1A\x45\xDF\xA3")) return Container::Matroska;
  return Container::Unknown;
}

bool is_readable(Container container) {
  switch (container) {
    case Container::Unknown:
    case Container::Mp4:
    case Container::Aac: return false;
    default: return true;
  }
}

std::string_view container_name(Container container) {
  switch (container) {
    case Container::Unknown: return "unknown";
    case Container::Wav: return "WAV";
    case Container::Flac: return "FLAC";
    case Container::Ogg: return "OGG";
    case Container::Mp3: return "MP3";
    case Container::Aiff: return "AIFF";
    case Container::Au: return "AU";
    case Container::Caf: return "CAF";
    case Container::W64: return "Wave64";
    case Container::Rf64: return "RF64";
    case Container::Mp4: return "MP4/M4A (AAC)";
    case Container::Aac: return "AAC";
    case Container::Matroska: return "WebM/Matroska";
  }
  return "unknown";
}

}  // namespace facecast::audio::detail
