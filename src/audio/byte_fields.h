// Internal: magic strings and little-endian fields at offsets in a span of bytes,
// for the code that reads containers' own headers. Bytes past the end read as 0:
// callers check lengths where a short header matters.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

namespace facecast::audio::detail {

inline bool has_text_at(std::span<const std::byte> bytes, std::size_t offset, std::string_view text) {
  return bytes.size() >= offset + text.size() && std::memcmp(bytes.data() + offset, text.data(), text.size()) == 0;
}

inline unsigned byte_at(std::span<const std::byte> bytes, std::size_t i) {
  return i < bytes.size() ? static_cast<unsigned>(bytes[i]) : 0u;
}

inline unsigned le16_at(std::span<const std::byte> bytes, std::size_t i) {
  return byte_at(bytes, i) | byte_at(bytes, i + 1) << 8;
}

inline std::uint32_t le32_at(std::span<const std::byte> bytes, std::size_t i) {
  return static_cast<std::uint32_t>(le16_at(bytes, i)) | static_cast<std::uint32_t>(le16_at(bytes, i + 2)) << 16;
}

}  // namespace facecast::audio::detail
