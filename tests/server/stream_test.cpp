// WebSocket /stream end to end with a real Beast WebSocket client.
#include <gtest/gtest.h>

#include <sys/socket.h>

#include <cmath>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include "server/client.h"
#include "support/fixtures.h"

using namespace facecast::testing;
using nlohmann::json;
namespace net = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using tcp = net::ip::tcp;

namespace {

class StreamClient {
 public:
  explicit StreamClient(unsigned short port = shared_server().port) : ws_(ioc_) {
    beast::get_lowest_layer(ws_).connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    beast::get_lowest_layer(ws_).set_option(tcp::no_delay(true));  // each message goes out when written
    ws_.handshake("127.0.0.1", "/stream");
  }
  void send_text(const std::string& text) {
    ws_.text(true);
    ws_.write(net::buffer(text));
  }
  void send_binary(const void* data, std::size_t size) {
    ws_.binary(true);
    ws_.write(net::buffer(data, size));
  }
  // One frame of a binary message; `last` ends the message.
  void send_binary_part(const void* data, std::size_t size, bool last) {
    ws_.binary(true);
    ws_.write_some(last, net::buffer(data, size));
  }
  // The next message, or a JSON null once the server has closed.
  json receive() {
    beast::flat_buffer buffer;
    beast::error_code ec;
    ws_.read(buffer, ec);
    if (ec) {
      closed_ = true;
      close_reason_ = ws_.reason();
      return nullptr;
    }
    return json::parse(beast::buffers_to_string(buffer.data()));
  }
  bool closed() const { return closed_; }
  void close() { ws_.close(websocket::close_code::normal); }
  websocket::close_reason close_reason() const { return close_reason_; }
  // Cuts the connection from another thread after `seconds` unless cancelled
  // first: a reply that never comes fails the test instead of hanging it (the
  // client answers the server's pings, so its reads never time out by themselves).
  void cut_after(double seconds) {
    watchdog_ = std::thread([this, seconds] {
      std::unique_lock lock(watchdog_mutex_);
      if (!watchdog_cancel_.wait_for(lock, std::chrono::duration<double>(seconds), [this] { return cancelled_; }))
        ::shutdown(beast::get_lowest_layer(ws_).native_handle(), SHUT_RDWR);
    });
  }
  ~StreamClient() {
    if (!watchdog_.joinable()) return;
    {
      std::lock_guard lock(watchdog_mutex_);
      cancelled_ = true;
    }
    watchdog_cancel_.notify_one();
    watchdog_.join();
  }

 private:
  net::io_context ioc_;
  websocket::stream<tcp::socket> ws_;
  bool closed_ = false;
  websocket::close_reason close_reason_;
  std::thread watchdog_;
  std::mutex watchdog_mutex_;
  std::condition_variable watchdog_cancel_;
  bool cancelled_ = false;
};

struct StreamResult {
  std::vector<std::vector<float>> blendshapes;
  std::size_t end_count = 0;
  bool contiguous = true;
  int frames_messages = 0;
  double fps = 0;  // as ready and every frames message gave it
  std::vector<json> other;
};

// Streams `audio` in chunks of `chunk` bytes, reading replies as they come;
// `midway`, if not null, is sent half way through the audio.
StreamResult stream_bytes(const json& start, const std::string& audio, std::size_t chunk, const json& midway = nullptr) {
  StreamClient client;
  client.send_text(start.dump());
  json ready = client.receive();
  EXPECT_EQ(ready.value("type", ""), "ready") << ready.dump();
  StreamResult out;
  out.fps = ready.value("fps", 0.0);
  for (std::size_t pos = 0; pos < audio.size(); pos += chunk) {
    if (!midway.is_null() && pos < audio.size() / 2 && pos + chunk >= audio.size() / 2) client.send_text(midway.dump());
    client.send_binary(audio.data() + pos, std::min(chunk, audio.size() - pos));
  }
  client.send_text(R"({"type":"stop"})");
  for (;;) {
    json msg = client.receive();
    if (msg.is_null()) break;
    const std::string type = msg.value("type", "");
    if (type == "frames") {
      ++out.frames_messages;
      if (msg["start"].get<std::size_t>() != out.blendshapes.size()) out.contiguous = false;
      EXPECT_EQ(msg["fps"].get<double>(), out.fps);
      EXPECT_EQ(msg["visemes"].size(), msg["blendshapes"].size());
      EXPECT_EQ(msg["head_rotation"].size(), msg["blendshapes"].size());
      EXPECT_EQ(msg["eye_rotation"].size(), msg["blendshapes"].size());
      for (const auto& row : msg["blendshapes"]) out.blendshapes.push_back(row.get<std::vector<float>>());
    } else if (type == "end") {
      out.end_count = msg["frame_count"].get<std::size_t>();
    } else {
      out.other.push_back(msg);
    }
  }
  return out;
}

// The 44.1 kHz stereo s16le fixture in 20 ms chunks.
StreamResult stream_fixture(const json& start, const json& midway = nullptr) {
  return stream_bytes(start, read_binary(fixture("speech_s16le_44100_2ch.raw")), 44100 * 2 * 2 / 50, midway);
}

json expect_error_then_close(StreamClient& client, const std::string& code) {
  json msg = client.receive();
  EXPECT_EQ(msg.value("type", ""), "error") << msg.dump();
  EXPECT_EQ(msg.value("code", ""), code) << msg.dump();
  EXPECT_FALSE(msg.value("message", "").empty());
  json after = client.receive();
  EXPECT_TRUE(after.is_null()) << after.dump();
  EXPECT_TRUE(client.closed());
  return msg;
}

}  // namespace

