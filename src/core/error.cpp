#include "core/error.h"

#include <cstdio>

namespace facecast {

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (byte < 0x20 || byte == 0x7f) {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out;
}

std::string excerpt(std::string_view text) {
  if (text.size() <= kQuotedBytes) return std::string(text);
  std::size_t end = kQuotedBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "...";
}

std::string_view code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument: return "invalid_argument";
    case ErrorCode::UnsupportedFormat: return "unsupported_format";
    case ErrorCode::EmptyAudio: return "empty_audio";
    case ErrorCode::CorruptAudio: return "corrupt_audio";
    case ErrorCode::AudioTooLong: return "audio_too_long";
    case ErrorCode::InvalidSamples: return "invalid_samples";
    case ErrorCode::PayloadTooLarge: return "payload_too_large";
    case ErrorCode::Busy: return "busy";
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::MethodNotAllowed: return "method_not_allowed";
    case ErrorCode::Forbidden: return "forbidden";
    case ErrorCode::ModelUnavailable: return "model_unavailable";
    case ErrorCode::Internal: return "internal_error";
  }
  return "internal_error";
}

}  // namespace facecast
