// Long inputs are cut at pauses; times must stay absolute and right.
#include <gtest/gtest.h>

#include "speech/analyzer.h"
#include "speech/speech_audio.h"
#include "speech/timeline_checks.h"
#include "speech/transcript_words.h"
#include "speech/voice_activity.h"

namespace facecast::speech {
namespace {

using namespace facecast::testing;

// goforward trimmed to whole 10 ms frames, so both copies fall on the same
// frame grid and any difference is the analyzer's, not quantisation's.
std::vector<float> whole_frames_clip() {
  auto clip = goforward();
  clip.resize(clip.size() / 160 * 160);
  return clip;
}

std::vector<float> twice_with_pause(const std::vector<float>& clip, double pause_s) {
  std::vector<float> out = clip;
  out.resize(out.size() + static_cast<size_t>(pause_s * 16000), 0.0f);
  out.insert(out.end(), clip.begin(), clip.end());
  return out;
}

double offset_of(const std::vector<float>& clip, double pause_s) {
  return static_cast<double>(clip.size()) / 16000 + pause_s;
}

TEST(analyzeLongInput, alignTimesStayRightAfterALongPause) {
  const auto clip = whole_frames_clip();
  const auto audio = twice_with_pause(clip, 20);
  const auto t = shared_analyzer().analyze(audio, "go forward ten meters go forward ten meters", SpeechMode::Align);
  ASSERT_EQ(t.words.size(), 8u);
  expect_phones_cover(t.phones, static_cast<double>(audio.size()) / 16000);
  const double offset = offset_of(clip, 20);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(t.words[i].word, t.words[i + 4].word);
    EXPECT_NEAR(t.words[i + 4].start, t.words[i].start + offset, 0.03) << t.words[i].word;
    EXPECT_NEAR(t.words[i + 4].end, t.words[i].end + offset, 0.03) << t.words[i].word;
  }
  // The pause itself is silence.
  for (const auto& p : t.phones)
    if (p.start >= 2.3 && p.end <= offset + 0.3) EXPECT_EQ(p.phone, "SIL");
}

TEST(analyzeLongInput, recognizeAndPhoneticTimesStayRightAfterALongPause) {
  const auto clip = whole_frames_clip();
  const auto audio = twice_with_pause(clip, 20);
  const double offset = offset_of(clip, 20);
  const auto r = shared_analyzer().analyze(audio, "", SpeechMode::Recognize);
  ASSERT_EQ(r.words.size() % 2, 0u);
  const size_t half = r.words.size() / 2;
  for (size_t i = 0; i < half; ++i)
    EXPECT_NEAR(r.words[i + half].start, r.words[i].start + offset, 0.03) << r.words[i].word;

  const auto p = shared_analyzer().analyze(audio, "", SpeechMode::Phonetic);
  const auto first = shared_analyzer().analyze(clip, "", SpeechMode::Phonetic);
  std::vector<PhoneSegment> second;  // the second occurrence, moved back by the offset
  for (const auto& s : p.phones)
    if (s.start >= offset - 1e-9) second.push_back({s.phone, s.start - offset, s.end - offset});
  EXPECT_GT(frame_agreement(first.phones, second, static_cast<double>(clip.size()) / 16000), 0.9);
}

TEST(analyzeLongInput, alignTimesStayCloseOffTheFrameGrid) {
  // Here the second copy starts 6.25 ms off the first copy's frame grid: phone
  // boundaries may move by a frame or so, but not drift.
  const auto clip = goforward();
  const auto audio = twice_with_pause(clip, 20.0);
  const auto t = shared_analyzer().analyze(audio, "go forward ten meters go forward ten meters", SpeechMode::Align);
  ASSERT_EQ(t.words.size(), 8u);
  const double offset = offset_of(clip, 20.0);
  double total_error = 0;
  for (size_t i = 0; i < 4; ++i) {
    const double error = std::abs(t.words[i + 4].start - t.words[i].start - offset);
    EXPECT_LT(error, 0.05) << t.words[i].word;
    total_error += error;
  }
  EXPECT_LT(total_error / 4, 0.03);
}

TEST(analyzeLongInput, alignSpreadsALongTranscriptOverUtterances) {
  // ~50 s of real speech: longer than max_utterance_s, so it is aligned in pieces.
  std::vector<float> audio;
  std::string text;
  for (int round = 0; round < 2; ++round)
    for (int i = 0; i < 5; ++i) {
      const auto clip = librivox(i);
      audio.insert(audio.end(), clip.begin(), clip.end());
      text += librivox_transcript(i) + " ";
    }
  const double duration = static_cast<double>(audio.size()) / 16000;
  const SpeechSettings settings;
  ASSERT_GT(duration, settings.max_utterance_s);
  const auto chunks = cut_into_chunks(audio, settings);
  ASSERT_GT(chunks.size(), 1u);
  for (const auto& c : chunks) EXPECT_LE(static_cast<double>(c.end - c.begin) / 16000, settings.max_utterance_s + 0.6);

  const auto t = shared_analyzer().analyze(audio, text, SpeechMode::Align);
  EXPECT_EQ(word_list(t), transcript_words(text));
  expect_words_ordered(t.words, duration);
  expect_phones_cover(t.phones, duration);
  // Both copies of the text land on their own copy of the audio.
  const size_t half = t.words.size() / 2;
  const double offset = duration / 2;
  size_t close = 0;
  for (size_t i = 0; i < half; ++i) close += std::abs(t.words[i + half].start - t.words[i].start - offset) < 0.05;
  EXPECT_GE(close, half * 9 / 10);
}

}  // namespace
}  // namespace facecast::speech