TEST(stream, framesArriveInOrderAndEndCountsThem) {
  StreamResult r = stream_fixture({{"type", "start"}, {"sample_rate", 44100}, {"channels", 2}, {"encoding", "pcm_s16le"}, {"fps", 30}});
  EXPECT_TRUE(r.other.empty()) << r.other.front().dump();
  EXPECT_TRUE(r.contiguous);
  ASSERT_GT(r.blendshapes.size(), 30u);
  EXPECT_EQ(r.end_count, r.blendshapes.size());
  EXPECT_GT(r.frames_messages, 5);  // frames are sent while audio comes in, not all at the end
  for (const auto& row : r.blendshapes) {
    ASSERT_EQ(row.size(), 52u);
    for (float w : row) ASSERT_TRUE(w >= 0 && w <= 1);
  }
}

// A client that animates 29.97 fps video gets frames at the exact NTSC rate,
// stated so in ready and in every frames message.
TEST(stream, anNtscRateGivesFramesAtItsExactRate) {
  StreamResult ntsc = stream_fixture({{"type", "start"}, {"sample_rate", 44100}, {"channels", 2}, {"fps", 29.97}});
  StreamResult whole = stream_fixture({{"type", "start"}, {"sample_rate", 44100}, {"channels", 2}, {"fps", 30}});
  EXPECT_TRUE(ntsc.other.empty()) << ntsc.other.front().dump();
  EXPECT_EQ(ntsc.fps, 30000.0 / 1001);
  EXPECT_EQ(whole.fps, 30);
  EXPECT_EQ(ntsc.end_count, ntsc.blendshapes.size());
  const double seconds = static_cast<double>(whole.end_count) / 30;  // the fixture: whole frames of 1/30 s
  EXPECT_NEAR(static_cast<double>(ntsc.end_count), seconds * 30000 / 1001, 1.0);
}

// A browser's MediaRecorder sends WebM (Opus) in pieces that cut its elements
// anywhere: the same speech gives the frames raw PCM gives.
TEST(stream, webmInPiecesGivesTheFramesOfTheSamePcm) {
  const StreamResult pcm = stream_fixture({{"type", "start"}, {"sample_rate", 44100}, {"channels", 2}});
  StreamClient client;
  client.send_text(R"({"type":"start","encoding":"audio/webm;codecs=opus"})");
  const json ready = client.receive();
  EXPECT_EQ(ready.value("encoding", ""), "webm") << ready.dump();
  EXPECT_TRUE(ready["sample_rate"].is_null()) << "the stream states its own rate";
  client.close();
  const StreamResult webm = stream_bytes({{"type", "start"}, {"encoding", "webm"}}, read_binary(fixture("speech.webm")), 500);
  EXPECT_TRUE(webm.other.empty()) << webm.other.front().dump();
  EXPECT_TRUE(webm.contiguous);
  EXPECT_GT(webm.frames_messages, 5);  // frames follow the pieces, not the end
  EXPECT_EQ(webm.end_count, webm.blendshapes.size());
  ASSERT_EQ(webm.blendshapes.size(), pcm.blendshapes.size());
  double difference = 0;
  for (std::size_t i = 0; i < webm.blendshapes.size(); ++i)
    for (std::size_t k = 0; k < 52; ++k) difference += std::fabs(webm.blendshapes[i][k] - pcm.blendshapes[i][k]);
  EXPECT_LT(difference / static_cast<double>(webm.blendshapes.size() * 52), 0.02) << "mean weight difference";
}

