#include "server/openapi.h"

#include <nlohmann/json.hpp>

#include "core/names.h"
#include "core/settings.h"
#include "server/upload.h"

namespace facecast::server {
namespace {

using nlohmann::json;

json error_response(const char* description) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
}

json json_response(const char* description, const char* schema_ref) {
  return {{"description", description},
          {"content", {{"application/json", {{"schema", {{"$ref", schema_ref}}}}}}}};
}

json upload_fields() {
  json properties = {
      {"file", {{"type", "string"}, {"format", "binary"}, {"description", "the audio: WAV, MP3, FLAC, OGG Vorbis, Opus, or WebM/Matroska (Opus or Vorbis audio)"}}},
      {"transcript", {{"type", "string"}, {"description", "what is said; enables forced alignment (mode auto -> align)"}}},
  };
  for (const auto& info : setting_catalog()) {
    if (!request_settable(info.key)) continue;
    properties[std::string(info.key)] = {{"type", "string"}, {"description", std::string(info.help)}};
  }
  return {{"type", "object"}, {"required", {"file"}}, {"properties", properties}};
}

json query_parameters() {
  json params = json::array();
  params.push_back({{"name", "transcript"}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}},
                    {"description", "what is said (for a raw audio body)"}});
  for (const auto& info : setting_catalog()) {
    if (!request_settable(info.key)) continue;
    params.push_back({{"name", std::string(info.key)}, {"in", "query"}, {"required", false},
                      {"schema", {{"type", "string"}}}, {"description", std::string(info.help)}});
  }
  return params;
}

json frames_schema(std::size_t width, const char* description) {
  return {{"type", "array"}, {"description", description},
          {"items", {{"type", "array"}, {"minItems", width}, {"maxItems", width}, {"items", {{"type", "number"}}}}}};
}

