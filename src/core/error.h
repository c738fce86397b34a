// Errors that cross an area boundary. Thrown at the edges (decoding, parsing,
// settings); turned into an HTTP status or an exit code in one place each
// (server/ and cli/). Never thrown on the real-time path.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>

namespace facecast {

enum class ErrorCode {
  InvalidArgument,    // a setting or request field is wrong (400)
  UnsupportedFormat,  // bytes are not an audio format we read (415)
  EmptyAudio,         // no bytes, or zero samples (422)
  CorruptAudio,       // truncated header or data, undecodable stream (422)
  AudioTooLong,       // longer than settings.audio.max_duration_s (422)
  InvalidSamples,     // NaN or Inf samples (422)
  PayloadTooLarge,    // more bytes than allowed (413)
  Busy,               // queue full (503)
  NotFound,           // file or route missing (404)
  MethodNotAllowed,   // the route exists but not for this HTTP method (405)
  Forbidden,          // a web page from an origin the server does not allow (403)
  ModelUnavailable,   // speech model could not be loaded (500)
  Internal,           // a bug; message is not shown to remote clients (500)
};

// Stable machine-readable name, used as "code" in JSON errors.
std::string_view code_name(ErrorCode code);

// The text with control characters written as escapes (\n, \t, \x00...): a
// message that quotes user input stays one line, and a NUL no longer cuts it short.
std::string one_line(std::string_view text);

// How much of a client's text an error message quotes: a field can be megabytes
// long, and the message only has to show which one was meant.
inline constexpr std::size_t kQuotedBytes = 64;

// The text's first kQuotedBytes bytes (cut before a UTF-8 sequence, not inside one),
// with "..." when something was left off.
std::string excerpt(std::string_view text);

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(one_line(message)), code_(code) {}
  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace facecast