// Firefox's MediaRecorder sends Ogg (Opus) by default.
TEST(stream, oggInPiecesGivesFramesAsTheSamePcmDoes) {
  const StreamResult pcm = stream_fixture({{"type", "start"}, {"sample_rate", 44100}, {"channels", 2}});
  const StreamResult ogg =
      stream_bytes({{"type", "start"}, {"encoding", "audio/ogg; codecs=opus"}}, read_binary(fixture("speech.opus")), 400);
  EXPECT_TRUE(ogg.other.empty()) << ogg.other.front().dump();
  EXPECT_TRUE(ogg.contiguous);
  EXPECT_EQ(ogg.end_count, ogg.blendshapes.size());
  // Live, the encoder's padding at the very end is kept: a frame more at most.
  ASSERT_GE(ogg.blendshapes.size(), pcm.blendshapes.size());
  ASSERT_LE(ogg.blendshapes.size(), pcm.blendshapes.size() + 1);
  double difference = 0;
  for (std::size_t i = 0; i < pcm.blendshapes.size(); ++i)
    for (std::size_t k = 0; k < 52; ++k) difference += std::fabs(ogg.blendshapes[i][k] - pcm.blendshapes[i][k]);
  EXPECT_LT(difference / static_cast<double>(pcm.blendshapes.size() * 52), 0.02) << "mean weight difference";
}

// Bytes that are not WebM end the stream with the input's error, not ours.
TEST(stream, bytesThatAreNotWebmEndTheStreamAsUnsupportedFormat) {
  StreamClient client;
  client.send_text(R"({"type":"start","encoding":"webm"})");
  ASSERT_EQ(client.receive().value("type", ""), "ready");
  const std::string wav = read_binary(fixture("speech.wav"));
  client.send_binary(wav.data(), 4096);
  const json error = expect_error_then_close(client, "unsupported_format");
  EXPECT_NE(error.value("message", "").find("not WebM"), std::string::npos) << error.dump();
  EXPECT_EQ(client.close_reason().code, websocket::close_code::policy_error);
}

// A large binary message is analysed in slices, each its own turn on the I/O
// thread (so one client's 4 MiB message cannot hold it for seconds); the
// frames cover the same audio as 20 ms chunks do (they may differ a little: a
// frame is drawn from what the decoder has heard when it is sent), and a stop
// sent right after the message still comes after all of its audio.
TEST(stream, audioInOneLargeMessageGivesTheFramesOfSmallChunks) {
  const json start = {{"type", "start"}, {"sample_rate", 44100}, {"channels", 2}, {"encoding", "pcm_s16le"}};
  const StreamResult chunked = stream_fixture(start);
  const std::string pcm = read_binary(fixture("speech_s16le_44100_2ch.raw"));
  ASSERT_GT(pcm.size(), 10u * 32 * 1024);
  StreamClient client;
  client.send_text(start.dump());
  ASSERT_EQ(client.receive().value("type", ""), "ready");
  client.send_binary(pcm.data(), pcm.size());
  client.send_text(R"({"type":"stop"})");
  std::vector<std::vector<float>> frames;
  std::size_t end_count = 0;
  for (json msg = client.receive(); !msg.is_null(); msg = client.receive()) {
    if (msg.value("type", "") == "frames")
      for (const auto& row : msg["blendshapes"]) frames.push_back(row.get<std::vector<float>>());
    if (msg.value("type", "") == "end") end_count = msg["frame_count"].get<std::size_t>();
  }
  EXPECT_EQ(end_count, frames.size());
  ASSERT_EQ(frames.size(), chunked.blendshapes.size());
  double difference = 0;
  for (std::size_t i = 0; i < frames.size(); ++i)
    for (std::size_t k = 0; k < frames[i].size(); ++k) difference += std::fabs(frames[i][k] - chunked.blendshapes[i][k]);
  difference /= static_cast<double>(frames.size() * 52);
  EXPECT_LT(difference, 0.02) << "mean weight difference";
}

// The live path never throws on odd input: it mends it, and the end says how much.
TEST(stream, theEndCountsNonFiniteSamplesAndAPartialFrameTheStreamMended) {
  StreamClient client;
  client.send_text(R"({"type":"start","sample_rate":16000,"channels":1,"encoding":"pcm_f32le"})");
  ASSERT_EQ(client.receive().value("type", ""), "ready");
  std::vector<float> samples(3200, 0.0f);
  samples[100] = std::nanf("");
  samples[200] = INFINITY;
  std::string bytes(reinterpret_cast<const char*>(samples.data()), samples.size() * sizeof(float));
  bytes += "ab";  // half a sample
  client.send_binary(bytes.data(), bytes.size());
  client.send_text(R"({"type":"stop"})");
  json end;
  for (json msg = client.receive(); !msg.is_null(); msg = client.receive())
    if (msg.value("type", "") == "end") end = msg;
  ASSERT_FALSE(end.is_null());
  EXPECT_EQ(end["non_finite_samples"], 2);
  EXPECT_EQ(end["partial_frame_bytes"], 2);
}

