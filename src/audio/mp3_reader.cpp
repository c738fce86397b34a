#include "audio/mp3_reader.h"

#include <fmt/format.h>
#include <mpg123.h>
#include <unistd.h>

#include <algorithm>
#include <mutex>

#include "audio/byte_cursor.h"
#include "audio/container_sniff.h"
#include "core/error.h"

namespace facecast::audio::detail {
namespace {

const char* layer_name(int layer) { return layer == 1 ? "I" : layer == 2 ? "II" : "III"; }

}  // namespace

// What libmpg123 reads through our callbacks: bytes in memory or a descriptor.
struct Mp3Reader::Input {
  ByteCursor memory;
  int fd = -1;

  static mpg123_ssize_t read(void* self, void* out, size_t count) {
    auto* in = static_cast<Input*>(self);
    if (in->fd >= 0) return ::read(in->fd, out, count);
    return in->memory.read(out, static_cast<std::int64_t>(count));
  }
  static off_t seek(void* self, off_t offset, int whence) {
    auto* in = static_cast<Input*>(self);
    if (in->fd >= 0) return ::lseek(in->fd, offset, whence);
    return in->memory.seek(offset, whence);
  }
};

Mp3Reader::Mp3Reader() : input_(std::make_unique<Input>()) {
  static std::once_flag once;
  std::call_once(once, [] { mpg123_init(); });  // a no-op in newer versions, required in older ones
}

Mp3Reader::~Mp3Reader() {
  if (handle_ != nullptr) {
    mpg123_close(handle_);
    mpg123_delete(handle_);
  }
}

std::unique_ptr<Mp3Reader> Mp3Reader::open_memory(std::span<const std::byte> bytes) {
  std::unique_ptr<Mp3Reader> reader(new Mp3Reader());
  reader->input_->memory.bytes = bytes;
  reader->open();
  return reader;
}

std::unique_ptr<Mp3Reader> Mp3Reader::open_descriptor(int fd) {
  std::unique_ptr<Mp3Reader> reader(new Mp3Reader());
  reader->input_->fd = fd;
  reader->open();
  return reader;
}

void Mp3Reader::open() {
  int status = MPG123_OK;
  handle_ = mpg123_new(nullptr, &status);
  if (handle_ == nullptr) throw Error(ErrorCode::Internal, std::string("libmpg123: ") + mpg123_plain_strerror(status));
  const auto fail = [&](const char* why) {
    throw Error(ErrorCode::CorruptAudio, std::string("damaged or truncated MP3 header (") + why + ")");
  };
  // Quiet: no printouts. Float output, as libsndfile gave. Gapless is on by
  // default (the encoder's delay and padding are cut, as the length tag says).
  mpg123_param(handle_, MPG123_ADD_FLAGS, MPG123_QUIET | MPG123_FORCE_FLOAT, 0.0);
  if (mpg123_replace_reader_handle(handle_, &Input::read, &Input::seek, nullptr) != MPG123_OK ||
      mpg123_open_handle(handle_, input_.get()) != MPG123_OK)
    fail(mpg123_strerror(handle_));
  long rate = 0;
  int channels = 0, encoding = 0;
  if (mpg123_getformat(handle_, &rate, &channels, &encoding) != MPG123_OK) fail(mpg123_strerror(handle_));
  if (encoding != MPG123_ENC_FLOAT_32) fail("no 32-bit float output");
  // Later frames may not change the format: what the first frame says holds.
  mpg123_format_none(handle_);
  mpg123_format(handle_, rate, channels, encoding);
  rate_ = static_cast<int>(rate);
  channels_ = channels;
  // Layers I and II are refused: their decoders print to stderr on some
  // damaged headers whatever MPG123_QUIET says, and we promise MP3.
  if (frame_layer() != 3) {
    throw Error(ErrorCode::UnsupportedFormat,
                fmt::format("MPEG layer {} audio (MP{}) is not supported; send {}", layer_name(frame_layer()),
                            frame_layer(), kAcceptedFormats));
  }
  const off_t length = mpg123_length(handle_);
  frames_ = length > 0 ? static_cast<long long>(length) : 0;
}

int Mp3Reader::frame_layer() const {
  mpg123_frameinfo2 info{};
  return mpg123_info2(handle_, &info) == MPG123_OK ? info.layer : 0;
}

// One frame at a time, so that each frame's header is seen before it is
// decoded: a layer I/II frame met in a layer III stream (a damaged or spliced
// file) is refused before its decoder can print. libmpg123 still cuts the
// encoder's delay and padding (gapless) in frame-by-frame decoding.
bool Mp3Reader::decode_next_frame() {
  if (!first_frame_parsed_) {
    // open() parsed the first frame (to read the format); it waits to be decoded.
    first_frame_parsed_ = true;
  } else {
    const int status = mpg123_framebyframe_next(handle_);
    if (status == MPG123_DONE) return false;
    if (status != MPG123_OK && status != MPG123_NEW_FORMAT) {  // a new format is held to the first one
      error_ = mpg123_strerror(handle_);
      return false;
    }
    if (frame_layer() != 3) {
      error_ = fmt::format("an MPEG layer {} frame inside the MP3 stream", layer_name(frame_layer()));
      return false;
    }
  }
  unsigned char* audio = nullptr;
  size_t bytes = 0;
  if (mpg123_framebyframe_decode(handle_, nullptr, &audio, &bytes) != MPG123_OK) {
    error_ = mpg123_strerror(handle_);
    return false;
  }
  frame_audio_ = reinterpret_cast<const float*>(audio);
  frame_samples_ = bytes / sizeof(float);
  frame_used_ = 0;
  return true;
}

long long Mp3Reader::read(float* out, long long frames) {
  const size_t want = static_cast<size_t>(frames) * static_cast<size_t>(channels_);
  size_t done = 0;
  while (done < want) {
    if (frame_used_ == frame_samples_ && (!error_.empty() || !decode_next_frame())) {
      // The samples before damage are handed out first; the next call reports it.
      if (!error_.empty() && done == 0) return -1;
      break;
    }
    const size_t take = std::min(want - done, frame_samples_ - frame_used_);
    std::copy_n(frame_audio_ + frame_used_, take, out + done);
    frame_used_ += take;
    done += take;
  }
  return static_cast<long long>(done / static_cast<size_t>(channels_));
}

}  // namespace facecast::audio::detail
