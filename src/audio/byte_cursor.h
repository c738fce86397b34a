// Internal: reading and seeking over bytes in memory, POSIX-style, for the
// decoders' I/O callbacks (libsndfile's virtual I/O, libmpg123's reader).
#pragma once
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <span>

namespace facecast::audio::detail {

struct ByteCursor {
  std::span<const std::byte> bytes;
  std::int64_t position = 0;

  std::int64_t size() const { return static_cast<std::int64_t>(bytes.size()); }
  // Copies up to count bytes to out; returns how many (0 at the end).
  std::int64_t read(void* out, std::int64_t count) {
    const std::int64_t n = std::max<std::int64_t>(0, std::min(count, size() - position));
    std::memcpy(out, bytes.data() + position, static_cast<std::size_t>(n));
    position += n;
    return n;
  }
  // whence: SEEK_SET, SEEK_CUR or SEEK_END; -1 before the start, clamped at the end.
  std::int64_t seek(std::int64_t offset, int whence) {
    const std::int64_t target = whence == SEEK_SET ? offset : whence == SEEK_CUR ? position + offset : size() + offset;
    if (target < 0) return -1;
    position = std::min(target, size());
    return position;
  }
};

}  // namespace facecast::audio::detail