TEST(stream, consecutiveStreamsOfTheSameAudioGiveTheSameFrames) {
  // The second stream gets a decoder the first one used (the server keeps
  // live decoders warm); it must decode as a fresh one would.
  const json start = {{"type", "start"}, {"sample_rate", 44100}, {"channels", 2}, {"encoding", "pcm_s16le"}};
  StreamResult first = stream_fixture(start);
  StreamResult second = stream_fixture(start);
  ASSERT_GT(first.blendshapes.size(), 30u);
  EXPECT_EQ(first.blendshapes, second.blendshapes);
}

TEST(stream, matchesTheOfflinePhoneticResultClosely) {
  StreamResult live = stream_fixture({{"type", "start"}, {"sample_rate", 44100}, {"channels", 2}, {"encoding", "pcm_s16le"}});
  Reply offline = http_request(shared_server().port, "POST", "/process-audio?mode=phonetic",
                               read_binary(fixture("speech_stereo_44100.wav")), {{"Content-Type", "audio/wav"}});
  ASSERT_EQ(offline.status, 200u);
  json frames = json::parse(offline.body)["data"]["blendshapes"];
  ASSERT_NEAR(static_cast<double>(live.blendshapes.size()), static_cast<double>(frames.size()), 2.0);
  double sum = 0;
  std::size_t n = 0;
  const std::size_t count = std::min(live.blendshapes.size(), frames.size());
  for (std::size_t f = 0; f < count; ++f)
    for (std::size_t i = 0; i < 52; ++i, ++n) sum += std::abs(live.blendshapes[f][i] - frames[f][i].get<float>());
  const double mean_abs = sum / n;
  std::printf("live vs offline phonetic: %zu vs %zu frames, mean |difference| %.4f\n", live.blendshapes.size(),
              frames.size(), mean_abs);
  EXPECT_LT(mean_abs, 0.05);
}

TEST(stream, settingsMidStreamChangeTheFramesToCome) {
  StreamResult r = stream_fixture({{"type", "start"}, {"sample_rate", 44100}, {"channels", 2}},
                                  {{"type", "settings"}, {"emotion", "joy=1"}});
  ASSERT_EQ(r.other.size(), 1u);  // the settings acknowledgement
  EXPECT_EQ(r.other[0].value("type", ""), "settings");
  EXPECT_TRUE(r.other[0].value("applied", false)) << r.other[0].dump();
  const std::size_t third = r.blendshapes.size() / 3;
  ASSERT_GT(third, 10u);
  auto smile = [&](std::size_t from, std::size_t to) {
    double sum = 0;
    for (std::size_t i = from; i < to; ++i) sum += r.blendshapes[i][23];  // mouthSmileLeft
    return sum / (to - from);
  };
  EXPECT_LT(smile(0, third), 0.1);
  EXPECT_GT(smile(2 * third, r.blendshapes.size()), 0.5);
}

// A stream started with `start` refuses `settings` with an error naming `named`, then closes.
void expect_settings_refused(const std::string& start, const std::string& settings, const std::string& named) {
  StreamClient client;
  client.send_text(start);
  EXPECT_EQ(client.receive().value("type", ""), "ready");
  client.send_text(settings);
  json msg = expect_error_then_close(client, "invalid_argument");
  EXPECT_NE(msg.value("message", "").find(named), std::string::npos) << msg.dump();
}

TEST(stream, settingsOutOfRangeMidStreamAreAnError) {
  expect_settings_refused(R"({"type":"start","sample_rate":16000})", R"({"type":"settings","head_motion":5})",
                          "head_motion");
}

TEST(stream, aSeedMidStreamIsRefusedRatherThanIgnored) {
  expect_settings_refused(R"({"type":"start","sample_rate":16000,"seed":3})", R"({"type":"settings","seed":5})", "seed");
}

TEST(stream, aCsvFormatIsRefusedSinceFramesAreJsonMessages) {
  StreamClient client;
  client.send_text(R"({"type":"start","sample_rate":16000,"format":"csv"})");
  json msg = expect_error_then_close(client, "invalid_argument");
  EXPECT_NE(msg.value("message", "").find("format"), std::string::npos);
  StreamClient named;  // frames carry no names to rename
  named.send_text(R"({"type":"start","sample_rate":16000,"blendshape_map":{"jawOpen":"J"}})");
  EXPECT_NE(expect_error_then_close(named, "invalid_argument").value("message", "").find("blendshape_map"), std::string::npos);
  StreamClient a2f;
  a2f.send_text(R"({"type":"start","sample_rate":16000,"format":"a2f"})");
  EXPECT_NE(expect_error_then_close(a2f, "invalid_argument").value("message", "").find("format"), std::string::npos);
}

