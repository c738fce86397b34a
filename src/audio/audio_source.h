// Internal: an open reader over a file on disk or bytes in memory (libsndfile;
// libmpg123 for MP3: mp3_reader.h; our demuxer for WebM/Matroska:
// matroska_reader.h), plus the first and last bytes and total
// size of the input, which the decoder needs to name formats and spot
// truncation before reading any samples.
#pragma once
#include <sndfile.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "audio/byte_cursor.h"
#include "audio/matroska_reader.h"
#include "audio/mp3_reader.h"

namespace facecast::audio::detail {

class AudioSource {
 public:
  // Throws Error(NotFound) for a missing path, EmptyAudio for 0 bytes, and
  // UnsupportedFormat / CorruptAudio when libsndfile cannot open the input.
  static AudioSource open_file(const std::string& path);
  static AudioSource open_memory(std::span<const std::byte> bytes);

  AudioSource(AudioSource&&) noexcept;
  ~AudioSource();

  // info().format is libsndfile's format code, for MP3 too; 0 for WebM/Matroska
  // (libsndfile has none), which is_matroska() tells.
  const SF_INFO& info() const { return info_; }
  bool is_matroska() const { return matroska_ != nullptr; }
  // Up to `frames` interleaved float frames; 0 at the end; -1 when the data is
  // damaged (read_error() says how).
  long long read(float* out, long long frames);
  std::string read_error() const;
  std::span<const std::byte> head() const { return head_; }
  std::span<const std::byte> tail() const { return tail_; }
  std::uint64_t size() const { return size_; }
  // Up to `count` bytes from `offset` (beyond the head too: an MP3's first frame
  // may lie past a large ID3 tag); fewer at the end of the input.
  std::vector<std::byte> bytes_at(std::uint64_t offset, std::size_t count) const;

 private:
  AudioSource() = default;
  void check_before_open() const;  // refuses what libsndfile would leak on (vorbis_headers.h)
  void open_failed() const;        // throws the error that explains why

  void open_mp3();  // instead of libsndfile, for input that starts as MP3
  bool found_mpeg_late();  // libsndfile opened MPEG audio: closes it, true (then open_mp3)
  void open_matroska();    // for input that starts as EBML (WebM, Matroska)

  SNDFILE* handle_ = nullptr;
  std::unique_ptr<Mp3Reader> mp3_;
  std::unique_ptr<MatroskaReader> matroska_;
  int fd_ = -1;  // the file (libsndfile or libmpg123 reads it; bytes_at too)
  SF_INFO info_{};
  std::vector<std::byte> head_;  // first bytes of the input (up to 64 KiB)
  std::vector<std::byte> tail_;  // last bytes of the input (up to 64 KiB)
  std::uint64_t size_ = 0;
  std::unique_ptr<ByteCursor> cursor_;  // stable address for libsndfile's callbacks
  std::string open_error_;
};

}  // namespace facecast::audio::detail
