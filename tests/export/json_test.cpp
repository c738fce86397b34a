#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "export/json.h"
#include "export/sample_animation.h"

using namespace facecast;
using nlohmann::json;

TEST(toJson, hasEveryFieldOfTheContract) {
  json doc = json::parse(exporter::to_json(facecast::testing::sample_animation()));
  EXPECT_EQ(doc["success"], true);
  const json& d = doc["data"];
  for (const char* key : {"fps", "duration", "frame_count", "blendshape_names", "blendshapes", "visemes",
                          "head_rotation", "eye_rotation", "phonemes", "words", "unaligned_words", "unread_transcript", "mode",
                          "processing_ms"})
    EXPECT_TRUE(d.contains(key)) << key;
  EXPECT_EQ(d["fps"], 30);
  EXPECT_EQ(d["frame_count"], 3);
  EXPECT_EQ(d["mode"], "align");
  EXPECT_DOUBLE_EQ(d["duration"].get<double>(), 0.0815);  // to the microsecond: ceil(duration x fps) = frame_count
  EXPECT_DOUBLE_EQ(d["processing_ms"].get<double>(), 12.3);
}

TEST(toJson, namesAreArkitAndVisemeOrder) {
  json d = json::parse(exporter::to_json(facecast::testing::sample_animation()))["data"];
  ASSERT_EQ(d["blendshape_names"].size(), 52u);
  EXPECT_EQ(d["blendshape_names"][0], "eyeBlinkLeft");
  EXPECT_EQ(d["blendshape_names"][17], "jawOpen");
  EXPECT_EQ(d["blendshape_names"][51], "tongueOut");
  EXPECT_EQ(d["visemes"]["names"],
            json({"sil", "PP", "FF", "TH", "DD", "kk", "CH", "SS", "nn", "RR", "aa", "E", "I", "O", "U"}));
}

TEST(toJson, framesCarryWeightsWithFourDecimals) {
  auto a = facecast::testing::sample_animation();
  json d = json::parse(exporter::to_json(a))["data"];
  ASSERT_EQ(d["blendshapes"].size(), 3u);
  ASSERT_EQ(d["visemes"]["frames"].size(), 3u);
  ASSERT_EQ(d["head_rotation"].size(), 3u);
  ASSERT_EQ(d["eye_rotation"].size(), 3u);
  for (std::size_t f = 0; f < 3; ++f) {
    ASSERT_EQ(d["blendshapes"][f].size(), 52u);
    for (std::size_t i = 0; i < 52; ++i)
      EXPECT_NEAR(d["blendshapes"][f][i].get<double>(), a.frames[f].blendshapes[i], 0.00005);
    ASSERT_EQ(d["visemes"]["frames"][f].size(), 15u);
    EXPECT_EQ(d["visemes"]["frames"][f][f].get<double>(), 1.0);
    EXPECT_EQ(d["head_rotation"][f], json({1.5, -2.25, 0.125}));
    EXPECT_EQ(d["eye_rotation"][f], json({-3, 4.5, -3, 9}));
  }
  EXPECT_DOUBLE_EQ(d["blendshapes"][2][17].get<double>(), 0.172);  // 0.17 + 0.002
}

TEST(toJson, timedSegmentsRoundToMilliseconds) {
  json d = json::parse(exporter::to_json(facecast::testing::sample_animation()))["data"];
  ASSERT_EQ(d["phonemes"].size(), 3u);
  EXPECT_EQ(d["phonemes"][1]["phoneme"], "HH");
  EXPECT_DOUBLE_EQ(d["phonemes"][1]["start"].get<double>(), 0.013);  // 0.0125 rounds half away from zero
  EXPECT_DOUBLE_EQ(d["phonemes"][1]["end"].get<double>(), 0.05);
  ASSERT_EQ(d["words"].size(), 1u);
  EXPECT_EQ(d["words"][0], json({{"word", "hi"}, {"start", 0.013}, {"end", 0.0815}}));  // see below
}

