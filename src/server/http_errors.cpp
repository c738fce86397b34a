#include "server/http_errors.h"

#include "export/json.h"

namespace facecast::server {

http::status status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument: return http::status::bad_request;
    case ErrorCode::UnsupportedFormat: return http::status::unsupported_media_type;
    case ErrorCode::EmptyAudio:
    case ErrorCode::CorruptAudio:
    case ErrorCode::AudioTooLong:
    case ErrorCode::InvalidSamples: return http::status::unprocessable_entity;
    case ErrorCode::PayloadTooLarge: return http::status::payload_too_large;
    case ErrorCode::Busy: return http::status::service_unavailable;
    case ErrorCode::NotFound: return http::status::not_found;
    case ErrorCode::MethodNotAllowed: return http::status::method_not_allowed;
    case ErrorCode::Forbidden: return http::status::forbidden;
    case ErrorCode::ModelUnavailable: return http::status::service_unavailable;
    case ErrorCode::Internal: return http::status::internal_server_error;
  }
  return http::status::internal_server_error;
}

std::string error_body(ErrorCode code, std::string_view message) {
  if (code == ErrorCode::Internal) message = "internal error; the server log has the details";
  return exporter::error_json(code, message);
}

StringResponse error_response(ErrorCode code, std::string_view message, unsigned version, bool keep_alive) {
  StringResponse res{status_for(code), version};
  res.set(http::field::content_type, "application/json");
  res.body() = error_body(code, message);
  if (code == ErrorCode::Busy || code == ErrorCode::ModelUnavailable) res.set(http::field::retry_after, "1");
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

}  // namespace facecast::server
