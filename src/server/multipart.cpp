#include "server/multipart.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "core/error.h"

namespace facecast::server {
namespace {

[[noreturn]] void malformed(const std::string& what) {
  throw Error(ErrorCode::InvalidArgument, "malformed multipart body: " + what);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Value of parameter `key` in `type; k1=v1; k2="v2"`. Quoted values are
// returned without quotes (browsers do not escape inside them; RFC 7578 4.2).
std::string_view header_parameter(std::string_view header, std::string_view key) {
  std::size_t pos = header.find(';');
  while (pos != std::string_view::npos) {
    std::string_view rest = trim(header.substr(pos + 1));
    std::size_t eq = rest.find('=');
    if (eq == std::string_view::npos) return {};
    std::string_view name = trim(rest.substr(0, eq));
    std::string_view value = rest.substr(eq + 1);
    std::size_t consumed;
    if (!value.empty() && value.front() == '"') {
      std::size_t close = value.find('"', 1);
      if (close == std::string_view::npos) return {};
      consumed = close + 1;
      value = value.substr(1, close - 1);
    } else {
      consumed = std::min(value.find(';'), value.size());
      value = trim(value.substr(0, consumed));
    }
    if (iequals(name, key)) return value;
    std::size_t next = rest.find(';', eq + 1 + consumed);
    if (next == std::string_view::npos) return {};
    header = rest.substr(next);
    pos = 0;
  }
  return {};
}

}  // namespace

std::string media_type(std::string_view content_type) {
  std::string_view type = trim(content_type.substr(0, content_type.find(';')));
  std::string out(type);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view multipart_boundary(std::string_view content_type) {
  std::string_view boundary = header_parameter(content_type, "boundary");
  if (boundary.empty()) throw Error(ErrorCode::InvalidArgument, "multipart/form-data without a boundary parameter");
  if (boundary.size() > 70) throw Error(ErrorCode::InvalidArgument, "multipart boundary longer than 70 characters");
  return boundary;
}

std::vector<FormPart> parse_multipart(std::string_view body, std::string_view boundary) {
  const std::string delimiter = "--" + std::string(boundary);
  const std::string separator = "\r\n" + delimiter;  // what ends each part's data

  // The first delimiter may follow a preamble; it starts the body or a line.
  std::size_t pos = body.rfind(delimiter, 0) == 0 ? 0 : body.find(separator);
  if (pos == std::string_view::npos) malformed("no boundary line found (is the boundary right?)");
  if (pos != 0) pos += 2;

  std::vector<FormPart> parts;
  for (;;) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return parts;  // closing delimiter
    // Transport padding may follow a delimiter, then CRLF.
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") {
      if (pos >= body.size()) malformed("body ends after a boundary (truncated)");
      malformed("boundary line not followed by CRLF");
    }
    pos += 2;

    FormPart part;
    bool has_disposition = false;
    for (;;) {  // part headers up to an empty line
      std::size_t eol = body.find("\r\n", pos);
      if (eol == std::string_view::npos) malformed("part headers are not terminated (truncated)");
      std::string_view line = body.substr(pos, eol - pos);
      pos = eol + 2;
      if (line.empty()) break;
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) malformed("part header line without ':'");
      std::string_view name = trim(line.substr(0, colon));
      std::string_view value = trim(line.substr(colon + 1));
      if (iequals(name, "Content-Disposition")) {
        if (!iequals(trim(value.substr(0, value.find(';'))), "form-data"))
          malformed("part Content-Disposition is not form-data");
        has_disposition = true;
        part.name = header_parameter(value, "name");
        part.filename = header_parameter(value, "filename");
      } else if (iequals(name, "Content-Type")) {
        part.content_type = value;
      }
    }
    if (!has_disposition || part.name.empty()) malformed("a part has no Content-Disposition name");

    std::size_t end = body.find(separator, pos);
    if (end == std::string_view::npos) malformed("part '" + std::string(part.name) + "' is not closed by a boundary (truncated)");
    part.data = body.substr(pos, end - pos);
    parts.push_back(part);
    pos = end + 2;
  }
}

}  // namespace facecast::server