// The server's configured mode and format are defaults for uploads: a stream
// that does not name them runs phonetic with JSON messages (a recognize server
// refused every stream); a mode the client names is still checked.
TEST(stream, theServersUploadDefaultsDoNotStopAStream) {
  facecast::Settings settings;
  settings.speech.mode = facecast::SpeechMode::Recognize;
  settings.output.format = facecast::OutputFormat::Csv;
  auto server = start_server(settings);
  ASSERT_TRUE(server->ready());
  {
    StreamClient client(server->port());
    client.send_text(R"({"type":"start","sample_rate":16000})");
    EXPECT_EQ(client.receive().value("type", ""), "ready");
  }
  {
    StreamClient client(server->port());
    client.send_text(R"({"type":"start","sample_rate":16000,"mode":"align"})");
    EXPECT_NE(expect_error_then_close(client, "invalid_argument").value("message", "").find("phonetic"), std::string::npos);
  }
  server->stop();
}

TEST(stream, badJsonGetsAnErrorThenClose) {
  StreamClient client;
  client.send_text("{not json");
  expect_error_then_close(client, "invalid_argument");
}

TEST(stream, audioBeforeStartIsAnError) {
  StreamClient client;
  char pcm[640] = {};
  client.send_binary(pcm, sizeof pcm);
  expect_error_then_close(client, "invalid_argument");
}

// Sent in one burst, the stop may arrive while the decoder is still being set
// up: what follows it is dropped either way (it was acknowledged and used then).
TEST(stream, messagesAfterStopAreDroppedEvenWhileTheStreamStarts) {
  const std::string speech = read_binary(fixture("speech_s16le_44100_2ch.raw"));
  for (int attempt = 0; attempt < 5; ++attempt) {
    StreamClient client;
    client.cut_after(20);
    client.send_text(R"({"type":"start","sample_rate":44100,"channels":2})");
    client.send_text(R"({"type":"stop"})");
    client.send_text(R"({"type":"settings","emotion":"joy=1"})");
    client.send_binary(speech.data(), speech.size());
    client.send_text(R"({"type":"start"})");
    std::vector<std::string> types;
    for (json msg = client.receive(); !msg.is_null(); msg = client.receive()) {
      types.push_back(msg.value("type", ""));
      if (types.back() == "end") {
        EXPECT_EQ(msg["frame_count"], 0) << msg.dump();
      }
    }
    EXPECT_EQ(types, (std::vector<std::string>{"ready", "end"}));
  }
}

TEST(stream, unknownSettingInStartIsNamed) {
  StreamClient client;
  client.send_text(R"({"type":"start","sample_rate":16000,"emotion":"furious-ish"})");
  json msg = expect_error_then_close(client, "invalid_argument");
  EXPECT_NE(msg.value("message", "").find("emotion"), std::string::npos);
}

TEST(stream, emotionComesAsAnObjectAndKeysAsAListAsInTheConfigFile) {
  StreamClient client;
  client.send_text(R"({"type":"start","sample_rate":16000,"emotion":{"joy":0.7,"anger":0.2}})");
  EXPECT_EQ(client.receive().value("type", ""), "ready");
  client.send_text(R"({"type":"settings","emotion_keys":[{"time":0,"joy":0.2},{"time":2,"sadness":0.6}]})");
  json ack = client.receive();
  EXPECT_EQ(ack.value("type", ""), "settings") << ack.dump();
  EXPECT_TRUE(ack.value("applied", false));
}

TEST(stream, oneMessageWithEmotionAndEmotionKeysIsRefused) {
  StreamClient client;
  client.send_text(R"({"type":"start","sample_rate":16000,"emotion":{"joy":0.7},"emotion_keys":[{"time":0,"anger":1}]})");
  json msg = expect_error_then_close(client, "invalid_argument");
  EXPECT_NE(msg.value("message", "").find("'emotion' and 'emotion_keys'"), std::string::npos) << msg.dump();
}

TEST(stream, aDeeplyNestedMessageIsRefused) {
  StreamClient client;
  client.send_text(R"({"type":"start","sample_rate":16000,"emotion_keys":)" + std::string(100000, '[') +
                   std::string(100000, ']') + "}");
  json msg = expect_error_then_close(client, "invalid_argument");
  EXPECT_NE(msg.value("message", "").find("nests deeper"), std::string::npos) << msg.dump();
}

TEST(stream, unsupportedEncodingIsAnError) {
  StreamClient client;
  client.send_text(R"({"type":"start","sample_rate":16000,"encoding":"mp3"})");
  expect_error_then_close(client, "invalid_argument");
}

