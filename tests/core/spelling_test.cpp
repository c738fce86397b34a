#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/spelling.h"

using namespace facecast;

TEST(spellingDistance, countsASwapOfNeighboursAsOneEdit) {
  EXPECT_EQ(spelling_distance("fsp", "fps"), 1);
  EXPECT_EQ(spelling_distance("workers", "worker"), 1);
  EXPECT_EQ(spelling_distance("max_upload", "max_upload_mb"), 3);
  EXPECT_EQ(spelling_distance("", "port"), 4);
  EXPECT_EQ(spelling_distance("port", "port"), 0);
}

TEST(closestSpelling, suggestsTheNameASlipCameFrom) {
  const std::vector<std::string> names = {"fps", "format", "port", "max_upload_mb", "max_streams"};
  EXPECT_EQ(closest_spelling("fsp", names), "fps");
  EXPECT_EQ(closest_spelling("frmat", names), "format");
  EXPECT_EQ(closest_spelling("max_upload", names), "max_upload_mb");
  EXPECT_EQ(closest_spelling("max_stream", names), "max_streams");
  EXPECT_EQ(closest_spelling("FPS", names), "fps");  // case is a slip too
  EXPECT_EQ(closest_spelling("Max_Upload_MB", names), "max_upload_mb");
}

TEST(closestSpelling, suggestsNothingForANameThatOnlySharesSomeLetters) {
  const std::vector<std::string> names = {"fps", "port", "model_dir", "web_root"};
  EXPECT_FALSE(closest_spelling("bench_port", names));  // a script's own FACECAST_BENCH_PORT
  EXPECT_FALSE(closest_spelling("source_dir", names));
  EXPECT_FALSE(closest_spelling("web_shots", names));
  EXPECT_FALSE(closest_spelling("x", names));       // one letter is a slip of anything short
  EXPECT_FALSE(closest_spelling("port", names));    // the name itself needs no suggestion
}
