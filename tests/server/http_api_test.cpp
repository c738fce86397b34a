// The HTTP API through a real socket: every endpoint and every error of issue 4.
#include <cmath>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>
#include <nlohmann/json.hpp>

#include "server/client.h"
#include "support/fixtures.h"

using namespace facecast::testing;
using nlohmann::json;

namespace {

unsigned short port() { return shared_server().port; }

json parse(const Reply& r) {
  json j = json::parse(r.body, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << r.body.substr(0, 300);
  return j;
}

void expect_error(const Reply& r, unsigned status, const std::string& code) {
  EXPECT_EQ(r.status, status) << r.body;
  json j = parse(r);
  EXPECT_EQ(j.value("success", true), false) << r.body;
  EXPECT_EQ(j["error"].value("code", ""), code) << r.body;
  EXPECT_FALSE(j["error"].value("message", "").empty()) << r.body;
  EXPECT_NE(r.header("content-type").find("application/json"), std::string::npos);
}

Reply upload(const std::vector<FormField>& fields) {
  return http_request(port(), "POST", "/process-audio", multipart_body(fields), multipart_headers());
}

FormField wav_file(const std::string& name = "speech.wav") {
  return {"file", read_binary(fixture(name)), name, "audio/wav"};
}

}  // namespace

TEST(httpApi, statusJsonForApiClients) {
  Reply r = http_request(port(), "GET", "/");
  ASSERT_EQ(r.status, 200u);
  json j = parse(r);
  EXPECT_EQ(j["name"], "facecast");
  EXPECT_FALSE(j["version"].get<std::string>().empty());
  EXPECT_TRUE(j.contains("engine"));
  EXPECT_GE(j["uptime_s"].get<double>(), 0);
}

TEST(httpApi, browserAskingForHtmlGetsTheWebApp) {
  Reply r = http_request(port(), "GET", "/", "", {{"Accept", "text/html,application/xhtml+xml,*/*;q=0.8"}});
  ASSERT_EQ(r.status, 200u);
  EXPECT_NE(r.header("content-type").find("text/html"), std::string::npos);
  EXPECT_NE(r.body.find("Facecast test app"), std::string::npos);
}

TEST(httpApi, servesStaticFilesOfTheWebApp) {
  Reply r = http_request(port(), "GET", "/js/app.js");
  ASSERT_EQ(r.status, 200u);
  EXPECT_NE(r.header("content-type").find("javascript"), std::string::npos);
  EXPECT_EQ(r.body, "export const answer = 42;\n");
  Reply head = http_request(port(), "HEAD", "/js/app.js");
  EXPECT_EQ(head.status, 200u);
  EXPECT_EQ(head.header("content-length"), std::to_string(r.body.size()));
}

TEST(httpApi, refusesPathsOutsideTheWebRoot) {
  expect_error(http_request(port(), "GET", "/../../etc/passwd"), 404, "not_found");
  expect_error(http_request(port(), "GET", "/%2e%2e/%2e%2e/etc/passwd"), 404, "not_found");
}

TEST(httpApi, healthIsOkOnceTheModelIsLoaded) {
  Reply r = http_request(port(), "GET", "/health");
  ASSERT_EQ(r.status, 200u) << r.body;
  json j = parse(r);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["model_loaded"], true);
  EXPECT_GE(j.value("recognizers_loaded", 0), 1);  // warm before ready
}

TEST(httpApi, blendshapeNamesListsArkitAndVisemes) {
  Reply r = http_request(port(), "GET", "/blendshape-names");
  ASSERT_EQ(r.status, 200u);
  json j = parse(r);
  ASSERT_EQ(j["names"].size(), 52u);
  EXPECT_EQ(j["count"], 52);
  EXPECT_EQ(j["names"][0], "eyeBlinkLeft");
  EXPECT_EQ(j["names"][51], "tongueOut");
  ASSERT_EQ(j["viseme_names"].size(), 15u);
  EXPECT_EQ(j["viseme_names"][1], "PP");
}