// Settings may be given as text ("fps":"30"), as HTTP form fields are; the
// rate and channels were refused so.
TEST(stream, theRateAndChannelsMayBeGivenAsTextLikeTheSettings) {
  StreamClient client;
  client.send_text(R"({"type":"start","sample_rate":"44100","channels":"2","fps":"60"})");
  const json ready = client.receive();
  EXPECT_EQ(ready.value("type", ""), "ready") << ready.dump();
  EXPECT_EQ(ready.value("sample_rate", 0), 44100) << ready.dump();
  EXPECT_EQ(ready.value("channels", 0), 2) << ready.dump();
  for (const char* rate : {R"("44.1k")", R"("")", R"(" 16000")", "16000.5", "true"}) {
    StreamClient refused;
    refused.send_text(std::string(R"({"type":"start","sample_rate":)") + rate + "}");
    json msg = expect_error_then_close(refused, "invalid_argument");
    EXPECT_NE(msg.value("message", "").find("'sample_rate' must be a whole number"), std::string::npos) << rate;
  }
}

TEST(stream, plainGetOnStreamIs400) {
  Reply r = http_request(shared_server().port, "GET", "/stream");
  EXPECT_EQ(r.status, 400u);
}

TEST(stream, aRefusedHandshakeGetsAJsonError) {
  // An upgrade without Sec-WebSocket-Key: Beast refuses it; the reason comes as our JSON error.
  Reply r = http_request(shared_server().port, "GET", "/stream", "",
                         {{"Connection", "Upgrade"}, {"Upgrade", "websocket"}, {"Sec-WebSocket-Version", "13"}});
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.header("content-type"), "application/json");
  json body = json::parse(r.body);
  EXPECT_EQ(body["success"], false);
  EXPECT_EQ(body["error"]["code"], "invalid_argument");
  EXPECT_NE(body["error"]["message"].get<std::string>().find("handshake"), std::string::npos) << r.body;
  // Counted as what it got (it was counted as 101, switching protocols, before the handshake).
  Reply metrics = http_request(shared_server().port, "GET", "/metrics");
  EXPECT_NE(metrics.body.find("facecast_http_requests_total{route=\"/stream\",status=\"400\"}"), std::string::npos)
      << metrics.body;
}

// Another protocol version gets 426 (Upgrade Required), counted as such, not as "other".
TEST(stream, aHandshakeOfAnotherVersionIsCountedAs426) {
  Reply r = http_request(shared_server().port, "GET", "/stream", "",
                         {{"Connection", "Upgrade"}, {"Upgrade", "websocket"}, {"Sec-WebSocket-Version", "8"},
                          {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}});
  EXPECT_EQ(r.status, 426u);
  Reply metrics = http_request(shared_server().port, "GET", "/metrics");
  EXPECT_NE(metrics.body.find("facecast_http_requests_total{route=\"/stream\",status=\"426\"} 1\n"), std::string::npos)
      << metrics.body;
}

// A refused handshake is no stream: it showed in /metrics as active (until its
// connection was gone) and as one more stream opened.
TEST(stream, aRefusedHandshakeIsNeitherActiveNorCountedAsAStream) {
  facecast::Settings settings;
  settings.server.max_streams = 1;
  auto server = start_server(settings);
  ASSERT_TRUE(server->ready());
  Reply r = http_request(server->port(), "GET", "/stream", "",
                         {{"Connection", "Upgrade"}, {"Upgrade", "websocket"}, {"Sec-WebSocket-Version", "13"}});
  EXPECT_EQ(r.status, 400u);
  Reply metrics = http_request(server->port(), "GET", "/metrics");
  EXPECT_NE(metrics.body.find("facecast_active_streams 0\n"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("facecast_streams_total 0\n"), std::string::npos) << metrics.body;
  StreamClient next(server->port());  // its place among max_streams is free
  next.send_text(R"({"type":"start","sample_rate":16000})");
  EXPECT_EQ(next.receive().value("type", ""), "ready");
  metrics = http_request(server->port(), "GET", "/metrics");
  EXPECT_NE(metrics.body.find("facecast_active_streams 1\n"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("facecast_streams_total 1\n"), std::string::npos) << metrics.body;
  server->stop();
}

TEST(stream, aClientThatNeverStartsIsClosedAfterTheRequestTimeout) {
  // It answers the keep-alive pings (Beast's client does, as browsers do), so
  // only the start deadline frees its place among max_streams.
  facecast::Settings settings;
  settings.server.request_timeout_s = 1;
  settings.server.max_streams = 1;
  auto server = start_server(settings);
  ASSERT_TRUE(server->ready());
  {
    StreamClient idle(server->port());
    idle.cut_after(10);
    const auto opened = std::chrono::steady_clock::now();
    json msg = expect_error_then_close(idle, "invalid_argument");
    EXPECT_NE(msg.value("message", "").find("start"), std::string::npos) << msg.dump();
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - opened).count(), 5.0);
  }
  StreamClient next(server->port());  // the place is free again
  next.send_text(R"({"type":"start","sample_rate":16000})");
  EXPECT_EQ(next.receive().value("type", ""), "ready");
  server->stop();
}

