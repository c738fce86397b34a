// POST /process-audio: the request is turned into an UploadJob on the I/O thread
// (cheap checks: content type, multipart, settings), then run on a worker.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/settings.h"
#include "server/beast.h"

namespace facecast {
class Engine;
}

namespace facecast::server {

// Settings a request may change (face, speech mode, output) — not the server's own,
// the model folder or the duration limit.
bool request_settable(std::string_view key);
// Applies one request field (form field, query parameter, stream message key)
// through apply_setting; throws Error(InvalidArgument) naming the field.
void apply_request_field(Settings& settings, std::string_view key, std::string_view value);

struct UploadJob {
  std::shared_ptr<const Request> request;  // owns the bytes `audio` points into
  std::string_view audio;
  std::string transcript;
  std::string file_name;  // the multipart file's name, for formats that record it (a2f's trackPath)
  Settings settings;
};

// Throws Error: InvalidArgument (malformed multipart, missing field, bad setting),
// UnsupportedFormat (a Content-Type that is not multipart or audio).
UploadJob prepare_upload(std::shared_ptr<const Request> request, const Settings& base);

struct UploadResult {
  bool ok = false;
  ErrorCode error = ErrorCode::Internal;
  std::string body;  // the animation (JSON or CSV) or the error JSON
  std::string content_type;
  double audio_seconds = 0;
  double processing_s = 0;
};

// Decodes, animates and exports. Never throws: errors become the result.
UploadResult run_upload(const UploadJob& job, Engine* engine);

}  // namespace facecast::server