TEST(httpApi, processAudioAnswersTheMvpShape) {
  Reply r = upload({wav_file()});
  ASSERT_EQ(r.status, 200u) << r.body.substr(0, 300);
  json j = parse(r);
  EXPECT_EQ(j["success"], true);
  const json& data = j["data"];
  EXPECT_EQ(data["fps"], 30);
  ASSERT_GT(data["blendshapes"].size(), 10u);
  EXPECT_EQ(data["blendshapes"][0].size(), 52u);
  EXPECT_EQ(data["frame_count"].get<std::size_t>(), data["blendshapes"].size());
  EXPECT_EQ(data["visemes"]["frames"].size(), data["blendshapes"].size());
  EXPECT_FALSE(data["phonemes"].empty());
}

TEST(httpApi, processAudioAppliesOptionalFields) {
  std::string transcript = read_binary(fixture("speech.txt"));
  Reply r = upload({wav_file(), {"transcript", transcript}, {"mode", "align"}, {"fps", "60"}, {"seed", "7"}});
  ASSERT_EQ(r.status, 200u) << r.body.substr(0, 300);
  json data = parse(r)["data"];
  EXPECT_EQ(data["fps"], 60);
  EXPECT_EQ(data["mode"], "align");
  EXPECT_FALSE(data["words"].empty());
}

TEST(httpApi, processAudioTakesEmotionFields) {
  std::string transcript = read_binary(fixture("speech.txt"));
  Reply keyed = upload({wav_file(), {"transcript", transcript},
                        {"emotion_keys", R"([{"time":0,"anger":0},{"time":1,"anger":1}])"}, {"head_motion", "0.5"}});
  ASSERT_EQ(keyed.status, 200u) << keyed.body.substr(0, 300);
  json emotion = parse(keyed)["data"]["emotion"];
  EXPECT_EQ(emotion["mode"], "keys");
  EXPECT_EQ(emotion["keys"][1]["anger"], 1.0);
  Reply constant = upload({wav_file(), {"transcript", transcript}, {"emotion", "joy=0.70,anger=0.20"}});
  ASSERT_EQ(constant.status, 200u) << constant.body.substr(0, 300);
  EXPECT_NEAR(parse(constant)["data"]["emotion"]["keys"][0]["joy"].get<double>(), 0.7, 1e-4);
  Reply bad = upload({wav_file(), {"emotion", "joy=0.7,glee=1"}});
  EXPECT_EQ(bad.status, 400u);
  EXPECT_NE(bad.body.find("glee"), std::string::npos) << bad.body;
  // Both: the field order decided which one won.
  Reply both = upload({wav_file(), {"emotion", "joy=0.7"}, {"emotion_keys", R"([{"time":0,"anger":1}])"}});
  EXPECT_EQ(both.status, 400u);
  EXPECT_NE(both.body.find("'emotion' and 'emotion_keys'"), std::string::npos) << both.body;
}

TEST(httpApi, processAudioWritesLiveLinkCsv) {
  Reply r = upload({wav_file(), {"format", "csv"}, {"mode", "phonetic"}});
  ASSERT_EQ(r.status, 200u) << r.body.substr(0, 300);
  EXPECT_NE(r.header("content-type").find("text/csv"), std::string::npos);
  EXPECT_EQ(r.body.rfind("Timecode,BlendShapeCount,", 0), 0u) << r.body.substr(0, 100);
}

TEST(httpApi, formatA2fAnswersInAudio2FacesLayoutNamingTheUploadedFile) {
  FormField file = wav_file();
  file.filename = "take 7.wav";
  Reply r = upload({file, {"format", "a2f"}, {"mode", "phonetic"}});
  ASSERT_EQ(r.status, 200u) << r.body.substr(0, 300);
  EXPECT_NE(r.header("content-type").find("application/json"), std::string::npos);
  json d = parse(r);
  EXPECT_EQ(d["trackPath"], "take 7.wav");
  EXPECT_EQ(d["numPoses"], 52);
  EXPECT_EQ(d["weightMat"].size(), d["numFrames"].get<std::size_t>());
  EXPECT_EQ(d["joints"], json::array());
}

TEST(httpApi, blendshapeMapRenamesTheShapesOfOneUpload) {
  Reply r = upload({wav_file(), {"blendshape_map", "jawOpen=Jaw_Open"}, {"mode", "phonetic"}});
  ASSERT_EQ(r.status, 200u) << r.body.substr(0, 300);
  EXPECT_EQ(parse(r)["data"]["blendshape_names"][17], "Jaw_Open");
  Reply next = upload({wav_file(), {"mode", "phonetic"}});  // per request: the next has Apple's
  EXPECT_EQ(parse(next)["data"]["blendshape_names"][17], "jawOpen");
  expect_error(upload({wav_file(), {"blendshape_map", "jawOpen=mouthClose"}}), 400, "invalid_argument");
}

