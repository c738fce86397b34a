#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "audio/wav_stream_header.h"
#include "cli/io.h"
#include "cli/run_live.h"
#include "cli/usage_error.h"
#include "core/error.h"
#include "engine/live_session.h"
#include "export/live_messages.h"

namespace facecast::cli {
namespace {

// 20 ms of 48 kHz stereo s16: a pipe delivers what has arrived, so the frames
// of a live source follow it closely; a file is simply read through.
constexpr std::size_t kReadBytes = 3840;

// A descriptor we opened, closed on every path out.
class Descriptor {
 public:
  Descriptor(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~Descriptor() {
    if (owned_ && fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
  bool owned_;
};

Descriptor open_input(const std::string& path) {
  if (path == "-") return {STDIN_FILENO, false};
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw Error(ErrorCode::NotFound, "cannot read '" + path + "': " + std::strerror(errno));
  return {fd, true};
}

Descriptor open_output(const std::string& path) {
  if (path.empty() || path == "-") return {STDOUT_FILENO, false};
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) throw Error(ErrorCode::NotFound, "cannot write '" + path + "': " + std::strerror(errno));
  return {fd, true};
}

// One message and its newline, whole: a reader of the pipe sees complete lines.
void write_line(int fd, std::string& text, const std::string& name) {
  text += '\n';
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(ErrorCode::NotFound, "cannot write " + name + ": " + std::strerror(errno));
    done += static_cast<std::size_t>(n);
  }
}

// The stream went on through input it had to mend; say so once at the end,
// since a wrong --encoding or --channels is the usual cause.
void warn_of_flaws(const audio::RawInputFlaws& flaws, const audio::StreamFormat& format) {
  const std::string encoding(audio::encoding_name(format));
  if (!format.is_raw_pcm()) {
    if (flaws.partial_frame_bytes > 0)
      std::fprintf(stderr, "facecast: warning: the %s input ended %zu byte(s) into an element or page (cut short); "
                   "they were dropped\n", encoding.c_str(), flaws.partial_frame_bytes);
    return;
  }
  if (flaws.non_finite_samples > 0)
    std::fprintf(stderr, "facecast: warning: %zu samples were NaN or infinite and were taken as silence (is the input %s?)\n",
                 flaws.non_finite_samples, encoding.c_str());
  if (flaws.partial_frame_bytes > 0)
    std::fprintf(stderr,
                 "facecast: warning: the input ended %zu byte(s) into a sample frame (%d channel(s) of %s); they were "
                 "dropped\n",
                 flaws.partial_frame_bytes, format.raw.channels, encoding.c_str());
}

// A WAV header's format wins over the stated one (it describes the bytes that
// follow); a stated format that differs is most likely a default left alone.
void warn_of_wav_header(const audio::RawFormat& wav, const LiveOptions& options) {
  const audio::RawFormat& stated = options.format.raw;
  if (!options.format_stated || (options.format.is_raw_pcm() && wav.sample_rate == stated.sample_rate &&
                                 wav.channels == stated.channels && wav.encoding == stated.encoding))
    return;
  std::fprintf(stderr,
               "facecast: warning: the input begins with a WAV header (%d Hz, %d channel(s), %s): it is read as that, "
               "not as the options say (%d Hz, %d channel(s), %s)\n",
               wav.sample_rate, wav.channels, std::string(audio::encoding_name(wav.encoding)).c_str(), stated.sample_rate,
               stated.channels, std::string(audio::encoding_name(options.format)).c_str());
}

}  // namespace

int run_live(const LiveOptions& options, const Settings& base) {
  Settings settings = base;
  settings.speech.mode = SpeechMode::Phonetic;  // a --mode other than auto or phonetic was refused with the flags

  if (!options.output.empty() && options.output != "-") refuse_same_file(options.output, options.input, "input");
  Descriptor input = open_input(options.input);
  Descriptor output = open_output(options.output);
  const std::string input_name = options.input == "-" ? "standard input" : "'" + options.input + "'";
  const std::string output_name = output.get() == STDOUT_FILENO ? "standard output" : "'" + options.output + "'";

  // The first bytes say whether a WAV header comes before the samples.
  std::vector<std::byte> head;
  std::vector<std::byte> chunk(kReadBytes);
  const auto read_some = [&]() -> std::size_t {
    for (;;) {
      const ssize_t n = ::read(input.get(), chunk.data(), chunk.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw Error(ErrorCode::NotFound, "cannot read " + input_name + ": " + std::strerror(errno));
      return static_cast<std::size_t>(n);
    }
  };
  if (input.get() == STDIN_FILENO && ::isatty(STDIN_FILENO))  // typed at, not piped into
    std::fprintf(stderr, "facecast: reading raw %s PCM at %d Hz from standard input (pipe audio in; Ctrl-D ends)\n",
                 std::string(audio::encoding_name(options.format.raw.encoding)).c_str(), options.format.raw.sample_rate);
  audio::WavStreamHeader wav;
  audio::WavHeaderScan scan = audio::WavHeaderScan::NeedMore;
  bool ended = false;
  while (scan == audio::WavHeaderScan::NeedMore) {
    const std::size_t n = read_some();
    ended = n == 0;
    head.insert(head.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(n));
    scan = audio::scan_wav_stream_header(head, ended, wav);
  }
  audio::StreamFormat format = options.format;
  std::span<const std::byte> first_samples = head;
  std::optional<std::uint64_t> samples_left;  // none: to the end of the input
  if (scan == audio::WavHeaderScan::Found) {
    warn_of_wav_header(wav.format, options);
    format = wav.format;
    first_samples = std::span(head).subspan(std::min(wav.data_offset, head.size()));
    samples_left = wav.data_bytes;
  } else if (const auto container = audio::sniff_stream_container(head);
             container != audio::StreamContainer::None && container != format.container) {
    // Raw PCM never begins with these headers in practice, and read as PCM they would be noise.
    const std::string stated(audio::encoding_name(format));
    format.container = container;
    if (options.format_stated)
      std::fprintf(stderr, "facecast: warning: the input begins with a %s header: it is read as that, not as the "
                   "options say (%s)\n", container == audio::StreamContainer::WebM ? "WebM" : "Ogg", stated.c_str());
  }

  LiveSession live(settings, format);
  std::string text = exporter::ready_message(live.fps(), format);
  write_line(output.get(), text, output_name);

  std::vector<FaceFrame> frames;
  const auto send_frames = [&] {
    const std::size_t start = live.frames_pulled();
    frames.clear();
    live.pull(frames);
    if (live.failed())  // the input's fault (a stream that cannot be read) is said as it is
      throw Error(live.error_code(),
                  live.error_code() == ErrorCode::Internal ? "live pipeline failed: " + live.error() : live.error());
    if (frames.empty()) return;
    exporter::write_frames_message(text, start, live.fps(), frames);
    write_line(output.get(), text, output_name);
  };
  // A WAV's data chunk may be followed by metadata chunks: those are not samples.
  const auto push_samples = [&](std::span<const std::byte> bytes) {
    if (samples_left) {
      bytes = bytes.first(static_cast<std::size_t>(std::min<std::uint64_t>(bytes.size(), *samples_left)));
      *samples_left -= bytes.size();
    }
    if (bytes.empty()) return;
    live.push(bytes);
    send_frames();
  };
  push_samples(first_samples);
  while (!ended) {
    const std::size_t n = read_some();
    ended = n == 0;
    push_samples(std::span(chunk.data(), n));
  }
  live.finish();
  send_frames();
  const auto& flaws = live.input_flaws();
  text = exporter::end_message(live.frames_pulled(), flaws.non_finite_samples, flaws.partial_frame_bytes);
  write_line(output.get(), text, output_name);
  warn_of_flaws(flaws, format);
  return kExitOk;
}

}  // namespace facecast::cli
