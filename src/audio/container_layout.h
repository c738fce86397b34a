// Internal: what a container's own bytes say about whether the file is whole.
// libsndfile hides truncation in several formats (it shortens a WAV whose data
// chunk runs past the end, and an Ogg file's length is read from its last
// page), so the decoder asks the container directly.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace facecast::audio::detail {

struct WavShortfall {
  std::uint64_t declared_bytes = 0;
  std::uint64_t present_bytes = 0;
};

// Writers that cannot seek back (espeak-ng --stdout, arecord, ffmpeg to a
// pipe) put a huge placeholder in a RIFF data size: 0x7FFFF000, 0x7FFFFFFF or
// 0xFFFFFFFF. Such a size means "until the end of the file".
constexpr std::uint32_t kUnknownLengthFrom = 0x7FFFF000u;

// Up to `count` bytes of the input from `offset` (fewer at its end).
using ByteReader = std::function<std::vector<std::byte>(std::uint64_t offset, std::size_t count)>;

// Walks the chunks of a RIFF/WAVE, RF64 or Wave64 file (`file_size` bytes, read
// through `read`: chunks before the data may be large, e.g. a LIST of metadata)
// to its data chunk. Returns the shortfall when the data chunk is cut short;
// nothing when it is complete, when its size is an "unknown length" placeholder
// of streaming writers (0x7FFFF000 and above in a RIFF file, e.g. 0xFFFFFFFF),
// or when the file is none of these. (A size of 0 is taken at its word:
// libsndfile then reports zero frames.)
std::optional<WavShortfall> wav_data_shortfall(const ByteReader& read, std::uint64_t file_size);

// `tail` is the end of an Ogg file. A whole stream ends with a complete page
// flagged end-of-stream; a cut file ends inside a page or after an ordinary one.
bool ogg_ends_with_end_of_stream(std::span<const std::byte> tail);

// Where an MP3's first frame starts: after its ID3v2 tag, if any (`head` holds
// the tag's 10-byte header). The tag may be large (cover art): past `head`.
std::uint64_t mp3_first_frame_offset(std::span<const std::byte> head);
constexpr std::size_t kMp3TagSearchBytes = 64;

// True when an MP3 states its exact length (a Xing/Info or VBRI tag in its first
// frame, whose first 64 bytes `frame` holds). Without one, the decoder estimates
// the length from the file size, so a shorter decode than that estimate is not
// evidence of truncation.
bool mp3_frame_states_length(std::span<const std::byte> frame);

}  // namespace facecast::audio::detail