TEST(httpApi, processAudioTakesARawAudioBody) {
  Reply r = http_request(port(), "POST", "/process-audio?mode=phonetic&fps=24", read_binary(fixture("speech.flac")),
                         {{"Content-Type", "audio/flac"}});
  ASSERT_EQ(r.status, 200u) << r.body.substr(0, 300);
  json data = parse(r)["data"];
  EXPECT_EQ(data["fps"], 24);
  EXPECT_EQ(data["mode"], "phonetic");
}

// MediaRecorder's recordings are WebM (Opus sound); a video's type is video/webm.
TEST(httpApi, processAudioTakesWebmSentAsVideo) {
  Reply r = http_request(port(), "POST", "/process-audio?mode=phonetic", read_binary(fixture("speech.webm")),
                         {{"Content-Type", "video/webm"}});
  ASSERT_EQ(r.status, 200u) << r.body.substr(0, 300);
  EXPECT_NEAR(parse(r)["data"]["duration"].get<double>(), 3.2049, 0.002);
}

TEST(httpApi, answersExpect100Continue) {
  // curl sends Expect: 100-continue for large bodies and waits a second without it.
  std::string body = multipart_body({wav_file()});
  std::string head = "POST /process-audio HTTP/1.1\r\nHost: x\r\nConnection: close\r\nExpect: 100-continue\r\n"
                     "Content-Type: multipart/form-data; boundary=" + std::string(kBoundary) +
                     "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  RawExchange ex = raw_exchange(port(), head, 0.5);
  EXPECT_EQ(ex.received.rfind("HTTP/1.1 100 Continue", 0), 0u) << ex.received;
}

TEST(httpApi, rejectsTruncatedMultipart) {
  std::string body = multipart_body({wav_file()});
  body.resize(body.size() - 60);  // cut inside the file part, before the closing boundary
  expect_error(http_request(port(), "POST", "/process-audio", body, multipart_headers()), 400, "invalid_argument");
}

TEST(httpApi, rejectsMultipartWithoutTheFileField) {
  Reply r = upload({{"transcript", "hello world"}});
  expect_error(r, 400, "invalid_argument");
  EXPECT_NE(r.body.find("file"), std::string::npos);
}

TEST(httpApi, rejectsATranscriptTheAudioCannotHoldAndKeepsTheLimitServerSide) {
  std::string book;
  for (int i = 0; i < 5000; ++i) book += "hello world ";
  Reply r = upload({wav_file(), {"transcript", book}, {"mode", "align"}});
  expect_error(r, 400, "invalid_argument");
  EXPECT_NE(r.body.find("10000 words"), std::string::npos) << r.body;
  // A request may not raise the server's limit.
  expect_error(upload({wav_file(), {"transcript", book}, {"max_words_per_second", "100"}}), 400, "invalid_argument");
}

TEST(httpApi, rejectsZeroByteFileAsUnusableAudio) {
  expect_error(upload({{"file", "", "empty.wav", "audio/wav"}}), 422, "empty_audio");
}

TEST(httpApi, rejectsOversizeUploadWith413) {
  std::string big(5 * 1024 * 1024, 'x');  // the test server allows 4 MB
  expect_error(http_request(port(), "POST", "/process-audio", big, {{"Content-Type", "audio/wav"}}), 413,
               "payload_too_large");
  // Refused on its Content-Length, before the body: still counted under its route.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // counted once the reply is written
  Reply metrics = http_request(port(), "GET", "/metrics");
  EXPECT_NE(metrics.body.find("facecast_http_requests_total{route=\"/process-audio\",status=\"413\"}"),
            std::string::npos)
      << metrics.body;
}

TEST(httpApi, rejectsGarbageAudioWith415) {
  expect_error(upload({wav_file("not_audio.wav")}), 415, "unsupported_format");
}

TEST(httpApi, rejectsCorruptAudioWith422) {
  Reply r = upload({wav_file("truncated_header.wav")});
  EXPECT_TRUE(r.status == 422 || r.status == 415) << r.status << " " << r.body;
  expect_error(upload({wav_file("nan.wav")}), 422, "invalid_samples");
}

