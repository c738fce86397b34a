#include <gtest/gtest.h>

#include "animation/phones.h"

using namespace facecast;
using namespace facecast::animation;

TEST(parsePhone, acceptsEveryCmudictPhoneAndSilence) {
  const char* all[] = {"AA", "AE", "AH", "AO", "AW", "AY", "B",  "CH", "D",  "DH", "EH", "ER", "EY", "F",
                       "G",  "HH", "IH", "IY", "JH", "K",  "L",  "M",  "N",  "NG", "OW", "OY", "P",  "R",
                       "S",  "SH", "T",  "TH", "UH", "UW", "V",  "W",  "Y",  "Z",  "ZH", "SIL"};
  for (const char* p : all) {
    const auto phone = parse_phone(p);
    ASSERT_TRUE(phone) << p;
    EXPECT_EQ(phone_name(*phone), p);
  }
}

TEST(parsePhone, ignoresStressAndCaseAndMapsFillersToSilence) {
  EXPECT_EQ(parse_phone("ah0"), Phone::AH);
  EXPECT_EQ(parse_phone("IY1"), Phone::IY);
  EXPECT_EQ(parse_phone("sil"), Phone::SIL);
  EXPECT_EQ(parse_phone("+NSN+"), Phone::SIL);
  EXPECT_EQ(parse_phone("<sil>"), Phone::SIL);
  EXPECT_FALSE(parse_phone("XX"));
  EXPECT_FALSE(parse_phone(""));
}

TEST(visemeOf, followsTheOculusGrouping) {
  auto v = [](const char* p) { return viseme_of(*parse_phone(p)); };
  for (const char* p : {"P", "B", "M"}) EXPECT_EQ(v(p), PP) << p;
  for (const char* p : {"F", "V"}) EXPECT_EQ(v(p), FF) << p;
  for (const char* p : {"TH", "DH"}) EXPECT_EQ(v(p), TH) << p;
  for (const char* p : {"T", "D"}) EXPECT_EQ(v(p), DD) << p;
  for (const char* p : {"K", "G"}) EXPECT_EQ(v(p), kk) << p;
  for (const char* p : {"CH", "JH", "SH", "ZH"}) EXPECT_EQ(v(p), CH) << p;
  for (const char* p : {"S", "Z"}) EXPECT_EQ(v(p), SS) << p;
  for (const char* p : {"N", "L", "NG"}) EXPECT_EQ(v(p), nn) << p;
  for (const char* p : {"R", "ER"}) EXPECT_EQ(v(p), RR) << p;
  for (const char* p : {"AA", "AE", "AH", "AW", "AY"}) EXPECT_EQ(v(p), aa) << p;
  for (const char* p : {"EH", "EY"}) EXPECT_EQ(v(p), E) << p;
  for (const char* p : {"IH", "IY", "Y"}) EXPECT_EQ(v(p), I) << p;
  for (const char* p : {"AO", "OW", "OY"}) EXPECT_EQ(v(p), O) << p;
  for (const char* p : {"UH", "UW", "W"}) EXPECT_EQ(v(p), U) << p;
  EXPECT_EQ(v("SIL"), sil);
}

TEST(glideTargetOf, movesDiphthongsToTheirSecondVowel) {
  EXPECT_EQ(glide_target_of(Phone::AY), I);
  EXPECT_EQ(glide_target_of(Phone::AW), U);
  EXPECT_EQ(glide_target_of(Phone::EY), I);
  EXPECT_EQ(glide_target_of(Phone::OW), U);
  EXPECT_EQ(glide_target_of(Phone::OY), I);
  EXPECT_EQ(glide_target_of(Phone::AA), aa);
}
