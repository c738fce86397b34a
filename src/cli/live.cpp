#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

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
void warn_of_flaws(const audio::RawInputFlaws& flaws, const audio::RawFormat& format) {
  const std::string encoding(audio::encoding_name(format.encoding));
  if (flaws.non_finite_samples > 0)
    std::fprintf(stderr, "facecast: warning: %zu samples were NaN or infinite and were taken as silence (is the input %s?)\n",
                 flaws.non_finite_samples, encoding.c_str());
  if (flaws.partial_frame_bytes > 0)
    std::fprintf(stderr,
                 "facecast: warning: the input ended %zu byte(s) into a sample frame (%d channel(s) of %s); they were "
                 "dropped\n",
                 flaws.partial_frame_bytes, format.channels, encoding.c_str());
}

}  // namespace

int run_live(const LiveOptions& options, const Settings& base) {
  Settings settings = base;
  if (settings.speech.mode != SpeechMode::Auto && settings.speech.mode != SpeechMode::Phonetic)
    throw UsageError("live uses phonetic mode; --mode may only be auto or phonetic");
  settings.speech.mode = SpeechMode::Phonetic;

  if (!options.output.empty() && options.output != "-") refuse_same_file(options.output, options.input, "input");
  Descriptor input = open_input(options.input);
  Descriptor output = open_output(options.output);
  const std::string input_name = options.input == "-" ? "standard input" : "'" + options.input + "'";
  const std::string output_name = output.get() == STDOUT_FILENO ? "standard output" : "'" + options.output + "'";

  LiveSession live(settings, options.format);
  if (input.get() == STDIN_FILENO && ::isatty(STDIN_FILENO))  // typed at, not piped into
    std::fprintf(stderr, "facecast: reading raw %s PCM at %d Hz from standard input (pipe audio in; Ctrl-D ends)\n",
                 std::string(audio::encoding_name(options.format.encoding)).c_str(), options.format.sample_rate);
  std::string text = exporter::ready_message(live.fps(), options.format.sample_rate, options.format.channels,
                                             audio::encoding_name(options.format.encoding));
  write_line(output.get(), text, output_name);

  std::vector<std::byte> chunk(kReadBytes);
  std::vector<FaceFrame> frames;
  const auto send_frames = [&] {
    const std::size_t start = live.frames_pulled();
    frames.clear();
    live.pull(frames);
    if (live.failed()) throw Error(ErrorCode::Internal, "live pipeline failed: " + live.error());
    if (frames.empty()) return;
    exporter::write_frames_message(text, start, live.fps(), frames);
    write_line(output.get(), text, output_name);
  };
  for (;;) {
    const ssize_t n = ::read(input.get(), chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(ErrorCode::NotFound, "cannot read " + input_name + ": " + std::strerror(errno));
    if (n == 0) break;
    live.push(std::span(chunk.data(), static_cast<std::size_t>(n)));
    send_frames();
  }
  live.finish();
  send_frames();
  const auto& flaws = live.input_flaws();
  text = exporter::end_message(live.frames_pulled(), flaws.non_finite_samples, flaws.partial_frame_bytes);
  write_line(output.get(), text, output_name);
  warn_of_flaws(flaws, options.format);
  return kExitOk;
}

}  // namespace facecast::cli
