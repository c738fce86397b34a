#include "audio/ebml.h"

#include <bit>
#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "core/error.h"

namespace facecast::audio::detail {
namespace {

// Reads ahead in pieces this large: blocks of compressed audio are small.
constexpr std::size_t kWindowBytes = 64 * 1024;
// The longest string or number element read whole (codec IDs, names, sizes).
constexpr std::uint64_t kLongestValue = 4096;

[[noreturn]] void corrupt(const std::string& what, std::uint64_t offset) {
  throw Error(ErrorCode::CorruptAudio, fmt::format("damaged WebM/Matroska file: {} at byte {}", what, offset));
}

}  // namespace

std::optional<EbmlNumber> read_ebml_number(std::span<const std::byte> bytes) {
  if (bytes.empty()) return std::nullopt;
  const auto first = static_cast<unsigned>(bytes[0]);
  if (first == 0) return std::nullopt;  // longer than 8 bytes: not EBML
  const std::size_t length = static_cast<std::size_t>(std::countl_zero(static_cast<std::uint8_t>(first))) + 1;
  if (bytes.size() < length) return std::nullopt;
  EbmlNumber number;
  number.length = length;
  number.value = first & (0xFFu >> length);
  for (std::size_t i = 1; i < length; ++i) number.value = (number.value << 8) | static_cast<unsigned>(bytes[i]);
  number.all_ones = number.value == (std::uint64_t{1} << (7 * length)) - 1;
  return number;
}

std::optional<std::size_t> read_xiph_lace_size(std::span<const std::byte> bytes, std::size_t& offset) {
  std::size_t size = 0;
  for (unsigned byte = 255; byte == 255; size += byte) {
    if (offset >= bytes.size()) return std::nullopt;
    byte = static_cast<unsigned>(bytes[offset++]);
  }
  return size;
}

EbmlInput::EbmlInput(ByteReader read, std::uint64_t size) : read_(std::move(read)), size_(size) {}

std::span<const std::byte> EbmlInput::bytes(std::uint64_t offset, std::size_t count) {
  if (offset >= size_) return {};
  count = static_cast<std::size_t>(std::min<std::uint64_t>(count, size_ - offset));
  if (offset < window_start_ || offset + count > window_start_ + window_.size()) {
    window_start_ = offset;
    window_ = read_(offset, std::max(count, kWindowBytes));
  }
  const std::size_t from = static_cast<std::size_t>(offset - window_start_);
  return std::span<const std::byte>(window_).subspan(from, std::min(count, window_.size() - from));
}

std::optional<EbmlElement> parse_element_header(std::span<const std::byte> head, std::uint64_t offset) {
  const auto id = read_ebml_number(head);
  if (!id) {
    if (!head.empty() && head[0] == std::byte{0}) corrupt("an invalid element ID", offset);
    return std::nullopt;
  }
  if (id->length > 4) corrupt("an element ID longer than 4 bytes", offset);
  const auto size = read_ebml_number(head.subspan(id->length));
  if (!size) {
    if (head.size() > id->length && head[id->length] == std::byte{0}) corrupt("an invalid element size", offset);
    return std::nullopt;
  }
  EbmlElement element;
  element.id = 0;
  for (std::size_t i = 0; i < id->length; ++i) element.id = (element.id << 8) | static_cast<unsigned>(head[i]);
  element.data = offset + id->length + size->length;
  element.size = size->value;
  element.unknown_size = size->all_ones;
  return element;
}

std::optional<EbmlElement> EbmlInput::element_at(std::uint64_t offset) {
  return parse_element_header(bytes(offset, 12), offset);  // 12: the longest header, a 4-byte ID and an 8-byte size
}

std::uint64_t EbmlInput::unsigned_value(const EbmlElement& element) {
  if (element.unknown_size || element.size > 8) corrupt("a number longer than 8 bytes", element.data);
  const auto data = bytes(element.data, static_cast<std::size_t>(element.size));
  if (data.size() < element.size) corrupt("a number cut off by the end of the file", element.data);
  std::uint64_t value = 0;
  for (const std::byte b : data) value = (value << 8) | static_cast<unsigned>(b);
  return value;
}

double EbmlInput::float_value(const EbmlElement& element) {
  if (element.unknown_size || (element.size != 4 && element.size != 8 && element.size != 0))
    corrupt("a float that is neither 4 nor 8 bytes", element.data);
  if (element.size == 0) return 0.0;
  const std::uint64_t bits = unsigned_value(element);
  if (element.size == 4) return static_cast<double>(std::bit_cast<float>(static_cast<std::uint32_t>(bits)));
  return std::bit_cast<double>(bits);
}

std::string EbmlInput::string_value(const EbmlElement& element) {
  if (element.unknown_size || element.size > kLongestValue) corrupt("an over-long text element", element.data);
  const auto data = bytes(element.data, static_cast<std::size_t>(element.size));
  if (data.size() < element.size) corrupt("a text element cut off by the end of the file", element.data);
  std::string text(reinterpret_cast<const char*>(data.data()), data.size());
  if (const auto nul = text.find('\0'); nul != std::string::npos) text.resize(nul);  // padded
  return text;
}

}  // namespace facecast::audio::detail
