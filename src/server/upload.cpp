#include "server/upload.h"

#include <algorithm>
#include <chrono>
#include <span>

#include <fmt/format.h>

#include "audio/decode.h"
#include "core/spelling.h"
#include "engine/engine.h"
#include "export/audio2face_json.h"
#include "export/csv.h"
#include "export/json.h"
#include "server/event_log.h"
#include "server/http_errors.h"
#include "server/multipart.h"
#include "server/url.h"

namespace facecast::server {
namespace {

constexpr std::string_view kServerOnly[] = {"host",         "port",        "workers",     "queue",
                                            "max_upload_mb", "request_timeout", "cors_origins", "max_streams", "max_connections", "max_stream_speed",
                                            "web_root",     "model_dir",   "max_duration", "max_input_mb", "max_words_per_second", "recognizers", "recognizer_idle",
                                            "shutdown_grace", "log_format"};

// A WebM or Matroska video is taken for its sound (a browser's recording of a
// camera and microphone is video/webm).
bool is_audio_media_type(std::string_view type) {
  return type.starts_with("audio/") || type == "application/octet-stream" || type == "video/webm" ||
         type == "video/x-matroska";
}

}  // namespace

bool request_settable(std::string_view key) {
  const std::string name = setting_name(key);
  return std::find(std::begin(kServerOnly), std::end(kServerOnly), name) == std::end(kServerOnly);
}

void apply_request_field(Settings& settings, std::string_view key, std::string_view value) {
  if (!request_settable(key))
    throw Error(ErrorCode::InvalidArgument, fmt::format("setting '{}' cannot be changed per request", key));
  apply_setting(settings, key, value);
}

UploadJob prepare_upload(std::shared_ptr<const Request> request, const Settings& base) {
  UploadJob job;
  job.settings = base;
  std::vector<std::string> keys;
  auto apply_field = [&job, &keys](std::string_view key, std::string_view value) {
    static const std::vector<std::string> kFieldsBesideSettings = {"file", "transcript"};
    if (!is_setting(key))
      if (const auto like = closest_spelling(key, kFieldsBesideSettings))
        throw Error(ErrorCode::InvalidArgument, fmt::format("unknown field '{}'; did you mean '{}'?", key, *like));
    if (key == "transcript") job.transcript = std::string(value);
    else apply_request_field(job.settings, key, value);
    keys.emplace_back(key);
  };
  // Query parameters work for both body kinds (handy with a raw audio body).
  for (const auto& [key, value] : parse_query(split_target(sv(request->target())).query)) {
    if (key == "file") throw Error(ErrorCode::InvalidArgument, "'file' must be sent in the body, not the URL");
    apply_field(key, value);
  }

  const std::string_view content_type = sv((*request)[http::field::content_type]);
  const std::string type = media_type(content_type);
  const std::string_view body = request->body();
  if (type == "multipart/form-data") {
    bool have_file = false;
    for (const FormPart& part : parse_multipart(body, multipart_boundary(content_type))) {
      if (part.name == "file") {
        if (have_file) throw Error(ErrorCode::InvalidArgument, "multipart field 'file' is given twice");
        have_file = true;
        job.audio = part.data;
        job.file_name = std::string(part.filename);
      } else if (!part.filename.empty() && !is_setting(part.name) && part.name != "transcript") {
        throw Error(ErrorCode::InvalidArgument,
                    fmt::format("multipart field '{}' holds a file: send the audio in the field 'file'", excerpt(part.name)));
      } else {
        apply_field(part.name, part.data);
      }
    }
    if (!have_file)
      throw Error(ErrorCode::InvalidArgument, "multipart field 'file' (the audio) is missing");
  } else if (is_audio_media_type(type)) {
    job.audio = body;
  } else if (type.empty()) {
    throw Error(ErrorCode::UnsupportedFormat,
                "no Content-Type: send multipart/form-data with a 'file' field, or audio bytes with an audio/* type");
  } else {
    throw Error(ErrorCode::UnsupportedFormat,
                fmt::format("Content-Type '{}' is none of multipart/form-data, audio/* or application/octet-stream", excerpt(type)));
  }
  if (auto conflict = conflicting_settings(keys); !conflict.empty()) throw Error(ErrorCode::InvalidArgument, conflict);
  job.request = std::move(request);
  return job;
}

UploadResult run_upload(const UploadJob& job, Engine* engine) {
  const auto started = std::chrono::steady_clock::now();
  UploadResult result;
  auto fail = [&result](ErrorCode code, std::string_view message) {
    result.ok = false;
    result.error = code;
    result.body = error_body(code, message);
    result.content_type = "application/json";
  };
  try {
    if (!engine) throw Error(ErrorCode::ModelUnavailable, "the speech model is not loaded on this worker");
    const auto* bytes = reinterpret_cast<const std::byte*>(job.audio.data());
    audio::DecodedAudio decoded = audio::decode_memory(std::span(bytes, job.audio.size()), job.settings.audio);
    result.audio_seconds = decoded.duration();
    Animation animation = engine->animate(decoded, job.transcript, job.settings);
    if (job.settings.output.format == OutputFormat::Csv) {
      result.body = exporter::to_live_link_csv(animation);
      result.content_type = "text/csv; charset=utf-8";
    } else if (job.settings.output.format == OutputFormat::Audio2Face) {
      result.body = exporter::to_audio2face_json(animation, job.file_name, job.settings.output.blendshape_names);
      result.content_type = "application/json";
    } else {
      result.body = exporter::to_json(animation, job.settings.output.blendshape_names);
      result.content_type = "application/json";
    }
    result.ok = true;
  } catch (const Error& e) {
    if (e.code() == ErrorCode::Internal) log_event(LogLevel::Error, std::string("internal error: ") + e.what());
    fail(e.code(), e.what());
  } catch (const std::bad_alloc&) {
    log_event(LogLevel::Error, "out of memory processing an upload");
    fail(ErrorCode::Internal, "");
  } catch (const std::exception& e) {
    log_event(LogLevel::Error, std::string("internal error: ") + e.what());
    fail(ErrorCode::Internal, "");
  }
  result.processing_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace facecast::server
