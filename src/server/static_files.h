// Files of the web app and of the local API docs, served from a folder.
#pragma once
#include <filesystem>
#include <optional>
#include <string_view>

namespace facecast::server {

// The regular file a URL path names under root ("/" and folders -> index.html),
// or nullopt when there is none or the path tries to leave root.
std::optional<std::filesystem::path> resolve_static(const std::filesystem::path& root, std::string_view url_path);

std::string_view mime_type(const std::filesystem::path& file);

}  // namespace facecast::server
