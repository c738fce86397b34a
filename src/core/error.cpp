#include "core/error.h"

namespace facecast {

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
    case ErrorCode::ModelUnavailable: return "model_unavailable";
    case ErrorCode::Internal: return "internal_error";
  }
  return "internal_error";
}

}  // namespace facecast
