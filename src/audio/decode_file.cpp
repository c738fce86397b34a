// decode_file / decode_memory: libsndfile (libmpg123 for MP3) reads, we check, downmix and resample
// block by block, so memory stays at the size of the 16 kHz output.
#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "audio/audio_checks.h"
#include "audio/container_layout.h"
#include "audio/container_sniff.h"
#include "audio/decode.h"
#include "audio/channel_mixer.h"
#include "audio/resampler.h"
#include "audio/audio_source.h"
#include "core/error.h"

namespace facecast::audio {
namespace {

constexpr sf_count_t kBlockFrames = 8192;

std::string format_name(const detail::AudioSource& source) {
  if (source.is_matroska()) return "webm";  // WebM or Matroska (Opus or Vorbis)
  const SF_INFO& info = source.info();
  switch (info.format & SF_FORMAT_TYPEMASK) {
    case SF_FORMAT_WAV:
    case SF_FORMAT_WAVEX: return "wav";
    case SF_FORMAT_RF64: return "rf64";
    case SF_FORMAT_W64: return "w64";
    case SF_FORMAT_FLAC: return "flac";
    case SF_FORMAT_MPEG: return "mp3";
    case SF_FORMAT_AIFF: return "aiff";
    case SF_FORMAT_AU: return "au";
    case SF_FORMAT_CAF: return "caf";
    case SF_FORMAT_OGG: return (info.format & SF_FORMAT_SUBMASK) == SF_FORMAT_OPUS ? "opus" : "ogg";
    default: return "";  // something libsndfile reads that we do not offer
  }
}

// The frame count from the header, when the container states one.
bool header_states_length(const SF_INFO& info) { return info.frames > 0 && info.frames < SF_COUNT_MAX; }

// Whether reading fewer frames than the header states means the file was cut:
// an MP3 without a length tag only has an estimate made from its size.
bool header_length_is_exact(const detail::AudioSource& source) {
  if (!header_states_length(source.info())) return false;
  if (source.is_matroska()) return false;  // its duration is rounded to the file's time scale
  if ((source.info().format & SF_FORMAT_TYPEMASK) == SF_FORMAT_MPEG) {
    const auto first_frame = source.bytes_at(detail::mp3_first_frame_offset(source.head()), detail::kMp3TagSearchBytes);
    return detail::mp3_frame_states_length(first_frame);
  }
  return true;
}

void check_whole(const detail::AudioSource& source) {
  const detail::ByteReader read = [&source](std::uint64_t offset, std::size_t count) { return source.bytes_at(offset, count); };
  if (const auto shortfall = detail::wav_data_shortfall(read, source.size())) {
    throw Error(ErrorCode::CorruptAudio,
                fmt::format("truncated WAV: the header declares {} bytes of samples but only {} "
                            "are present",
                            shortfall->declared_bytes, shortfall->present_bytes));
  }
  if ((source.info().format & SF_FORMAT_TYPEMASK) == SF_FORMAT_OGG &&
      !detail::ogg_ends_with_end_of_stream(source.tail())) {
    throw Error(ErrorCode::CorruptAudio,
                "truncated Ogg file: it stops before its end-of-stream page is complete");
  }
}

// Everything we can refuse without decoding a sample.
void check_header(const detail::AudioSource& source, const AudioSettings& settings) {
  const SF_INFO& info = source.info();
  if (format_name(source).empty()) {
    throw Error(ErrorCode::UnsupportedFormat,
                fmt::format("this audio format is not supported; send {}", detail::kAcceptedFormats));
  }
  detail::check_file_layout(info.samplerate, info.channels);
  check_whole(source);
  if (info.frames == 0) throw Error(ErrorCode::EmptyAudio, "audio has no samples (zero duration)");
  if (header_states_length(info)) {
    detail::check_duration(static_cast<double>(info.frames) / info.samplerate, settings);
  }
}

DecodedAudio decode_source(detail::AudioSource& source, const AudioSettings& settings) {
  check_header(source, settings);
  const SF_INFO& info = source.info();
  const int channels = info.channels;

  DecodedAudio result;
  result.source_rate = info.samplerate;
  result.source_channels = channels;
  result.source_format = format_name(source);

  detail::ChannelMixer mixer(channels);
  detail::MonoResampler resampler(info.samplerate);
  if (header_states_length(info)) {
    // Capped: a header may lie, and the vector still grows if it has to.
    constexpr std::size_t kMaxReserve = 10 * 60 * kAnalysisRate;
    result.samples.reserve(std::min(
        kMaxReserve, resampler.output_size_for(static_cast<std::size_t>(info.frames))));
  }
  // Formats without a stated length are held to the limit while reading.
  const double max_frames = settings.max_duration_s * info.samplerate;

  const auto source_samples = (info.format & SF_FORMAT_SUBMASK) == SF_FORMAT_DOUBLE
                                  ? detail::SourceSamples::WiderThanFloat
                                  : detail::SourceSamples::FloatOrNarrower;
  std::vector<float> interleaved(static_cast<std::size_t>(kBlockFrames * channels));
  std::vector<float> mono(static_cast<std::size_t>(kBlockFrames));
  sf_count_t frames_read = 0;
  bool damaged = false;
  while (true) {
    const long long got = source.read(interleaved.data(), kBlockFrames);
    damaged = got < 0;
    if (got <= 0) break;
    const auto n = static_cast<std::size_t>(got);
    detail::check_finite(interleaved.data(), n * channels, channels, static_cast<std::size_t>(frames_read),
                         info.samplerate, source_samples);
    frames_read += got;
    if (static_cast<double>(frames_read) > max_frames) {
      detail::check_duration(static_cast<double>(frames_read) / info.samplerate, settings);
    }
    mixer.mix(interleaved.data(), n, mono.data());
    resampler.push(mono.data(), n, result.samples);
  }
  resampler.finish(result.samples);

  if (damaged) {
    throw Error(ErrorCode::CorruptAudio,
                fmt::format("damaged {} data after {:.3f} s ({})", result.source_format,
                            static_cast<double>(frames_read) / info.samplerate, source.read_error()));
  }
  // A stream that gives fewer samples than its header states was cut short,
  // or lost frames the decoder skipped (a damaged MP3 frame mid-file).
  if (header_length_is_exact(source) && frames_read < info.frames) {
    throw Error(ErrorCode::CorruptAudio,
                fmt::format("truncated or damaged {}: {:.3f} s decoded of the {:.3f} s its header "
                            "declares",
                            result.source_format,
                            static_cast<double>(frames_read) / info.samplerate,
                            static_cast<double>(info.frames) / info.samplerate));
  }
  if (frames_read == 0) throw Error(ErrorCode::EmptyAudio, "audio has no samples (zero duration)");
  // One 44.1 kHz sample is no 16 kHz sample: nothing to animate, as with none.
  if (result.samples.empty())
    throw Error(ErrorCode::EmptyAudio, fmt::format("audio is too short: {} sample(s), less than one 16 kHz sample", frames_read));
  return result;
}

}  // namespace

DecodedAudio decode_file(const std::string& path, const AudioSettings& settings) {
  try {
    detail::AudioSource source = detail::AudioSource::open_file(path);
    return decode_source(source, settings);
  } catch (const Error& error) {
    if (error.code() == ErrorCode::NotFound) throw;  // already names the path
    throw Error(error.code(), path + ": " + error.what());
  }
}

DecodedAudio decode_memory(std::span<const std::byte> bytes, const AudioSettings& settings) {
  detail::AudioSource source = detail::AudioSource::open_memory(bytes);
  return decode_source(source, settings);
}

}  // namespace facecast::audio
