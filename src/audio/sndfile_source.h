// Internal: an open libsndfile reader over a file on disk or bytes in memory,
// plus the first and last bytes and total size of the input, which the decoder
// needs to name formats and spot truncation before reading any samples.
#pragma once
#include <sndfile.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace facecast::audio::detail {

class SndfileSource {
 public:
  // Throws Error(NotFound) for a missing path, EmptyAudio for 0 bytes, and
  // UnsupportedFormat / CorruptAudio when libsndfile cannot open the input.
  static SndfileSource open_file(const std::string& path);
  static SndfileSource open_memory(std::span<const std::byte> bytes);

  SndfileSource(SndfileSource&&) noexcept;
  ~SndfileSource();

  SNDFILE* handle() const { return handle_; }
  const SF_INFO& info() const { return info_; }
  std::span<const std::byte> head() const { return head_; }
  std::span<const std::byte> tail() const { return tail_; }
  std::uint64_t size() const { return size_; }

 private:
  struct MemoryCursor {
    std::span<const std::byte> bytes;
    sf_count_t position = 0;
  };
  SndfileSource() = default;
  void check_before_open() const;  // refuses what libsndfile would leak on (vorbis_headers.h)
  void open_failed() const;        // throws the error that explains why

  SNDFILE* handle_ = nullptr;
  SF_INFO info_{};
  std::vector<std::byte> head_;  // first bytes of the input (up to 64 KiB)
  std::vector<std::byte> tail_;  // last bytes of the input (up to 64 KiB)
  std::uint64_t size_ = 0;
  std::unique_ptr<MemoryCursor> cursor_;  // stable address for libsndfile's callbacks
  std::string open_error_;
};

}  // namespace facecast::audio::detail
