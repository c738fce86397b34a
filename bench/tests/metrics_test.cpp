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

namespace {
VisemeWeights one_hot(Viseme v, float weight = 1) {
  VisemeWeights w{};
  w[v] = weight;
  return w;
}
}  // namespace

TEST(visemesAtMetricRate, readsTheWeightsAtTheStepCentreNotTheNearestFrame) {
  // 10 fps: sil at 0.0 s, PP at 0.1 s, aa at 0.2 s. Between two frames the weights
  // cross half way, so the argmax changes at 0.05 s and 0.15 s.
  const std::vector<VisemeWeights> per_frame{one_hot(sil), one_hot(PP), one_hot(aa)};
  const auto out = visemes_at_metric_rate(per_frame, 10, 0.3);
  ASSERT_EQ(out.size(), 30u);
  EXPECT_EQ(out[0], sil);   // 0.005 s: 95 % sil
  EXPECT_EQ(out[4], sil);   // 0.045 s: 55 % sil
  EXPECT_EQ(out[5], PP);    // 0.055 s: 55 % PP
  EXPECT_EQ(out[14], PP);   // 0.145 s
  EXPECT_EQ(out[15], aa);   // 0.155 s
  EXPECT_EQ(out[29], aa);   // 0.295 s: past the last frame, held
}

TEST(visemesAtMetricRate, isNotLateAtOneHundredFramesPerSecond) {
  // 100 fps: sil up to frame 9 (0.090 s), PP leads from frame 10 (0.100 s: PP 0.6,
  // sil 0.4). The metric step centred at 0.095 s lies half way between frames 9 and
  // 10, where sil still leads (0.7 vs 0.3). The nearest-frame reading took frame 10
  // (round(9.5) = 10) there, i.e. read the output 5 ms late.
  std::vector<VisemeWeights> per_frame(20, one_hot(PP));
  for (std::size_t i = 0; i < 10; ++i) per_frame[i] = one_hot(sil);
  per_frame[10][sil] = 0.4f;
  per_frame[10][PP] = 0.6f;
  const auto out = visemes_at_metric_rate(per_frame, 100, 0.2);
  ASSERT_EQ(out.size(), 20u);
  EXPECT_EQ(out[8], sil);
  EXPECT_EQ(out[9], sil);   // 0.095 s
  EXPECT_EQ(out[10], PP);   // 0.105 s
}

TEST(visemesAtMetricRate, blendsRisingAndFallingWeightsAt30Fps) {
  // 30 fps, frames at 0, 33.3, 66.7 ms: aa fades 1 -> 0.2 -> 0 while PP rises
  // 0 -> 0.6 -> 1. The weights cross where 1 - 0.8 u = 0.6 u (u = 0.714 of the first
  // interval, 23.8 ms). Nearest frame called the 15 ms step aa (frame 0) and the
  // 25 ms step PP (frame 1); interpolation agrees at 15 ms and 25 ms, and reads
  // the 55 ms step as PP.
  VisemeWeights f0{}, f1{}, f2{};
  f0[aa] = 1.0f;
  f1[aa] = 0.2f;
  f1[PP] = 0.6f;
  f2[PP] = 1.0f;
  const auto out = visemes_at_metric_rate({f0, f1, f2}, 30, 0.07);
  ASSERT_EQ(out.size(), 7u);
  EXPECT_EQ(out[1], aa);  // 15 ms: u = 0.45, aa 0.64 vs PP 0.27
  EXPECT_EQ(out[2], PP);  // 25 ms: u = 0.75, aa 0.40 vs PP 0.45
  EXPECT_EQ(out[5], PP);
}

TEST(visemesAtMetricRate, emptyOutputIsSilence) {
  const auto out = visemes_at_metric_rate({}, 30, 0.05);
  ASSERT_EQ(out.size(), 5u);
  for (auto v : out) EXPECT_EQ(v, sil);
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
