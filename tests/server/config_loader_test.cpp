#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/error.h"
#include "core/names.h"
#include "server/config_loader.h"

using namespace facecast;

namespace {
std::string write_temp(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}
}  // namespace

TEST(loadConfigFile, appliesFlatAndNestedKeys) {
  Settings s;
  server::load_config_file(s, write_temp("fc_cfg1.json", R"({"port": 9001, "fps": 60,
      "server": {"cors_origins": ["http://a.example", "http://b.example"], "max_upload_mb": 10}})"));
  EXPECT_EQ(s.server.port, 9001);
  EXPECT_EQ(s.face.fps, 60);
  EXPECT_EQ(s.server.cors_origins, "http://a.example,http://b.example");
  EXPECT_DOUBLE_EQ(s.server.max_upload_mb, 10);
}

TEST(loadConfigFile, rejectsBadValuesNamingFileAndKeyWithoutPartialChanges) {
  Settings s;
  try {
    server::load_config_file(s, write_temp("fc_cfg2.json", R"({"port": 9002, "workers": "many"})"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("workers"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("fc_cfg2.json"), std::string::npos);
  }
  EXPECT_EQ(s.server.port, 8000);
  EXPECT_THROW(server::load_config_file(s, write_temp("fc_cfg3.json", "{port: 1")), Error);
  EXPECT_THROW(server::load_config_file(s, "/nonexistent/facecast.json"), Error);
}

std::string config_error(const std::string& name, const std::string& text) {
  Settings s;
  try {
    server::load_config_file(s, write_temp(name, text));
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

// {"fps": {...}} read "fps" as a section and said "unknown setting 'x'"; a
// section inside a section blamed the inner setting's type.
TEST(loadConfigFile, anObjectWhereAValueBelongsIsNamedAsSuch) {
  const std::string as_value = config_error("fc_cfg_obj1.json", R"({"fps": {"x": 1}})");
  EXPECT_NE(as_value.find("'fps' must be a string, number or list"), std::string::npos) << as_value;
  const std::string too_deep = config_error("fc_cfg_obj2.json", R"({"a": {"b": {"fps": 30}}})");
  EXPECT_NE(too_deep.find("'b' inside section 'a' is an object"), std::string::npos) << too_deep;
}

// Python's json.dumps writes a float 60 as 60.0; the whole-number settings refused it.
TEST(loadConfigFile, takesTheBlendshapeMapAsAnObjectAtTheTopOrInASection) {
  Settings s;
  server::load_config_file(s, write_temp("fc_cfg_map.json", R"({"blendshape_map": {"jawOpen": "Jaw_Open"}})"));
  ASSERT_EQ(s.output.blendshape_names.size(), kBlendshapeCount);
  EXPECT_EQ(s.output.blendshape_names[jawOpen], "Jaw_Open");
  server::load_config_file(s, write_temp("fc_cfg_map2.json", R"({"output": {"blendshape_map": {"mouthClose": "MC"}}})"));
  EXPECT_EQ(s.output.blendshape_names[mouthClose], "MC");
  EXPECT_EQ(s.output.blendshape_names[jawOpen], "jawOpen");  // a map replaces the one before
}

TEST(loadConfigFile, takesWholeNumbersWrittenAsFloats) {
  Settings s;
  server::load_config_file(s, write_temp("fc_cfg_float.json", R"({"fps": 60.0, "port": 9.003e3, "seed": 7.0,
      "smoothing": 1.5})"));
  EXPECT_EQ(s.face.fps, 60);
  EXPECT_EQ(s.server.port, 9003);
  EXPECT_EQ(s.face.seed, 7u);
  EXPECT_DOUBLE_EQ(s.face.smoothing, 1.5);
  try {
    server::load_config_file(s, write_temp("fc_cfg_half.json", R"({"seed": 1.5})"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("whole number"), std::string::npos) << e.what();
  }
  try {  // a null says which file it came from, as every other bad value does
    server::load_config_file(s, write_temp("fc_cfg_null.json", R"({"fps": null})"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("fc_cfg_null.json"), std::string::npos) << e.what();
  }
}

TEST(loadConfigFile, refusesNestingDeeperThanAnySettingNeeds) {
  // 20,000 nested lists overflowed the stack of the code reading them.
  const std::string deep = R"({"cors_origins": )" + std::string(20000, '[') + std::string(20000, ']') + "}";
  Settings s;
  try {
    server::load_config_file(s, write_temp("fc_cfg_deep.json", deep));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("nests deeper"), std::string::npos) << e.what();
  }
  // Emotion keyframes in a section still load.
  server::load_config_file(s, write_temp("fc_cfg_keys.json",
      R"({"face": {"emotion_keys": [{"time": 0, "joy": 0.5}, {"time": 1.2, "sadness": 0.2}]}})"));
}

// A wide message is read in one pass: 300,000 empty objects in a list held a
// server I/O thread for minutes (the depth-tracking parser searched the
// enclosing list after each one); deep input is still refused, even invalid.
TEST(parseSettingsJson, readsAWideMessageAndMeasuresItsDepth) {
  std::string wide = R"({"type":"stop","x":[)";
  for (int i = 0; i < 300000; ++i) wide += i == 0 ? "{}" : ",{}";
  wide += "]}";
  int depth = 0;
  const auto doc = server::parse_settings_json(wide, depth);
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_EQ(doc["x"].size(), 300000u);
  EXPECT_EQ(depth, 2);  // the outermost object is depth 0

  const std::string deep_and_cut = std::string(100000, '[');
  EXPECT_TRUE(server::parse_settings_json(deep_and_cut, depth).is_discarded());
  EXPECT_EQ(depth, server::kMaxSettingsDepth + 1);
  EXPECT_TRUE(server::parse_settings_json(R"({"a": [1, 2,]})", depth).is_discarded());
  EXPECT_EQ(depth, 1);
  EXPECT_FALSE(server::parse_settings_json("// a comment\n{\"a\": 1}", depth, /*comments=*/true).is_discarded());
}

// JSON keys have no order: with both, one of them used to win unseen.
TEST(loadConfigFile, refusesEmotionAndEmotionKeysTogether) {
  Settings s;
  try {
    server::load_config_file(s, write_temp("fc_cfg_both.json",
        R"({"emotion": {"joy": 0.5}, "face": {"emotion_keys": [{"time": 0, "anger": 1}]}})"));
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("'emotion' and 'emotion_keys'"), std::string::npos) << e.what();
  }
  EXPECT_EQ(s.face.emotion_mode, Settings{}.face.emotion_mode);  // all or nothing
}

TEST(loadEnvironment, refusesEmotionAndEmotionKeysTogether) {
  setenv("FACECAST_EMOTION", "joy=1", 1);
  setenv("FACECAST_EMOTION_KEYS", R"([{"time": 0, "joy": 1}])", 1);
  Settings s;
  EXPECT_THROW(server::load_environment(s), Error);
  unsetenv("FACECAST_EMOTION_KEYS");
  server::load_environment(s);  // one of them is fine
  EXPECT_EQ(s.face.emotion_mode, EmotionMode::Constant);
  unsetenv("FACECAST_EMOTION");
}

TEST(loadEnvironment, readsFacecastVariables) {
  setenv("FACECAST_PORT", "9100", 1);
  setenv("FACECAST_MAX_STREAMS", "3", 1);
  Settings s;
  server::load_environment(s);
  EXPECT_EQ(s.server.port, 9100);
  EXPECT_EQ(s.server.max_streams, 3);
  setenv("FACECAST_PORT", "http", 1);
  EXPECT_THROW(server::load_environment(s), Error);
  unsetenv("FACECAST_PORT");
  unsetenv("FACECAST_MAX_STREAMS");
}