TEST(stream, settingsSentWhileStartingAreAcknowledgedAfterReady) {
  // Settings right behind start arrive while the decoder is being set up
  // (on another thread); the acknowledgement once overtook ready in about
  // half of the streams (of a client that sends each message at once).
  for (int attempt = 0; attempt < 8; ++attempt) {
    StreamClient client;
    client.send_text(R"({"type":"start","sample_rate":16000})");
    client.send_text(R"({"type":"settings","head_motion":0.5})");
    EXPECT_EQ(client.receive().value("type", ""), "ready") << "attempt " << attempt;
    json ack = client.receive();
    EXPECT_EQ(ack.value("type", ""), "settings") << ack.dump();
    EXPECT_TRUE(ack.value("applied", false));
  }
}

namespace {
// A server of its own with room for one stream (max_streams 1).
std::unique_ptr<facecast::server::Server> start_one_stream_server() {
  facecast::Settings settings;
  settings.server.max_streams = 1;
  return start_server(settings);
}
}  // namespace

TEST(stream, aStreamRefusedForMaxStreamsIsCountedOnce) {
  auto server = start_one_stream_server();
  ASSERT_TRUE(server->ready());
  StreamClient holder(server->port());
  Reply refused = http_request(server->port(), "GET", "/stream", "",
                               {{"Connection", "Upgrade"}, {"Upgrade", "websocket"}, {"Sec-WebSocket-Version", "13"},
                                {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}});
  EXPECT_EQ(refused.status, 503u);
  // Counted when the reply has been written, which may finish just after the
  // client has read it: give it that moment.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  Reply metrics = http_request(server->port(), "GET", "/metrics");
  EXPECT_NE(metrics.body.find("facecast_http_requests_total{route=\"/stream\",status=\"503\"} 1\n"), std::string::npos)
      << metrics.body;
  server->stop();
}

// A client told the stream is over (the "end" message, then the close frame)
// may open the next at once: the place was held until the close handshake
// completed, and a client that had not read the close frame yet was refused
// (503) for up to the 3 s close grace.
TEST(stream, aStreamThatEndedFreesItsPlaceBeforeTheCloseHandshake) {
  auto server = start_one_stream_server();
  ASSERT_TRUE(server->ready());
  StreamClient first(server->port());
  first.send_text(R"({"type":"start","sample_rate":16000})");
  ASSERT_EQ(first.receive().value("type", ""), "ready");
  first.send_text(R"({"type":"stop"})");
  for (json msg = first.receive(); msg.value("type", "") != "end"; msg = first.receive()) ASSERT_FALSE(msg.is_null());
  std::unique_ptr<StreamClient> next;
  ASSERT_NO_THROW(next = std::make_unique<StreamClient>(server->port())) << "refused: the place was still held";
  next->send_text(R"({"type":"start","sample_rate":16000})");
  EXPECT_EQ(next->receive().value("type", ""), "ready");
  server->stop();
}

