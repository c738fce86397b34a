// Audio in: any supported file or raw PCM becomes 16 kHz mono float samples,
// the only format the rest of Facecast sees.
#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/settings.h"

namespace facecast::audio {

constexpr int kAnalysisRate = 16000;

struct DecodedAudio {
  std::vector<float> samples;  // 16 kHz mono, finite, nominally in [-1, 1] (the rumble
                               // filter's overshoot on clipped input goes a little past)
  int source_rate = 0;
  int source_channels = 0;
  std::string source_format;  // "wav", "mp3", "flac", "ogg", "opus", "webm" (WebM/Matroska), "pcm_s16le", ...
  double duration() const { return static_cast<double>(samples.size()) / kAnalysisRate; }
};

// Decode a WAV/MP3/FLAC/OGG Vorbis/Opus file or in-memory copy of one.
// Throws facecast::Error naming the problem: EmptyAudio, UnsupportedFormat,
// CorruptAudio, AudioTooLong, InvalidSamples; NotFound for a missing path.
// Silence is not an error.
DecodedAudio decode_file(const std::string& path, const AudioSettings& settings);
DecodedAudio decode_memory(std::span<const std::byte> bytes, const AudioSettings& settings);

enum class PcmEncoding { S16LE, F32LE };

// "pcm_s16le" / "pcm_f32le", the names the stream protocol and the CLI use.
std::string_view encoding_name(PcmEncoding encoding);
// Those names (or "s16le" / "f32le"); nothing for any other.
std::optional<PcmEncoding> parse_encoding(std::string_view name);

struct RawFormat {
  PcmEncoding encoding = PcmEncoding::S16LE;
  int sample_rate = 16000;  // 8000..96000
  int channels = 1;         // 1..8
};

// Decode headerless PCM as stated by format (same checks as files).
DecodedAudio decode_raw(std::span<const std::byte> bytes, const RawFormat& format,
                        const AudioSettings& settings);

// What a live converter mended rather than refused (the live path never
// throws), so that the end of a stream can say so: usually a wrong encoding.
struct RawInputFlaws {
  std::size_t non_finite_samples = 0;   // NaN or infinite samples, taken as silence
  std::size_t partial_frame_bytes = 0;  // bytes at the end short of one whole frame, dropped
};

// A live stream's bytes: headerless PCM as `raw` states, or a container as a
// browser's MediaRecorder sends it in pieces: WebM ("audio/webm;codecs=opus",
// Chromium's and Firefox's) or Ogg ("audio/ogg;codecs=opus", Firefox's
// default), whose own header states its codec (Opus or Vorbis), rate and
// channels; `raw` is unused then.
enum class StreamContainer { None, WebM, Ogg };
struct StreamFormat {
  StreamFormat() = default;
  StreamFormat(const RawFormat& pcm) : raw(pcm) {}  // NOLINT(google-explicit-constructor): PCM is the usual live input
  StreamContainer container = StreamContainer::None;
  RawFormat raw;
  bool is_raw_pcm() const { return container == StreamContainer::None; }
};

// "pcm_s16le", "pcm_f32le", "webm" or "ogg".
std::string_view encoding_name(const StreamFormat& format);
// Sets the encoding by name: parse_encoding's, "webm" or "ogg" (also as MIME
// types, "audio/webm;codecs=opus", as MediaRecorder.mimeType gives them).
// False for any other.
bool set_stream_encoding(StreamFormat& format, std::string_view name);

// WebM or Ogg when a stream's first bytes are that container's header, None
// otherwise (raw PCM has no header to tell it by).
StreamContainer sniff_stream_container(std::span<const std::byte> head);

namespace detail { class LiveDecoder; }

// Live input: converts chunks of any size (even splitting a sample or a
// container's element or page) to 16 kHz mono floats, keeping decoder and resampler state between
// chunks. Raw PCM never throws: non-finite samples become 0, and flaws()
// counts them. A WebM or Ogg stream throws Error(CorruptAudio) when damaged
// and Error(UnsupportedFormat) when it is not in its container or has no Opus
// or Vorbis audio; the stream cannot go on after that.
class StreamConverter {
 public:
  explicit StreamConverter(const StreamFormat& format);  // throws InvalidArgument for a bad format
  ~StreamConverter();
  StreamConverter(const StreamConverter&) = delete;
  StreamConverter& operator=(const StreamConverter&) = delete;

  void push(std::span<const std::byte> chunk, std::vector<float>& out);  // appends to out
  void finish(std::vector<float>& out);                                  // flushes the resampler
  const RawInputFlaws& flaws() const;                                    // since construction

 private:
  std::unique_ptr<detail::LiveDecoder> decoder_;
};

}  // namespace facecast::audio
