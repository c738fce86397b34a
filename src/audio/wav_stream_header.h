// A WAV header at the start of a raw PCM stream. `arecord` and `sox` write one
// to a pipe unless told `-t raw`, and a WAV file given to `facecast live` has
// one: read as samples, its bytes were a click and its rate a wrong guess
// (a 22,050 Hz file taken as 16 kHz runs 38 % slow). The header's format is used
// instead of the stated one.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "audio/decode.h"

namespace facecast::audio {

struct WavStreamHeader {
  RawFormat format;
  std::size_t data_offset = 0;             // bytes before the first sample
  std::optional<std::uint64_t> data_bytes;  // none: the samples run to the stream's end
};

enum class WavHeaderScan { NotWav, NeedMore, Found };

// The longest header looked through (chunks before the samples, e.g. metadata).
constexpr std::size_t kLongestWavStreamHeader = 1024 * 1024;

// Looks at a stream's first bytes (`ended`: no more will come). NotWav: they do
// not begin "RIFF....WAVE", take them as raw PCM. NeedMore: a WAV header, not
// yet whole. Found: `header` is filled. Throws Error(UnsupportedFormat) for a
// WAV whose samples a stream cannot take (8- or 24-bit, compressed) and
// Error(CorruptAudio) for a header that ends or runs past kLongestWavStreamHeader
// before its samples.
WavHeaderScan scan_wav_stream_header(std::span<const std::byte> head, bool ended, WavStreamHeader& header);

}  // namespace facecast::audio