// A client that goes away before it starts (a page closed, a probe) must not
// hold its place: the wait for its start message kept the session, and its
// place among max_streams, for request_timeout (30 s).
TEST(stream, aClientThatLeavesBeforeStartingFreesItsPlaceAtOnce) {
  auto server = start_one_stream_server();
  ASSERT_TRUE(server->ready());
  {
    StreamClient leaver(server->port());
    leaver.close();
  }
  std::unique_ptr<StreamClient> next;
  for (int attempt = 0; attempt < 20 && !next; ++attempt) {  // the server sees the close within moments
    try {
      next = std::make_unique<StreamClient>(server->port());
    } catch (const std::exception&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  ASSERT_TRUE(next) << "refused for a second: the place was still held";
  next->send_text(R"({"type":"start","sample_rate":16000})");
  EXPECT_EQ(next->receive().value("type", ""), "ready");
  server->stop();
}

// CORS does not cover WebSockets: without a check any web page a user opens
// could stream to a server on their machine. The shared test server allows
// http://allowed.example only.
TEST(stream, aPageFromAnOriginTheServerDoesNotAllowCannotOpenAStream) {
  const unsigned short port = shared_server().port;
  auto handshake = [&](const std::string& origin, const std::string& host) {
    return http_request(port, "GET", "/stream", "",
                        {{"Connection", "Upgrade"}, {"Upgrade", "websocket"}, {"Sec-WebSocket-Version", "13"},
                         {"Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="}, {"Origin", origin}, {"Host", host}});
  };
  const std::string self = "127.0.0.1:" + std::to_string(port);
  Reply other = handshake("http://elsewhere.example", self);
  EXPECT_EQ(other.status, 403u);
  EXPECT_EQ(json::parse(other.body)["error"]["code"], "forbidden") << other.body;
  EXPECT_EQ(handshake("http://allowed.example", self).status, 101u);
  EXPECT_EQ(handshake("http://" + self, self).status, 101u);  // the server's own web app
}

TEST(stream, aClientFarAheadOfRealTimeIsHeldToMaxStreamSpeed) {
  // 16 s of audio sent at once: the first 10 s are taken at full speed, the
  // other 6 s at 3x real time, so the end comes no sooner than 2 s after the
  // start (unpaced, the whole stream takes ~0.5 s of CPU).
  facecast::Settings settings;
  settings.server.max_stream_speed = 3;
  auto server = start_server(settings);
  ASSERT_TRUE(server->ready());
  const std::string pcm = read_binary(fixture("speech_s16le_44100_2ch.raw"));
  StreamClient client(server->port());
  client.send_text(R"({"type":"start","sample_rate":44100,"channels":2,"encoding":"pcm_s16le"})");
  ASSERT_EQ(client.receive().value("type", ""), "ready");
  const auto started = std::chrono::steady_clock::now();
  std::size_t bytes = 0;
  while (bytes < 16 * 44100 * 4) {
    client.send_binary(pcm.data(), pcm.size());
    bytes += pcm.size();
  }
  client.send_text(R"({"type":"stop"})");
  std::size_t frames = 0, end_count = 0;
  for (json msg = client.receive(); !msg.is_null(); msg = client.receive()) {
    if (msg.value("type", "") == "frames") frames += msg["blendshapes"].size();
    if (msg.value("type", "") == "end") end_count = msg["frame_count"].get<std::size_t>();
  }
  const double took_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_GE(took_s, 1.9);
  EXPECT_EQ(end_count, frames);
  EXPECT_NEAR(static_cast<double>(frames), 30.0 * bytes / (44100 * 4), 2.0);  // nothing dropped
  server->stop();
}

// Beast's idle timer (request_timeout, at least 10 s: a ping at half of it, a
// cut at the end) runs whether a read is pending or not, and only a read sees
// the client's data and pongs. A stream paused by max_stream_speed (up to half
// the idle timeout) after a message that took a while to analyse had no read
// pending at the cut and ended without an end, an error or a close frame
// (session 26's fuzzing: one 4 MiB message of 8 kHz audio on a busy machine).
// Here the message's last frame comes just before the ping, so the pause and
// the analysis of 60 s of audio (any time over 0.1 s) run past the cut.
TEST(stream, aStreamPausedForMaxStreamSpeedIsNotCutByTheIdleTimeout) {
  facecast::Settings settings;
  settings.server.request_timeout_s = 1;  // the idle timeout: 10 s
  settings.server.max_stream_speed = 1;
  auto server = start_server(settings);
  ASSERT_TRUE(server->ready());
  const std::string fixture_pcm = read_binary(fixture("speech_s16le_44100_2ch.raw"));
  std::string pcm;
  while (pcm.size() < 60 * 8000 * 2) pcm += fixture_pcm;
  pcm.resize(60 * 8000 * 2);  // 60 s at 8 kHz: 50 s beyond the burst, a 5 s pause
  StreamClient client(server->port());
  client.cut_after(60);
  client.send_text(R"({"type":"start","sample_rate":8000})");
  ASSERT_EQ(client.receive().value("type", ""), "ready");
  const std::size_t tail = 1000;  // read with its header in one read_some: no new timer
  client.send_binary_part(pcm.data(), pcm.size() - tail, false);
  std::this_thread::sleep_for(std::chrono::milliseconds(4900));  // the server's read began ~now
  client.send_binary_part(pcm.data() + pcm.size() - tail, tail, true);
  client.send_text(R"({"type":"stop"})");
  std::size_t frames = 0, end_count = 0;
  bool ended = false;
  for (json msg = client.receive(); !msg.is_null(); msg = client.receive()) {
    if (msg.value("type", "") == "frames") frames += msg["blendshapes"].size();
    if (msg.value("type", "") == "end") {
      ended = true;
      end_count = msg["frame_count"].get<std::size_t>();
    }
  }
  EXPECT_TRUE(ended) << "the connection was cut without an end; frames received: " << frames;
  EXPECT_EQ(end_count, frames);
  EXPECT_EQ(client.close_reason().code, websocket::close_code::normal);
  server->stop();
}