TEST(httpApi, rejectsNonAudioContentTypeWith415) {
  expect_error(http_request(port(), "POST", "/process-audio", "{\"a\":1}", {{"Content-Type", "application/json"}}),
               415, "unsupported_format");
}

TEST(httpApi, rejectsUnknownSettingAndBadValueNamingThem) {
  Reply unknown = upload({wav_file(), {"emotion_typo", "joy"}});
  expect_error(unknown, 400, "invalid_argument");
  EXPECT_NE(unknown.body.find("emotion_typo"), std::string::npos);
  Reply bad = upload({wav_file(), {"fps", "1000"}});
  expect_error(bad, 400, "invalid_argument");
  EXPECT_NE(bad.body.find("fps"), std::string::npos);
  expect_error(upload({wav_file(), {"emotion", "furious-ish"}}), 400, "invalid_argument");
}

TEST(httpApi, refusesServerSettingsPerRequest) {
  Reply r = upload({wav_file(), {"port", "1"}});
  expect_error(r, 400, "invalid_argument");
  expect_error(upload({wav_file(), {"max-upload-mb", "1000"}}), 400, "invalid_argument");  // spelt as a flag
}

// Fields are spelt as the command line's flags are, or with underscores.
TEST(httpApi, takesSettingNamesWithDashesAsTheCommandLineDoes) {
  Reply r = upload({wav_file(), {"head-motion", "0"}, {"fps", "24"}});
  ASSERT_EQ(r.status, 200u) << r.body.substr(0, 300);
  EXPECT_EQ(parse(r)["data"]["fps"], 24);
}

TEST(httpApi, anNtscFpsFieldGivesFramesAtTheExactRate) {
  Reply r = upload({wav_file(), {"mode", "phonetic"}, {"fps", "59.94"}});
  ASSERT_EQ(r.status, 200u) << r.body.substr(0, 300);
  const json d = parse(r)["data"];
  EXPECT_EQ(d["fps"].get<double>(), 60000.0 / 1001);
  EXPECT_EQ(d["frame_count"].get<double>(), std::ceil(d["duration"].get<double>() * 60000 / 1001 - 1e-9));
}

// The audio sent under another name ("audio", "upload") was "unknown setting 'audio'".
TEST(httpApi, aFileSentUnderAnotherFieldNameIsToldToUseFile) {
  FormField misnamed = wav_file();
  misnamed.name = "audio";
  Reply r = upload({misnamed});
  expect_error(r, 400, "invalid_argument");
  EXPECT_NE(r.body.find("send the audio in the field 'file'"), std::string::npos) << r.body;
}

TEST(httpApi, aMistypedSettingFieldNamesTheSettingMeant) {
  Reply r = upload({wav_file(), {"fsp", "24"}});
  expect_error(r, 400, "invalid_argument");
  EXPECT_NE(r.body.find("unknown setting 'fsp'; did you mean 'fps'?"), std::string::npos) << r.body;
  Reply field = upload({wav_file(), {"transcirpt", "hello"}});
  expect_error(field, 400, "invalid_argument");
  EXPECT_NE(field.body.find("did you mean 'transcript'?"), std::string::npos) << field.body;
}

TEST(httpApi, unknownRouteIs404AndWrongMethodIs405) {
  expect_error(http_request(port(), "GET", "/no-such-thing"), 404, "not_found");
  Reply r = http_request(port(), "GET", "/process-audio");
  expect_error(r, 405, "method_not_allowed");
  EXPECT_NE(r.header("allow").find("POST"), std::string::npos);
  expect_error(http_request(port(), "DELETE", "/health"), 405, "method_not_allowed");
}

TEST(httpApi, malformedRequestLineIs400) {
  RawExchange ex = raw_exchange(port(), "BLAH\r\n\r\n", 3);
  EXPECT_EQ(ex.received.rfind("HTTP/1.1 400", 0), 0u) << ex.received;
  EXPECT_NE(ex.received.find("\"success\":false"), std::string::npos);
}

TEST(httpApi, aTrailerFieldPastTheParsersLimitEndsOnlyItsConnection) {
  // Beast's parser throws (std::length_error) on a chunked trailer field over
  // 64 KiB; it used to take the whole server down.
  const std::string request = "GET /livez HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n"
                              "X-T: " + std::string(70000, 'a') + "\r\n\r\n";
  raw_exchange(port(), request, 5);
  const Reply r = http_request(port(), "GET", "/livez");
  EXPECT_EQ(r.status, 200u) << r.body;
}

