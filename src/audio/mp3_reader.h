// Internal: MP3 decoded by libmpg123 directly, its printouts switched off.
// libsndfile decodes MP3 through the same library but leaves it writing
// "Note: Illegal Audio-MPEG-Header ..." lines to stderr on damaged frames: a
// CLI error became several lines, and the server's log filled with them.
#pragma once
#include <cstddef>
#include <memory>
#include <span>
#include <string>

struct mpg123_handle_struct;

namespace facecast::audio::detail {

class Mp3Reader {
 public:
  // Over bytes in memory (kept by the caller) or an open file descriptor (not
  // owned). Throws Error(CorruptAudio) when no MP3 stream starts in them.
  static std::unique_ptr<Mp3Reader> open_memory(std::span<const std::byte> bytes);
  static std::unique_ptr<Mp3Reader> open_descriptor(int fd);
  ~Mp3Reader();
  Mp3Reader(const Mp3Reader&) = delete;
  Mp3Reader& operator=(const Mp3Reader&) = delete;

  int sample_rate() const { return rate_; }
  int channels() const { return channels_; }
  // Frames as the stream states them (a Xing/Info tag) or libmpg123 estimates
  // from the size; 0 when it cannot tell.
  long long stated_frames() const { return frames_; }

  // Up to `frames` interleaved float frames into out; 0 at the end; -1 when the
  // stream is damaged past repair (error() says how).
  long long read(float* out, long long frames);
  const std::string& error() const { return error_; }

 private:
  struct Input;
  Mp3Reader();
  void open();
  int frame_layer() const;  // of the frame last parsed
  bool decode_next_frame();  // false at the end, or on damage (error_ set)

  mpg123_handle_struct* handle_ = nullptr;
  std::unique_ptr<Input> input_;
  int rate_ = 0;
  int channels_ = 0;
  long long frames_ = 0;
  std::string error_;
  bool first_frame_parsed_ = false;
  // The decoded frame being handed out: libmpg123's buffer, valid until the next frame.
  const float* frame_audio_ = nullptr;
  size_t frame_samples_ = 0;
  size_t frame_used_ = 0;
};

}  // namespace facecast::audio::detail
