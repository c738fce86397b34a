// Internal: names a container from its first bytes, so errors can say what a
// file is ("an MP4/M4A file") even when libsndfile cannot open it, and can tell
// a damaged file of a format we read from bytes that are not audio at all.
#pragma once
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace facecast::audio::detail {

enum class Container {
  Unknown,
  // formats we read
  Wav, Flac, Ogg, Mp3, Aiff, Au, Caf, W64, Rf64, Matroska,
  // recognised but not read
  Mp4, Aac,
};

Container sniff_container(std::span<const std::byte> head);

// The codec of a RIFF/WAVE file (its 'fmt ' chunk's format tag; the sub-format
// of WAVE_FORMAT_EXTENSIBLE), when that chunk is whole within head.
std::optional<unsigned> wav_format_tag(std::span<const std::byte> head);
// libsndfile decodes WAV data with this format tag.
bool libsndfile_reads_wav_tag(unsigned tag);

bool is_readable(Container container);
std::string_view container_name(Container container);  // "WAV", "MP4/M4A", ...

// Listed in errors so a user knows what to send instead.
constexpr std::string_view kAcceptedFormats = "WAV, MP3, FLAC, OGG Vorbis, Opus or WebM";

}  // namespace facecast::audio::detail