// "Transfer-Encoding: chunked, gzip" was read as no body at all, and the body
// was then served as a second request on the same connection.
TEST(httpApi, aTransferEncodingNotEndingInChunkedIs400AndCloses) {
  for (const std::string coding : {"chunked, gzip", "gzip", "identity"}) {
    SCOPED_TRACE(coding);
    const std::string request = "POST /process-audio HTTP/1.1\r\nHost: x\r\nContent-Type: audio/wav\r\nTransfer-Encoding: " +
                                coding + "\r\n\r\nGET /blendshape-names HTTP/1.1\r\nHost: x\r\n\r\n";
    RawExchange ex = raw_exchange(port(), request, 5);
    EXPECT_EQ(ex.received.rfind("HTTP/1.1 400", 0), 0u) << ex.received;
    EXPECT_NE(ex.received.find("Transfer-Encoding must end in chunked"), std::string::npos) << ex.received;
    EXPECT_EQ(ex.received.find("HTTP/1.1", 10), std::string::npos) << ex.received;  // one reply, then close
  }
}

TEST(httpApi, stalledClientIsCutOff) {
  // Half a request header, then silence: the server (timeout 2 s) must close.
  RawExchange ex = raw_exchange(port(), "POST /process-audio HTTP/1.1\r\nHost: x\r\n", 10);
  EXPECT_LT(ex.seconds, 6.0);
  EXPECT_GE(ex.seconds, 1.5);
}