json schemas() {
  json segment = [](const char* label) {
    return json{{"type", "object"},
                {"properties", {{label, {{"type", "string"}}}, {"start", {{"type", "number"}}}, {"end", {{"type", "number"}}}}}};
  }("phoneme");
  json word = {{"type", "object"},
               {"properties", {{"word", {{"type", "string"}}}, {"start", {{"type", "number"}}}, {"end", {{"type", "number"}}}}}};
  json animation = {
      {"type", "object"},
      {"properties",
       {{"fps", {{"type", "number"}, {"description", "frames per second; 30000/1001 (29.97...) when 29.97 was asked"}}},
        {"duration", {{"type", "number"}, {"description", "seconds of audio"}}},
        {"frame_count", {{"type", "integer"}}},
        {"blendshape_names", {{"type", "array"}, {"items", {{"type", "string"}}}}},
        {"blendshapes", frames_schema(kBlendshapeCount, "one row of 52 ARKit weights per frame; frame i is at i/fps")},
        {"visemes",
         {{"type", "object"},
          {"properties",
           {{"names", {{"type", "array"}, {"items", {{"type", "string"}}}}},
            {"frames", frames_schema(kVisemeCount, "15 Oculus viseme weights per frame")}}}}},
        {"head_rotation",
         frames_schema(3, "pitch (+ chin up), yaw (+ towards the avatar's left), roll (+ towards its right shoulder) in degrees")},
        {"eye_rotation", frames_schema(4, "left pitch, left yaw, right pitch, right yaw in degrees (signs as the head)")},
        {"emotion",
         {{"type", "object"},
          {"description", "the emotion used, as keys of the ten emotions (auto: one estimate per phrase)"},
          {"properties",
           {{"mode", {{"type", "string"}, {"enum", {"constant", "keys", "auto"}}}},
            {"keys",
             {{"type", "array"},
              {"items", {{"type", "object"}, {"additionalProperties", {{"type", "number"}}}}}}}}}}},
        {"phonemes", {{"type", "array"}, {"items", segment}}},
        {"words", {{"type", "array"}, {"items", word}}},
        {"unaligned_words",
         {{"type", "array"},
          {"description",
           "align mode: transcript words found nowhere in the audio (likely not spoken), with no times; index counts "
           "the transcript's words from 0, numbers spelled out"},
          {"items",
           {{"type", "object"},
            {"properties", {{"word", {{"type", "string"}}}, {"index", {{"type", "integer"}}}}}}}}},
        {"unread_transcript",
         {{"type", "array"},
          {"description",
           "pieces of the transcript likely spoken but not read (words in scripts other than Latin letters, "
           "superscripts, fractions), as written, left out of the words aligned; a transcript wholly in another "
           "script makes mode auto use phonetic"},
          {"items", {{"type", "string"}}}}},
        {"mode", {{"type", "string"}, {"enum", {"align", "recognize", "phonetic"}}}},
        {"processing_ms", {{"type", "number"}}}}}};
  return {
      {"Animation", {{"type", "object"},
                     {"properties", {{"success", {{"type", "boolean"}}}, {"data", animation}}}}},
      {"Error",
       {{"type", "object"},
        {"properties",
         {{"success", {{"type", "boolean"}, {"enum", {false}}}},
          {"error",
           {{"type", "object"},
            {"properties", {{"code", {{"type", "string"}}}, {"message", {{"type", "string"}}}}}}}}}}},
      {"Audio2FaceWeights",
       {{"type", "object"},
        {"description",
         "format=a2f: the blendshape-weight JSON NVIDIA Audio2Face exports. joints is empty and rotations and "
         "translations hold an empty list per frame: gaze is in the eyeLook* weights, head rotation in format=json."},
        {"properties",
         {{"exportFps", {{"type", "integer"}}},
          {"trackPath", {{"type", "string"}, {"description", "the uploaded file's name (empty for a raw body)"}}},
          {"numPoses", {{"type", "integer"}}},
          {"numFrames", {{"type", "integer"}}},
          {"facsNames", {{"type", "array"}, {"items", {{"type", "string"}}}}},
          {"weightMat",
           {{"type", "array"},
            {"items", {{"type", "array"}, {"minItems", 52}, {"maxItems", 52}, {"items", {{"type", "number"}}}}}}},
          {"joints", {{"type", "array"}, {"maxItems", 0}}},
          {"rotations", {{"type", "array"}, {"items", {{"type", "array"}, {"maxItems", 0}}}}},
          {"translations", {{"type", "array"}, {"items", {{"type", "array"}, {"maxItems", 0}}}}}}}}},
      {"Status", {{"type", "object"}}},
      {"Health", {{"type", "object"},
                  {"properties", {{"status", {{"type", "string"}, {"enum", {"ok", "loading", "error", "busy", "draining"}}}},
                                  {"model_loaded", {{"type", "boolean"}}},
                                  {"queue_depth", {{"type", "integer"}}},
                                  {"queue_limit", {{"type", "integer"}}},
                                  {"active_streams", {{"type", "integer"}}},
                                  {"recognizers_loaded",
                                   {{"type", "integer"},
                                    {"description", "word recognisers in memory; extra ones are freed when idle"}}},
                                  {"workers", {{"type", "integer"}}},
                                  {"version", {{"type", "string"}}},
                                  {"message", {{"type", "string"}, {"description", "why the status is error"}}}}}}},
      {"Live", {{"type", "object"},
                {"properties", {{"status", {{"type", "string"}, {"enum", {"alive"}}}},
                                {"ready", {{"type", "boolean"}}},
                                {"draining", {{"type", "boolean"}}},
                                {"uptime_s", {{"type", "number"}}}}}}},
      {"Names",
       {{"type", "object"},
        {"properties",
         {{"names", {{"type", "array"}, {"items", {{"type", "string"}}}}},
          {"count", {{"type", "integer"}}},
          {"viseme_names", {{"type", "array"}, {"items", {{"type", "string"}}}}},
          {"viseme_count", {{"type", "integer"}}}}}}},
  };
}

}  // namespace