// Rounded to the millisecond, the last segments ended after the duration
// (0.0815 s of audio, "end": 0.082): every segment must lie in [0, duration].
TEST(toJson, noSegmentEndsAfterTheDuration) {
  for (double duration : {0.0815, 0.08151, 0.0814999, 2.305813, 2.0}) {
    auto a = facecast::testing::sample_animation();
    a.duration = duration;
    a.speech.phones.back().end = duration;
    a.speech.words.back().end = duration;
    json d = json::parse(exporter::to_json(a))["data"];
    const double written_duration = d["duration"].get<double>();
    for (const char* list : {"phonemes", "words"})
      for (const auto& segment : d[list]) {
        EXPECT_LE(segment["end"].get<double>(), written_duration) << duration;
        EXPECT_LE(segment["start"].get<double>(), segment["end"].get<double>());
      }
    EXPECT_NEAR(d["phonemes"].back()["end"].get<double>(), duration, 0.0005);
  }
}

TEST(toJson, escapesWordsIntoValidJson) {
  auto a = facecast::testing::sample_animation();
  std::string tricky = "say \"hi\"\\\n\t\x01 caf\xC3\xA9 \xE2\x82\xAC";
  a.speech.words = {{tricky, 0, 1}, {"bad\xFF\xC3", 1, 2}};
  json d = json::parse(exporter::to_json(a))["data"];
  EXPECT_EQ(d["words"][0]["word"], tricky);
  EXPECT_EQ(d["words"][1]["word"], "bad\xEF\xBF\xBD\xEF\xBF\xBD");  // invalid bytes -> U+FFFD
}

TEST(toJson, listsTranscriptWordsWithNoPlaceInTheAudio) {
  auto a = facecast::testing::sample_animation();
  EXPECT_EQ(json::parse(exporter::to_json(a))["data"]["unaligned_words"], json::array());
  a.speech.unaligned_words = {{"thank", 3}, {"you", 4}};
  EXPECT_EQ(json::parse(exporter::to_json(a))["data"]["unaligned_words"],
            json::parse(R"([{"word":"thank","index":3},{"word":"you","index":4}])"));
}

TEST(toJson, listsThePiecesOfTheTranscriptItCouldNotRead) {
  auto a = facecast::testing::sample_animation();
  EXPECT_EQ(json::parse(exporter::to_json(a))["data"]["unread_transcript"], json::array());
  a.speech.unread_transcript = {"\xD0\xBC\xD0\xB8\xD1\x80", "\xC2\xBD"};  // "мир", "½"
  EXPECT_EQ(json::parse(exporter::to_json(a))["data"]["unread_transcript"],
            json::parse("[\"\xD0\xBC\xD0\xB8\xD1\x80\", \"\xC2\xBD\"]"));
}

TEST(toJson, writesNonFiniteValuesAsZero) {
  auto a = facecast::testing::sample_animation(1);
  a.frames[0].blendshapes[0] = std::numeric_limits<float>::quiet_NaN();
  a.frames[0].head_rotation[0] = std::numeric_limits<float>::infinity();
  json d = json::parse(exporter::to_json(a))["data"];
  EXPECT_EQ(d["blendshapes"][0][0], 0);
  EXPECT_EQ(d["head_rotation"][0][0], 0);
}

TEST(toJson, emptyAnimationIsStillTheContract) {
  Animation a;
  a.speech.mode = SpeechMode::Recognize;
  json d = json::parse(exporter::to_json(a))["data"];
  EXPECT_EQ(d["frame_count"], 0);
  EXPECT_TRUE(d["blendshapes"].is_array());
  EXPECT_TRUE(d["visemes"]["frames"].empty());
  EXPECT_EQ(d["mode"], "recognize");
}

TEST(errorJson, hasCodeAndEscapedMessage) {
  json doc = json::parse(exporter::error_json(ErrorCode::CorruptAudio, "file \"x.wav\" is truncated"));
  EXPECT_EQ(doc["success"], false);
  EXPECT_EQ(doc["error"]["code"], "corrupt_audio");
  EXPECT_EQ(doc["error"]["message"], "file \"x.wav\" is truncated");
}
