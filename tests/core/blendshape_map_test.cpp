#include <gtest/gtest.h>

#include <string>

#include "core/blendshape_map.h"
#include "core/error.h"
#include "core/names.h"

using namespace facecast;

namespace {

std::string error_of(std::string_view text) {
  try {
    parse_blendshape_map(text);
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    return e.what();
  }
  ADD_FAILURE() << "no error for '" << text << "'";
  return {};
}

}  // namespace

TEST(parseBlendshapeMap, renamesTheGivenShapesAndKeepsAppleOrderAndTheRest) {
  const BlendshapeNames names = parse_blendshape_map(" jawOpen = Jaw_Open, mouthClose=Mouth Close ,");
  ASSERT_EQ(names.size(), kBlendshapeCount);
  EXPECT_EQ(names[jawOpen], "Jaw_Open");
  EXPECT_EQ(names[mouthClose], "Mouth Close");
  EXPECT_EQ(names[eyeBlinkLeft], "eyeBlinkLeft");
  EXPECT_EQ(blendshape_name(names, tongueOut), "tongueOut");
  EXPECT_EQ(blendshape_name({}, jawOpen), "jawOpen");
  EXPECT_TRUE(parse_blendshape_map("").empty());
  EXPECT_TRUE(parse_blendshape_map("  ").empty());
}

TEST(parseBlendshapeMap, refusesWhatNoImporterCouldUse) {
  EXPECT_NE(error_of("jawopen=Jaw").find("did you mean 'jawOpen'?"), std::string::npos);
  EXPECT_NE(error_of("chin=Jaw").find("'chin' is not an ARKit blendshape name"), std::string::npos);
  EXPECT_NE(error_of("jawOpen=A,jawOpen=B").find("renamed twice"), std::string::npos);
  EXPECT_NE(error_of("jawOpen=").find("no new name"), std::string::npos);
  EXPECT_NE(error_of("jawOpen=" + std::string(65, 'x')).find("longer than 64"), std::string::npos);
  EXPECT_NE(error_of("jawOpen=a\tb").find("control character"), std::string::npos);
  EXPECT_NE(error_of("jawOpen=mouthClose").find("jawOpen and mouthClose would both be named 'mouthClose'"),
            std::string::npos);
  EXPECT_NE(error_of("jawOpen=X,mouthClose=X").find("would both be named 'X'"), std::string::npos);
  EXPECT_NE(error_of("jawOpen").find("not name=value"), std::string::npos);
}
