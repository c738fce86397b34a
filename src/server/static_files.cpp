#include "server/static_files.h"

#include <system_error>

#include "core/error.h"
#include "server/url.h"

namespace facecast::server {

std::optional<std::filesystem::path> resolve_static(const std::filesystem::path& root, std::string_view url_path) {
  std::string decoded;
  try {
    decoded = url_decode(url_path, false);
  } catch (const Error&) {
    return std::nullopt;
  }
  if (decoded.empty() || decoded.front() != '/' || decoded.find('\0') != std::string::npos ||
      decoded.find('\\') != std::string::npos)
    return std::nullopt;
  // Refuse any ".." segment instead of normalising: nothing legitimate needs one.
  std::filesystem::path relative = std::filesystem::path(decoded).relative_path();
  for (const auto& segment : relative)
    if (segment == "..") return std::nullopt;
  std::filesystem::path file = root / relative;
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) file /= "index.html";
  if (!std::filesystem::is_regular_file(file, ec)) return std::nullopt;
  return file;
}

std::string_view mime_type(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".glb") return "model/gltf-binary";
  if (ext == ".gltf") return "model/gltf+json";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".wav") return "audio/wav";
  if (ext == ".mp3") return "audio/mpeg";
  if (ext == ".ogg") return "audio/ogg";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

}  // namespace facecast::server
