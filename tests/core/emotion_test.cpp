// The emotion inputs as every way of configuring writes them.
#include <gtest/gtest.h>

#include "core/emotion.h"
#include "core/error.h"
#include "core/settings.h"

using namespace facecast;

namespace {

std::string error_of(auto&& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    return e.what();
  }
  ADD_FAILURE() << "expected an error";
  return {};
}

}  // namespace

TEST(parseEmotionList, readsNamedWeightsAndLeavesTheRestAtZero) {
  const EmotionWeights w = parse_emotion_list("joy=0.7, anger=0.2");
  EXPECT_FLOAT_EQ(at(w, Emotion::Joy), 0.7f);
  EXPECT_FLOAT_EQ(at(w, Emotion::Anger), 0.2f);
  EXPECT_FLOAT_EQ(at(w, Emotion::Sadness), 0.0f);
  EXPECT_EQ(parse_emotion_list(""), EmotionWeights{});
}

TEST(parseEmotionList, namesWhatIsWrong) {
  EXPECT_NE(error_of([] { parse_emotion_list("happiness=0.5"); }).find("unknown emotion 'happiness'"), std::string::npos);
  EXPECT_NE(error_of([] { parse_emotion_list("joy=1.5"); }).find("joy must be from 0 to 1"), std::string::npos);
  EXPECT_NE(error_of([] { parse_emotion_list("joy"); }).find("not name=value"), std::string::npos);
  EXPECT_NE(error_of([] { parse_emotion_list("joy=0.1,joy=0.2"); }).find("twice"), std::string::npos);
  EXPECT_NE(error_of([] { parse_emotion_list("joy=lots"); }).find("needs a number"), std::string::npos);
}

TEST(parseEmotionKeys, readsKeysInTimeOrder) {
  const auto keys = parse_emotion_keys(R"([{"time": 0, "joy": 0.2}, {"time": 1.5, "sadness": 1}])");
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_DOUBLE_EQ(keys[1].time, 1.5);
  EXPECT_FLOAT_EQ(at(keys[0].weights, Emotion::Joy), 0.2f);
  EXPECT_FLOAT_EQ(at(keys[1].weights, Emotion::Joy), 0.0f);
  EXPECT_FLOAT_EQ(at(keys[1].weights, Emotion::Sadness), 1.0f);
}

TEST(parseEmotionKeys, namesWhatIsWrong) {
  EXPECT_NE(error_of([] { parse_emotion_keys("{}"); }).find("JSON list"), std::string::npos);
  EXPECT_NE(error_of([] { parse_emotion_keys(R"([{"joy": 1}])"); }).find("key 0 needs a \"time\""), std::string::npos);
  EXPECT_NE(error_of([] { parse_emotion_keys(R"([{"time": 2}, {"time": 1}])"); }).find("increase"), std::string::npos);
  EXPECT_NE(error_of([] { parse_emotion_keys(R"([{"time": 0, "glee": 1}])"); }).find("unknown emotion 'glee'"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_emotion_keys(R"([{"time": 0, "fear": -1}])"); }).find("fear must be from 0 to 1"),
            std::string::npos);
}

TEST(emotionAt, easesBetweenKeysAndHoldsOutside) {
  std::vector<EmotionKey> keys(2);
  keys[0].time = 1;
  keys[1].time = 3;
  at(keys[1].weights, Emotion::Fear) = 1;
  std::size_t cursor = 0;
  EXPECT_FLOAT_EQ(at(emotion_at(keys, 0.0, cursor), Emotion::Fear), 0.0f);
  EXPECT_FLOAT_EQ(at(emotion_at(keys, 2.0, cursor), Emotion::Fear), 0.5f);  // smoothstep midpoint
  EXPECT_LT(at(emotion_at(keys, 1.5, cursor), Emotion::Fear), 0.25f);        // eases in
  EXPECT_FLOAT_EQ(at(emotion_at(keys, 9.0, cursor), Emotion::Fear), 1.0f);
}

TEST(applySetting, emotionTakesConstantsAutoOrKeys) {
  Settings s;
  apply_setting(s, "emotion", "auto");
  EXPECT_EQ(s.face.emotion_mode, EmotionMode::Auto);
  apply_setting(s, "emotion", "grief=0.4");
  EXPECT_EQ(s.face.emotion_mode, EmotionMode::Constant);
  EXPECT_FLOAT_EQ(at(s.face.emotion, Emotion::Grief), 0.4f);
  apply_setting(s, "emotion_keys", R"([{"time": 0, "joy": 1}])");
  EXPECT_EQ(s.face.emotion_mode, EmotionMode::Keys);
  apply_setting(s, "emotion_keys", "");
  EXPECT_EQ(s.face.emotion_mode, EmotionMode::Constant);
  EXPECT_NE(error_of([&] { apply_setting(s, "head_motion", "3"); }).find("head_motion"), std::string::npos);
  EXPECT_NE(error_of([&] { apply_setting(s, "blink_strength", "-0.1"); }).find("blink_strength"), std::string::npos);
}
