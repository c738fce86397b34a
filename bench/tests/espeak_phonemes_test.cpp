// The espeak-ng -> ARPAbet table: every truth file depends on it.
#include <gtest/gtest.h>

#include "common/arpabet_visemes.h"
#include "espeak/espeak_phonemes.h"

using namespace facecast;
using namespace facecast::bench;

TEST(arpabetOfEspeak, rColouredVowelSplitsIntoVowelThenR) {
  const auto parts = arpabet_of_espeak("A@");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].phone, "AA");
  EXPECT_EQ(parts[1].phone, "R");
  EXPECT_NEAR(parts[0].share + parts[1].share, 1.0, 1e-9);
}

TEST(arpabetOfEspeak, bilabialsStayBilabial) {
  for (const char* m : {"p", "b", "m"}) {
    const auto parts = arpabet_of_espeak(m);
    ASSERT_EQ(parts.size(), 1u);
    EXPECT_TRUE(is_bilabial(parts[0].phone));
    EXPECT_EQ(viseme_of_arpabet(parts[0].phone), PP);
  }
}

TEST(arpabetOfEspeak, pausesAreSilence) {
  EXPECT_EQ(viseme_of_arpabet(arpabet_of_espeak("_:")[0].phone), sil);
}

TEST(arpabetOfEspeak, unknownMnemonicIsAnErrorNotAGuess) {
  EXPECT_THROW(arpabet_of_espeak("Q@@"), std::runtime_error);
}
