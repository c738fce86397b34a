#include <gtest/gtest.h>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/names.h"
#include "core/settings.h"

using namespace facecast;

TEST(applySetting, parsesKnownKeys) {
  Settings s;
  apply_setting(s, "fps", "60");
  apply_setting(s, "mode", "phonetic");
  apply_setting(s, "format", "csv");
  apply_setting(s, "max_duration", "12.5");
  EXPECT_EQ(s.face.fps, 60);
  EXPECT_EQ(s.speech.mode, SpeechMode::Phonetic);
  EXPECT_EQ(s.output.format, OutputFormat::Csv);
  EXPECT_DOUBLE_EQ(s.audio.max_duration_s, 12.5);
}

TEST(applySetting, rejectsUnknownKeyWithItsName) {
  Settings s;
  try {
    apply_setting(s, "fsp", "30");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("fsp"), std::string::npos);
  }
}

TEST(applySetting, anUnknownKeyNamesTheSettingItIsASlipOf) {
  Settings s;
  for (const auto& [typed, meant] : {std::pair{"fsp", "fps"}, {"max-upload", "max_upload_mb"}, {"head_motions", "head_motion"}}) {
    try {
      apply_setting(s, typed, "30");
      ADD_FAILURE() << typed << ": no error";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(std::string("did you mean '") + meant + "'?"), std::string::npos) << e.what();
    }
  }
  try {
    apply_setting(s, "colour", "red");
    ADD_FAILURE() << "colour: no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "unknown setting 'colour'");  // nothing close: no guess
  }
  try {
    apply_setting(s, "FPS", "30");
    ADD_FAILURE() << "FPS: no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean 'fps'?"), std::string::npos) << e.what();
  }
}

// An HTTP field's name is the client's: 20 MB of it took 12 s to compare with
// every setting, on an I/O thread, and came back whole in the message.
TEST(applySetting, aHugeUnknownKeyIsNamedByItsStartOnly) {
  Settings s;
  const std::string huge(4 << 20, 'f');
  try {
    apply_setting(s, huge, "1");
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_LT(std::string(e.what()).size(), 200u);
    EXPECT_EQ(std::string(e.what()).find("did you mean"), std::string::npos);
  }
}

TEST(applySetting, aHugeBadValueIsQuotedByItsStartOnly) {
  // Every message that quotes a client's text shows its start only: a 4 MB field
  // value must not come back whole in the error reply.
  Settings s;
  const std::string huge(4 << 20, '7');
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"fps", huge}, {"emotion", "joy=" + huge}, {"emotion", huge + "=0.5"}, {"emotion", huge},
           {"emotion", "joy=0.5,," + huge}, {"blendshape_map", huge + "=x"}}) {
    try {
      apply_setting(s, key, value);
      ADD_FAILURE() << key << ": no error";
    } catch (const Error& e) {
      EXPECT_LT(std::string(e.what()).size(), 300u) << key << ": " << std::string(e.what()).substr(0, 100);
      EXPECT_NE(std::string(e.what()).find("777..."), std::string::npos) << std::string(e.what()).substr(0, 300);
    }
  }
}

TEST(applySetting, rejectsOutOfRangeAndMalformedValues) {
  Settings s;
  EXPECT_THROW(apply_setting(s, "fps", "23"), Error);
  EXPECT_THROW(apply_setting(s, "fps", "121"), Error);
  EXPECT_THROW(apply_setting(s, "fps", "30x"), Error);
  EXPECT_THROW(apply_setting(s, "fps", ""), Error);
  EXPECT_THROW(apply_setting(s, "mode", "fast"), Error);
  EXPECT_THROW(apply_setting(s, "smoothing", "nan"), Error);
  EXPECT_THROW(apply_setting(s, "log_format", "yaml"), Error);
  EXPECT_EQ(s.face.fps, 30);  // unchanged by the failed attempts
}

// Video runs at 30000/1001 fps and its tools call that 29.97: frames made at
// a rounded 29.97 drift a frame from the picture every ~9 minutes.
TEST(applySetting, takesNtscFrameRatesAsTheirExactRatio) {
  Settings s;
  for (const auto& [typed, exact] : {std::pair{"29.97", 30000.0 / 1001}, {"30000/1001", 30000.0 / 1001},
                                     {"23.976", 24000.0 / 1001}, {"24000/1001", 24000.0 / 1001},
                                     {"59.94", 60000.0 / 1001}, {"119.88", 120000.0 / 1001},
                                     {"29.97002997002997", 30000.0 / 1001}, {"25", 25.0}, {"50/2", 25.0},
                                     {"12.5", 0.0}, {"24.5", 24.5}}) {
    if (exact == 0) {
      EXPECT_THROW(apply_setting(s, "fps", typed), Error) << typed;
      continue;
    }
    apply_setting(s, "fps", typed);
    EXPECT_EQ(s.face.fps, exact) << typed;
  }
}

TEST(applySetting, rejectsFrameRatesThatAreNotRatesInRange) {
  Settings s;
  for (const char* typed : {"23.9", "23.97", "120.1", "30/0", "0/1", "/1001", "30000/", "30000/1001/2", "-30", "1e400",
                            "inf", "nan", "29,97", "30 ", "30000.5/1001"}) {
    try {
      apply_setting(s, "fps", typed);
      ADD_FAILURE() << typed << " was taken as " << s.face.fps;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("a frame rate from 23.976 to 120"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(s.face.fps, 30);
}

TEST(conflictingSettings, namesEmotionAndEmotionKeysGivenTogether) {
  const std::vector<std::string> both{"fps", "emotion-keys", "emotion"}, one{"emotion", "fps"}, none{};
  EXPECT_NE(conflicting_settings(both).find("'emotion' and 'emotion_keys'"), std::string::npos);
  EXPECT_EQ(conflicting_settings(one), "");
  EXPECT_EQ(conflicting_settings(none), "");
}

TEST(names, followAppleAndOculusOrder) {
  EXPECT_EQ(kBlendshapeNames[eyeBlinkLeft], "eyeBlinkLeft");
  EXPECT_EQ(kBlendshapeNames[jawOpen], "jawOpen");
  EXPECT_EQ(kBlendshapeNames[tongueOut], "tongueOut");
  EXPECT_EQ(kBlendshapeNames.size(), 52u);
  EXPECT_EQ(kVisemeNames[PP], "PP");
  EXPECT_EQ(kVisemeNames[U], "U");
}

TEST(settingCatalog, listsEveryKeyWithHelp) {
  for (const auto& info : setting_catalog()) {
    EXPECT_FALSE(info.help.empty()) << info.key;
  }
  EXPECT_GE(setting_catalog().size(), 10u);
}
