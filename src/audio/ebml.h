// Internal: EBML, the binary layout of Matroska and WebM. A file is a tree of
// elements, each an ID, a size and that many bytes of data; IDs and sizes are
// variable-length integers whose first byte's leading zeros give their length.
// Writers that cannot seek back (a browser's MediaRecorder) give the Segment
// and its Clusters an "unknown" size: such an element runs until an element
// that cannot be its child begins, or to the end of the file.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "audio/container_layout.h"

namespace facecast::audio::detail {

struct EbmlElement {
  std::uint32_t id = 0;     // with its length marker, as specs write it (0x1A45DFA3)
  std::uint64_t data = 0;   // offset of its data
  std::uint64_t size = 0;   // bytes of data; meaningless when unknown_size
  bool unknown_size = false;
  std::uint64_t end() const { return data + size; }
};

// A variable-length integer's value (marker bit removed) and its length in
// bytes, from the start of `bytes`; nothing when it is malformed or cut off.
struct EbmlNumber {
  std::uint64_t value = 0;
  std::size_t length = 0;
  bool all_ones = false;  // every value bit set: "unknown" for a size
};
std::optional<EbmlNumber> read_ebml_number(std::span<const std::byte> bytes);

// One Xiph-laced size (a run of 255s and a last byte below 255), as Matroska
// laces block frames and Vorbis's three headers, read from `offset` and
// advancing it; nothing when the bytes end first.
std::optional<std::size_t> read_xiph_lace_size(std::span<const std::byte> bytes, std::size_t& offset);

// The element whose header starts `head` (which begins at `offset` of its
// input, for error messages); nothing when `head` ends inside the header.
// Throws Error(CorruptAudio) for a malformed ID or size.
std::optional<EbmlElement> parse_element_header(std::span<const std::byte> head, std::uint64_t offset);

// Reads elements of an input through a window of its bytes (the input may be a
// file read piecewise). Malformed headers throw Error(CorruptAudio).
class EbmlInput {
 public:
  EbmlInput(ByteReader read, std::uint64_t size);

  std::uint64_t size() const { return size_; }
  // The element whose header starts at `offset`; nothing when fewer bytes
  // than a header remain (the end of the input, or a file cut there).
  std::optional<EbmlElement> element_at(std::uint64_t offset);
  // `count` bytes from `offset`; fewer only at the end of the input.
  std::span<const std::byte> bytes(std::uint64_t offset, std::size_t count);

  // The data of small elements (throw CorruptAudio when cut off or too long).
  std::uint64_t unsigned_value(const EbmlElement& element);
  double float_value(const EbmlElement& element);
  std::string string_value(const EbmlElement& element);

 private:
  ByteReader read_;
  std::uint64_t size_;
  std::uint64_t window_start_ = 0;
  std::vector<std::byte> window_;
};

}  // namespace facecast::audio::detail
