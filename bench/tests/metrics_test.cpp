// Checks the benchmark's metric code on hand-made truth/prediction pairs, so a
// wrong metric cannot silently flatter (or sink) the engine.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "quality/file_score.h"
#include "quality/metrics.h"

using namespace facecast;
using namespace facecast::bench;

namespace {

// 0-0.3 silence, 0.3-0.4 P, 0.4-0.6 AA, 0.6-1.0 silence.
std::vector<TruthSegment> pa_truth() {
  return {{0.0, 0.3, "SIL", sil, "_"}, {0.3, 0.4, "P", PP, "p"}, {0.4, 0.6, "AA", aa, "A:"}, {0.6, 1.0, "SIL", sil, "_"}};
}

std::vector<Viseme> shifted(const std::vector<TruthSegment>& truth, double shift) {
  auto moved = truth;
  for (auto& s : moved) {
    s.start += shift;
    s.end += shift;
  }
  return truth_frames(fill_silences(moved, 1.0), 1.0);
}

}  // namespace

TEST(scoreFrames, perfectPredictionScoresAllFrames) {
  const auto truth = pa_truth();
  const auto acc = score_frames(truth, truth_frames(truth, 1.0));
  EXPECT_EQ(acc.frames, 100);
  EXPECT_EQ(acc.exact, 100);
  EXPECT_EQ(acc.tolerant, 100);
}

TEST(scoreFrames, tenMillisecondsLateLosesExactFramesButNotTolerant) {
  const auto acc = score_frames(pa_truth(), shifted(pa_truth(), 0.010));
  EXPECT_EQ(acc.exact, 97);  // one frame at each of the three boundaries
  EXPECT_EQ(acc.tolerant, 100);
}

TEST(scoreFrames, fiftyMillisecondsLateFailsBeyondTolerance) {
  const auto acc = score_frames(pa_truth(), shifted(pa_truth(), 0.050));
  EXPECT_EQ(acc.exact, 85);      // 5 frames at each boundary
  EXPECT_EQ(acc.tolerant, 91);   // 5 - 2 frames at each boundary stay wrong
}

TEST(scoreBilabials, closureInsideThePCountsForRecallAndPrecision) {
  // 30 fps: frames 10 and 11 (0.333 s, 0.367 s) closed; the P is 0.3-0.4.
  std::vector<bool> closed(30, false);
  closed[10] = closed[11] = true;
  const auto s = score_bilabials(pa_truth(), closed, 30);
  EXPECT_EQ(s.segments, 1);
  EXPECT_EQ(s.recalled, 1);
  EXPECT_EQ(s.events, 1);
  EXPECT_EQ(s.events_on_pp, 1);
}

TEST(scoreBilabials, lateClosureMissesTheP) {
  std::vector<bool> closed(30, false);
  closed[15] = true;  // 0.5 s, in the vowel
  const auto s = score_bilabials(pa_truth(), closed, 30);
  EXPECT_EQ(s.recalled, 0);
  EXPECT_EQ(s.events, 1);
  EXPECT_EQ(s.events_on_pp, 0);
}

TEST(scoreBilabials, restingClosureInSilenceIsNotAnEvent) {
  std::vector<bool> closed(30, false);
  for (int i = 0; i < 8; ++i) closed[i] = true;    // 0-0.233 s, silence
  for (int i = 20; i < 30; ++i) closed[i] = true;  // 0.667-0.967 s, silence
  const auto s = score_bilabials(pa_truth(), closed, 30);
  EXPECT_EQ(s.events, 0);
  EXPECT_EQ(s.recalled, 0);
}

TEST(scoreRest, countsOnlyLongSilencesAwayFromTheirEdges) {
  std::vector<bool> at_rest(30, true);
  at_rest[25] = false;  // 0.833 s, inside the final silence
  at_rest[15] = false;  // in the vowel: not scored
  const auto s = score_rest(pa_truth(), at_rest, 30);
  // silence 0-0.3 -> frames at 0.033..0.267 (t in [0.02, 0.28]): 1..8 = 8 frames;
  // silence 0.6-1.0 -> t in [0.62, 0.98]: frames 19..29 = 11 frames.
  EXPECT_EQ(s.frames, 19);
  EXPECT_EQ(s.resting, 18);
  // 90 ms in: t in [0.09, 0.21] -> frames 3..6; t in [0.69, 0.91] -> frames 21..27.
  const auto inner = score_rest(pa_truth(), at_rest, 30, 0.090);
  EXPECT_EQ(inner.frames, 11);
  EXPECT_EQ(inner.resting, 10);
}