std::string openapi_json() {
  json paths;
  paths["/"]["get"] = {{"summary", "Server status (a browser asking for HTML gets the web app)"},
                       {"responses", {{"200", json_response("name, version, engine, uptime", "#/components/schemas/Status")}}}};
  paths["/health"]["get"] = {
      {"summary", "Readiness: 200 when this replica should get work"},
      {"description",
       "503 with status `loading` (speech model loading), `error` (it failed to load), `busy` (the job queue is "
       "full) or `draining` (shutting down after SIGTERM), each with Retry-After: 1. Use it for load balancer and "
       "Kubernetes readiness checks; use /livez for liveness."},
      {"responses", {{"200", json_response("ready", "#/components/schemas/Health")},
                     {"503", json_response("not ready: loading, error, busy or draining", "#/components/schemas/Health")}}}};
  paths["/livez"]["get"] = {
      {"summary", "Liveness: 200 while the process answers (also while loading, busy or draining)"},
      {"responses", {{"200", json_response("alive", "#/components/schemas/Live")}}}};
  paths["/blendshape-names"]["get"] = {
      {"summary", "The 52 ARKit blendshape names in Apple order, and the 15 viseme names"},
      {"responses", {{"200", json_response("names", "#/components/schemas/Names")}}}};
  json animation_content = {
      {"application/json",
       {{"schema",
         {{"oneOf", json::array({{{"$ref", "#/components/schemas/Animation"}},
                                 {{"$ref", "#/components/schemas/Audio2FaceWeights"}}})}}}}},
      {"text/csv", {{"schema", {{"type", "string"}, {"description", "Live Link Face CSV (format=csv)"}}}}}};
  paths["/process-audio"]["post"] = {
      {"summary", "Animate a face from speech audio"},
      {"description",
       "Send multipart/form-data with the audio in field `file` (optional fields: transcript and any per-request "
       "setting), or the raw audio bytes with an audio/* Content-Type (video/webm for a WebM recording) and settings in the query string."},
      {"parameters", query_parameters()},
      {"requestBody",
       {{"required", true},
        {"content",
         {{"multipart/form-data", {{"schema", upload_fields()}}},
          {"audio/*", {{"schema", {{"type", "string"}, {"format", "binary"}}}}},
          {"video/webm", {{"schema", {{"type", "string"}, {"format", "binary"}}}}},
          {"application/octet-stream", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}},
      {"responses",
       {{"200", {{"description", "the animation"}, {"content", animation_content}}},
        {"400", error_response("malformed request or multipart, missing field, bad setting")},
        {"413", error_response("body larger than the upload limit")},
        {"415", error_response("not an audio format the server reads")},
        {"405", error_response("another method than POST (or OPTIONS)")},
        {"422", error_response("audio that cannot be used: empty, too long, corrupt, NaN samples")},
        {"500", error_response("an internal error (a bug: please report it)")},
        {"503", error_response("busy or too many connections (see Retry-After), or the speech model could not be "
                               "loaded (model_unavailable)")}}}};
  paths["/openapi.json"]["get"] = {{"summary", "This description"},
                                   {"responses", {{"200", {{"description", "OpenAPI 3 document"}}}}}};
  paths["/docs"]["get"] = {{"summary", "Interactive API docs (served locally)"},
                           {"responses", {{"200", {{"description", "HTML page"}}}}}};
  paths["/metrics"]["get"] = {
      {"summary", "Prometheus metrics"},
      {"responses", {{"200", {{"description", "text exposition format"}, {"content", {{"text/plain", {{"schema", {{"type", "string"}}}}}}}}}}}};
  paths["/stream"]["get"] = {
      {"summary", "Live streaming over WebSocket (upgrade required)"},
      {"description",
       "Client: {\"type\":\"start\",\"sample_rate\":48000,\"encoding\":\"pcm_s16le\"|\"pcm_f32le\"|\"webm\"|\"ogg\","
       "\"channels\":1,\"fps\":30,...settings} within request_timeout, then binary audio chunks of up to 4 MiB each "
       "(a larger message closes the stream with 1009): raw PCM, or with encoding webm or ogg (also given as a MIME "
       "type, audio/webm;codecs=opus, audio/ogg) a stream as MediaRecorder sends it, Opus or Vorbis, whose own header states "
       "its rate and channels (ready gives them as null; a stream that cannot be read ends with corrupt_audio or "
       "unsupported_format); optionally {\"type\":\"settings\",...}, then "
       "{\"type\":\"stop\"}. Server: {\"type\":\"ready\"} after start, {\"type\":\"frames\",\"start\":K,\"fps\":30,"
       "\"blendshapes\":[[...]],\"visemes\":[[...]],\"head_rotation\":[[...]],\"eye_rotation\":[[...]]} as soon as "
       "frames are final, {\"type\":\"end\",\"frame_count\":N,\"non_finite_samples\":N,\"partial_frame_bytes\":N} "
       "after stop (the last two count NaN/Inf samples played as silence and the bytes of a partial sample frame "
       "dropped at the end); errors as {\"type\":\"error\",\"code\":..,"
       "\"message\":..} followed by a close. A server shutting down lets streams run for its shutdown grace, then "
       "sends code `shutting_down` and closes with 1001 (going away): reconnect to continue."},
      {"responses", {{"101", {{"description", "switching to WebSocket"}}},
                     {"400", error_response("not a WebSocket upgrade")},
                     {"503", error_response("too many live streams")}}}};

  json doc = {{"openapi", "3.0.3"},
              {"info", {{"title", "Facecast API"},
                        {"version", FACECAST_VERSION},
                        {"description", "Speech audio in, a talking face out: 52 ARKit blendshape weights per frame, "
                                        "15 visemes, head and eye rotation, phone and word timings."}}},
              {"paths", paths},
              {"components", {{"schemas", schemas()}}}};
  return doc.dump(2);
}

std::string docs_page() {
  return R"(<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Facecast API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
<link rel="icon" href="/docs/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-standalone-preset.js"></script>
<script>
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: "BaseLayout"
});
</script>
</body>
</html>
)";
}

}  // namespace facecast::server