TEST(httpApi, corsHeadersForAllowedOriginsOnly) {
  Reply ok = http_request(port(), "GET", "/health", "", {{"Origin", "http://allowed.example"}});
  EXPECT_EQ(ok.header("access-control-allow-origin"), "http://allowed.example");
  Reply other = http_request(port(), "GET", "/health", "", {{"Origin", "http://evil.example"}});
  EXPECT_EQ(other.header("access-control-allow-origin"), "");
  Reply preflight = http_request(port(), "OPTIONS", "/process-audio", "",
                                 {{"Origin", "http://allowed.example"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(preflight.status, 204u);
  EXPECT_NE(preflight.header("access-control-allow-methods").find("POST"), std::string::npos);
}

TEST(httpApi, openapiDescribesEveryRoute) {
  Reply r = http_request(port(), "GET", "/openapi.json");
  ASSERT_EQ(r.status, 200u);
  json j = parse(r);
  EXPECT_EQ(j["openapi"].get<std::string>().substr(0, 2), "3.");
  for (const char* path : {"/", "/health", "/blendshape-names", "/process-audio", "/stream", "/metrics"})
    EXPECT_TRUE(j["paths"].contains(path)) << path;
  const json& form = j["paths"]["/process-audio"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"];
  EXPECT_TRUE(form["properties"].contains("file"));
  EXPECT_TRUE(form["properties"].contains("fps"));
  EXPECT_FALSE(form["properties"].contains("port"));
}

// Every Media Type Object under a "content" is an object with a schema (an
// array there makes code generators and validators reject the document).
void expect_media_types_have_schemas(const json& node, const std::string& where) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      if (key == "content") {
        ASSERT_TRUE(value.is_object()) << where;
        for (const auto& [type, media] : value.items()) {
          EXPECT_TRUE(media.is_object() && media.contains("schema")) << where << " " << type << ": " << media.dump();
        }
      }
      expect_media_types_have_schemas(value, where + "/" + key);
    }
  } else if (node.is_array()) {
    for (const auto& item : node) expect_media_types_have_schemas(item, where);
  }
}

TEST(httpApi, openapiMediaTypesAreObjectsWithASchema) {
  json j = parse(http_request(port(), "GET", "/openapi.json"));
  expect_media_types_have_schemas(j["paths"], "paths");
}

// The schemas name every field the server really sends.
TEST(httpApi, openapiSchemasListEveryFieldOfTheReplies) {
  json spec = parse(http_request(port(), "GET", "/openapi.json"));
  const json& schemas = spec["components"]["schemas"];
  auto expect_listed = [&](const json& reply, const json& schema, const std::string& name) {
    for (const auto& [key, value] : reply.items())
      EXPECT_TRUE(schema["properties"].contains(key)) << name << " lacks " << key;
  };
  expect_listed(parse(http_request(port(), "GET", "/health")), schemas["Health"], "Health");
  expect_listed(parse(http_request(port(), "GET", "/livez")), schemas["Live"], "Live");
  expect_listed(parse(http_request(port(), "GET", "/blendshape-names")), schemas["Names"], "Names");
  json animation = parse(upload({wav_file()}));
  expect_listed(animation, schemas["Animation"], "Animation");
  expect_listed(animation["data"], schemas["Animation"]["properties"]["data"], "Animation data");
  expect_listed(parse(upload({wav_file(), {"format", "a2f"}})), schemas["Audio2FaceWeights"], "Audio2FaceWeights");
}

TEST(httpApi, docsPageLoadsSwaggerUiLocally) {
  Reply page = http_request(port(), "GET", "/docs");
  ASSERT_EQ(page.status, 200u);
  EXPECT_NE(page.body.find("/openapi.json"), std::string::npos);
  EXPECT_EQ(page.body.find("http"), page.body.find("http-equiv"));  // no absolute (outside) URLs
  Reply bundle = http_request(port(), "GET", "/docs/swagger-ui-bundle.js");
  ASSERT_EQ(bundle.status, 200u) << "swagger-ui-dist missing: run make deps";
  EXPECT_GT(bundle.body.size(), 100000u);
}

TEST(httpApi, metricsCountRequestsInPrometheusFormat) {
  http_request(port(), "GET", "/health");
  // A request is counted when its reply has been written, which can be just
  // after the client has read it: poll briefly rather than race.
  const std::string health_line = "facecast_http_requests_total{route=\"/health\",status=\"200\"}";
  Reply r;
  for (int i = 0; i < 40; ++i) {
    r = http_request(port(), "GET", "/metrics");
    if (r.body.find(health_line) != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(r.status, 200u);
  EXPECT_NE(r.header("content-type").find("text/plain"), std::string::npos);
  EXPECT_NE(r.body.find("facecast_http_requests_total{route=\"/health\",status=\"200\"}"), std::string::npos);
  for (const char* name : {"facecast_processing_seconds_bucket", "facecast_audio_seconds_total",
                           "facecast_active_streams", "facecast_queue_depth", "facecast_recognizers_loaded",
                           "facecast_live_decoders_loaded"})
    EXPECT_NE(r.body.find(name), std::string::npos) << name;
}

TEST(httpApi, keepAliveServesSeveralRequestsOnOneConnection) {
  std::string two = "GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /blendshape-names HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  RawExchange ex = raw_exchange(port(), two, 10);
  EXPECT_EQ(ex.received.rfind("HTTP/1.1 200", 0), 0u);
  EXPECT_NE(ex.received.find("HTTP/1.1 200", 10), std::string::npos);
  EXPECT_NE(ex.received.find("tongueOut"), std::string::npos);
}

std::vector<Reply> parallel_uploads(int count) {
  std::vector<std::future<Reply>> futures;
  for (int i = 0; i < count; ++i)
    futures.push_back(std::async(std::launch::async, [] { return upload({wav_file(), {"mode", "phonetic"}}); }));
  std::vector<Reply> replies;
  for (auto& f : futures) replies.push_back(f.get());
  return replies;
}

TEST(httpApi, twentyParallelUploadsAllSucceed) {
  for (const Reply& r : parallel_uploads(20)) {
    ASSERT_EQ(r.status, 200u) << r.body.substr(0, 200);
    EXPECT_EQ(parse(r)["data"]["blendshapes"][0].size(), 52u);
  }
}

// Each worker has its own warm decoder with its own history of requests; the
// answer must not depend on which worker ran it or what it ran before.
TEST(httpApi, parallelUploadsOfTheSameAudioAgree) {
  std::string first;
  for (const Reply& r : parallel_uploads(20)) {
    ASSERT_EQ(r.status, 200u) << r.body.substr(0, 200);
    std::string frames = parse(r)["data"]["blendshapes"].dump();
    if (first.empty()) first = frames;
    EXPECT_EQ(frames, first);
  }
}

TEST(httpApi, fullQueueAnswers503WithRetryAfter) {
  facecast::Settings s;
  s.server.workers = 1;
  s.server.queue = 0;
  auto busy = start_server(s);
  ASSERT_TRUE(busy->ready());
  const unsigned short p = busy->port();
  std::string body = multipart_body({wav_file("speech_96000.wav"), {"mode", "recognize"}});
  std::vector<std::future<Reply>> replies;
  for (int i = 0; i < 6; ++i)
    replies.push_back(std::async(std::launch::async, [&] {
      return http_request(p, "POST", "/process-audio", body, multipart_headers());
    }));
  int ok = 0, refused = 0;
  for (auto& f : replies) {
    Reply r = f.get();
    if (r.status == 200) ++ok;
    if (r.status == 503) {
      ++refused;
      EXPECT_FALSE(r.header("retry-after").empty());
      EXPECT_NE(r.body.find("\"busy\""), std::string::npos);
    }
  }
  EXPECT_GE(ok, 1);
  EXPECT_GE(refused, 1);
}

// Waits (at most 5 s) until the server counts this many open connections.
bool wait_for_connections(const facecast::server::Server& server, std::size_t count) {
  for (int i = 0; i < 500 && server.open_connections() != count; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return server.open_connections() == count;
}

std::unique_ptr<facecast::server::Server> server_with_max_connections(int max_connections) {
  facecast::Settings s;
  s.server.workers = 1;
  s.server.max_connections = max_connections;
  return start_server(s);
}

TEST(httpApi, aConnectionBeyondMaxConnectionsIs503AndTheNextOneAfterAClosesIsServed) {
  auto full = server_with_max_connections(2);
  ASSERT_TRUE(full->ready());
  auto first = std::make_unique<SilentConnection>(full->port());
  SilentConnection second(full->port());
  ASSERT_TRUE(wait_for_connections(*full, 2));

  Reply refused = http_request(full->port(), "GET", "/health");
  expect_error(refused, 503, "busy");
  EXPECT_NE(refused.body.find("max_connections"), std::string::npos) << refused.body;
  EXPECT_EQ(refused.header("retry-after"), "1");
  EXPECT_EQ(refused.header("connection"), "close");

  first.reset();
  ASSERT_TRUE(wait_for_connections(*full, 1));
  EXPECT_EQ(http_request(full->port(), "GET", "/health").status, 200u);
}

TEST(httpApi, aConnectionBeyondMaxConnectionsThatSendsNothingIsClosedSoon) {
  auto full = server_with_max_connections(1);
  ASSERT_TRUE(full->ready());
  SilentConnection holder(full->port());
  ASSERT_TRUE(wait_for_connections(*full, 1));
  // request_timeout is 30 s; a refused connection is not kept that long.
  RawExchange ex = raw_exchange(full->port(), "", 10);
  EXPECT_LT(ex.seconds, 5.0);
  EXPECT_TRUE(ex.received.empty()) << ex.received;
}

TEST(httpApi, mvpCurlExampleWorks) {
  std::string cmd = "curl -s -X POST -F \"file=@" + fixture("speech.wav") + "\" http://127.0.0.1:" +
                    std::to_string(port()) + "/process-audio";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buf[65536];
  while (std::size_t n = fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  ASSERT_EQ(pclose(pipe), 0);
  json j = json::parse(out, nullptr, false);
  ASSERT_FALSE(j.is_discarded()) << out.substr(0, 200);
  EXPECT_EQ(j["data"]["fps"], 30);
  EXPECT_EQ(j["data"]["blendshapes"][0].size(), 52u);
}

TEST(httpApi, mvpPythonClientWorksUnchanged) {
  // The MVP's documented client, verbatim apart from host, port and file name.
  std::string script =
      "import requests\n"
      "f = open('" + fixture("speech.wav") + "', 'rb')\n"
      "r = requests.post('http://127.0.0.1:" + std::to_string(port()) + "/process-audio', files={'file': f})\n"
      "blendshapes = r.json()['data']['blendshapes']\n"
      "fps = r.json()['data']['fps']\n"
      "assert fps == 30 and len(blendshapes) > 10 and len(blendshapes[0]) == 52\n"
      "print('ok', len(blendshapes))\n";
  std::string path = std::filesystem::temp_directory_path() / "facecast_mvp_client.py";
  { std::ofstream(path) << script; }
  FILE* pipe = popen(("python3 " + path + " 2>&1").c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  EXPECT_EQ(pclose(pipe), 0) << out;
  EXPECT_EQ(out.rfind("ok ", 0), 0u) << out;
}