TEST(resampleToMetricRate, picksTheNearestAnimationFrame) {
  const std::vector<Viseme> per_frame{sil, PP, aa};  // 10 fps: 0.0, 0.1, 0.2 s
  const auto out = resample_to_metric_rate(per_frame, 10, 0.3);
  ASSERT_EQ(out.size(), 30u);
  EXPECT_EQ(out[0], sil);   // 0.005 s
  EXPECT_EQ(out[4], sil);   // 0.045 s -> round(0.45) = frame 0
  EXPECT_EQ(out[5], PP);    // 0.055 s -> round(0.55) = frame 1
  EXPECT_EQ(out[10], PP);   // 0.105 s
  EXPECT_EQ(out[29], aa);   // 0.295 s -> frame 3, clamped to 2
}

TEST(readEngineOutput, scoresAHandMadeJsonAgainstItsTruth) {
  const auto dir = std::filesystem::temp_directory_path() / "facecast-bench-metrics-test";
  std::filesystem::create_directories(dir);
  // 10 fps, 1 s: lips closed (all zero) except frames 4-5 with jaw open (the vowel).
  std::ofstream json(dir / "out.json");
  json << R"({"success": true, "data": {"fps": 10, "duration": 1.0, "frame_count": 10, "blendshapes": [)";
  for (int i = 0; i < 10; ++i) {
    json << (i ? "," : "") << "[";
    for (int b = 0; b < 52; ++b) json << (b ? "," : "") << ((i == 4 || i == 5) && b == jawOpen ? 0.6 : 0.0);
    json << "]";
  }
  json << R"(], "visemes": {"names": [], "frames": [)";
  for (int i = 0; i < 10; ++i) {
    const int v = i == 3 ? PP : (i == 4 || i == 5) ? aa : sil;
    json << (i ? "," : "") << "[";
    for (int k = 0; k < 15; ++k) json << (k ? "," : "") << (k == v ? 1 : 0);
    json << "]";
  }
  json << R"(]}, "phonemes": [{"phoneme": "P", "start": 0.3, "end": 0.4}, {"phoneme": "AA1", "start": 0.4, "end": 0.6}],
           "words": [{"word": "pa", "start": 0.3, "end": 0.6}], "mode": "align", "processing_ms": 1.0}})";
  json.close();

  const auto out = read_engine_output((dir / "out.json").string());
  ASSERT_EQ(out.frames.size(), 10u);
  const auto s = score_file(out, pa_truth(), "Pa!");
  EXPECT_EQ(s.raw.exact, 100);  // the raw phones are exactly the truth
  EXPECT_GT(s.synth.tolerant, 90);
  EXPECT_EQ(s.bilabial.recalled, 1);
  EXPECT_EQ(s.words_matching, 1);
  EXPECT_EQ(s.rest.resting, s.rest.frames);
}

TEST(readEngineOutput, rejectsAnEngineError) {
  const auto path = std::filesystem::temp_directory_path() / "facecast-bench-error.json";
  std::ofstream(path) << R"({"success": false, "error": {"code": "empty_file", "message": "no audio"}})";
  EXPECT_THROW(read_engine_output(path.string()), std::runtime_error);
}

TEST(readTruth, rejectsOverlappingSegments) {
  const auto path = std::filesystem::temp_directory_path() / "facecast-bench-overlap.truth.tsv";
  std::ofstream(path) << "0.0\t0.5\tP\tPP\tp\n0.4\t0.6\tAA\taa\tA:\n";
  EXPECT_THROW(read_truth(path.string()), std::runtime_error);
}

TEST(normalisedWords, ignoresCaseFillersAndPunctuation) {
  EXPECT_EQ(normalised_words("<s> Ten of CLUBS, </s> [noise] the(2)"),
            (std::vector<std::string>{"ten", "of", "clubs", "the"}));
}
