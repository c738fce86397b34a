// multipart/form-data (RFC 7578) parsing over a request body held in memory.
// Parts are views into the body: the body must outlive the result.
#pragma once
#include <string_view>
#include <vector>

namespace facecast::server {

struct FormPart {
  std::string_view name;
  std::string_view filename;      // empty when the part is a plain field
  std::string_view content_type;  // empty when not stated
  std::string_view data;
};

// The boundary parameter of a multipart/form-data Content-Type; throws
// Error(InvalidArgument) when it is missing or malformed.
std::string_view multipart_boundary(std::string_view content_type);

// Throws Error(InvalidArgument) naming the problem for a truncated or malformed body.
std::vector<FormPart> parse_multipart(std::string_view body, std::string_view boundary);

// The media type of a Content-Type value, lower case, without parameters.
std::string media_type(std::string_view content_type);

}  // namespace facecast::server
