#include "speech/voice_activity.h"
#include "speech/quiet_gate.h"

#include <gtest/gtest.h>

#include "speech/speech_audio.h"

namespace facecast::speech {
namespace {

std::vector<float> clip_pause_clip(float gain) {
  auto clip = facecast::testing::goforward();
  std::vector<float> out;
  for (float s : clip) out.push_back(s * gain);
  out.resize(out.size() + 5 * 16000, 0.0f);
  for (float s : clip) out.push_back(s * gain);
  return out;
}

TEST(cutIntoChunks, cutsAtALongPauseAndLeavesItOut) {
  const auto audio = clip_pause_clip(1.0f);
  const auto chunks = cut_into_chunks(audio, SpeechSettings{});
  ASSERT_EQ(chunks.size(), 2u);
  const size_t clip = facecast::testing::goforward().size();
  EXPECT_LT(chunks[0].end, clip + 16000 / 2);
  EXPECT_GT(chunks[1].begin, clip + 4 * 16000);
  // Speech (0.46 .. 2.12 s in the clip) is inside.
  EXPECT_LT(chunks[0].begin, 0.45 * 16000);
  EXPECT_GT(chunks[0].end, 2.13 * 16000);
}

TEST(cutIntoChunks, doesNotDependOnLevel) {
  const auto loud = cut_into_chunks(clip_pause_clip(1.0f), SpeechSettings{});
  const auto quiet = cut_into_chunks(clip_pause_clip(0.02f), SpeechSettings{});
  ASSERT_EQ(loud.size(), quiet.size());
  for (size_t i = 0; i < loud.size(); ++i) {
    EXPECT_NEAR(static_cast<double>(loud[i].begin), static_cast<double>(quiet[i].begin), 1600);
    EXPECT_NEAR(static_cast<double>(loud[i].end), static_cast<double>(quiet[i].end), 1600);
  }
}

// Deterministic white noise of the given peak.
std::vector<float> noise(size_t samples, float level) {
  std::vector<float> out(samples);
  uint32_t state = 1;
  for (float& x : out) x = level * (static_cast<float>((state = state * 1664525u + 1013904223u) >> 8) / 8388608.0f - 1.0f);
  return out;
}

TEST(cutIntoChunks, findsOneSentenceInALongNoisyRecording) {
  // 2 s of speech after 100 s of hiss: under 2 % of the frames are speech.
  auto audio = noise(100 * 16000, 0.003f);
  const auto clip = facecast::testing::goforward();
  const size_t at = audio.size();
  audio.insert(audio.end(), clip.begin(), clip.end());
  const auto chunks = cut_into_chunks(audio, SpeechSettings{});
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_LT(chunks[0].begin, at + static_cast<size_t>(0.45 * 16000));
  EXPECT_GT(chunks[0].end, at + static_cast<size_t>(2.13 * 16000));
}

TEST(cutIntoChunks, hissAloneHasNoChunks) {
  EXPECT_TRUE(cut_into_chunks(noise(100 * 16000, 0.003f), SpeechSettings{}).empty());
}

TEST(cutIntoChunks, silenceHasNoChunks) {
  std::vector<float> silence(16000 * 4, 0.0f);
  EXPECT_TRUE(cut_into_chunks(silence, SpeechSettings{}).empty());
  EXPECT_TRUE(cut_into_chunks({}, SpeechSettings{}).empty());
}

TEST(cutIntoChunks, forcesCutsInLongSpeechWithoutPauses) {
  std::vector<float> audio;
  for (int i = 0; i < 8; ++i) {  // 8 x 2.8 s, pauses of 0.1 s only at the joins
    auto clip = facecast::testing::librivox(i % 5);
    audio.insert(audio.end(), clip.begin(), clip.end());
  }
  SpeechSettings settings;
  settings.max_utterance_s = 10;
  for (const auto& c : cut_into_chunks(audio, settings))
    EXPECT_LE(static_cast<double>(c.end - c.begin) / 16000, 10.6);
}

// Frame levels for the live detector: 1e-8 mean square is a quiet room
// (-80 dB), 1e-3 speech (-30 dB).
constexpr double kQuietFrame = 1e-8, kLoudFrame = 1e-3;

std::vector<LiveVoiceVerdict> live_verdicts(LiveVoiceActivity& vad, const std::vector<double>& frames) {
  std::vector<LiveVoiceVerdict> out;
  for (double ms : frames) out.push_back(vad.push_frame(ms));
  return out;
}

void push_speech_then_pause(LiveVoiceActivity& vad, int pause_frames) {
  live_verdicts(vad, std::vector<double>(40, kQuietFrame));
  live_verdicts(vad, std::vector<double>(30, kLoudFrame));
  live_verdicts(vad, std::vector<double>(pause_frames, kQuietFrame));
}

TEST(liveVoiceActivity, aBurstShorterThanAnOnsetInAPauseIsHeardButNotSpeech) {
  LiveVoiceActivity vad;
  push_speech_then_pause(vad, 40);
  const auto verdicts = live_verdicts(vad, {kLoudFrame, kLoudFrame, kLoudFrame, kQuietFrame, kQuietFrame,
                                            kQuietFrame, kQuietFrame, kQuietFrame, kQuietFrame, kQuietFrame});
  for (size_t i = 0; i < verdicts.size(); ++i) {
    EXPECT_FALSE(verdicts[i].speech) << i;
    EXPECT_EQ(verdicts[i].earlier_frames, 0) << i;
  }
  EXPECT_TRUE(verdicts[0].heard);  // the decoder still hears it
}

TEST(liveVoiceActivity, anOnsetAfterAPauseIsSpeechFromItsFirstLoudFrame) {
  LiveVoiceActivity vad;
  push_speech_then_pause(vad, 40);
  // A weak start: loud, a dip, then loud on.
  const auto verdicts =
      live_verdicts(vad, {kLoudFrame, kQuietFrame, kLoudFrame, kLoudFrame, kLoudFrame, kLoudFrame, kLoudFrame});
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(verdicts[i].speech) << i;
  EXPECT_TRUE(verdicts[5].speech);
  EXPECT_EQ(verdicts[5].earlier_frames, 5);  // back to the first loud frame
  EXPECT_TRUE(verdicts[6].speech);
  EXPECT_EQ(verdicts[6].earlier_frames, 0);
}

TEST(liveVoiceActivity, aBurstThatHasDiedAwayByTheOnsetWindowsEndIsNotSpeech) {
  LiveVoiceActivity vad;
  push_speech_then_pause(vad, 40);
  // Four loud frames, as long as an onset needs, then quiet: a key press.
  const auto verdicts = live_verdicts(
      vad, {kLoudFrame, kLoudFrame, kLoudFrame, kLoudFrame, kQuietFrame, kQuietFrame, kQuietFrame, kQuietFrame});
  for (const auto& v : verdicts) EXPECT_FALSE(v.speech);
}

TEST(liveVoiceActivity, aReleaseAfterAShortClosureIsSpeechFromItsFirstLoudFrame) {
  LiveVoiceActivity vad;
  push_speech_then_pause(vad, 12);  // 50 ms hangover, then 70 ms of a stop's closure
  // A release, a weak frame, the vowel.
  const auto verdicts = live_verdicts(vad, {kLoudFrame, kQuietFrame, kLoudFrame, kLoudFrame});
  EXPECT_FALSE(verdicts[0].speech);
  EXPECT_FALSE(verdicts[1].speech);
  EXPECT_TRUE(verdicts[2].speech);
  EXPECT_EQ(verdicts[2].earlier_frames, 2);  // back to the release
  EXPECT_TRUE(verdicts[3].speech);
}

// A click 60 ms after the last word's hangover (a lip smack, a mouse button):
// one loud frame, then quiet.
TEST(liveVoiceActivity, aClickAfterAShortPauseIsHeardButNotSpeech) {
  LiveVoiceActivity vad;
  push_speech_then_pause(vad, 11);
  const auto verdicts = live_verdicts(vad, {kLoudFrame, kQuietFrame, kQuietFrame, kQuietFrame, kQuietFrame});
  EXPECT_TRUE(verdicts[0].heard);
  for (const auto& v : verdicts) {
    EXPECT_FALSE(v.speech);
    EXPECT_EQ(v.earlier_frames, 0);
  }
}

// A knock in a pause 36 dB over the speech (declipping can restore a clipped
// one over full scale) set the speech level, and with it the threshold, for
// seconds: the next words went unheard.
TEST(liveVoiceActivity, aKnockInAPauseDoesNotRaiseTheSpeechLevel) {
  LiveVoiceActivity vad;
  push_speech_then_pause(vad, 40);
  live_verdicts(vad, {4.0});  // +6 dB
  live_verdicts(vad, std::vector<double>(40, kQuietFrame));
  const auto verdicts = live_verdicts(vad, std::vector<double>(30, kLoudFrame / 30));  // 15 dB quieter speech
  int speech = 0;
  for (const auto& v : verdicts) speech += v.speech;
  EXPECT_GE(speech, 25);
}

TEST(liveVoiceActivity, aStreamStartsInAPause) {
  LiveVoiceActivity vad;
  const auto verdicts = live_verdicts(vad, {kQuietFrame, kQuietFrame, kLoudFrame, kQuietFrame, kQuietFrame,
                                            kQuietFrame, kQuietFrame, kQuietFrame, kQuietFrame});
  for (const auto& v : verdicts) EXPECT_FALSE(v.speech);
}

}  // namespace
}  // namespace facecast::speech

namespace facecast::speech {
namespace {

std::vector<bool> frames_from(const std::string& pattern) {  // '#' voiced, '.' quiet
  std::vector<bool> v;
  for (char c : pattern) v.push_back(c == '#');
  return v;
}

TEST(quietGate, cutsOnlyQuietRunsOfTheGivenLength) {
  //                                   0         1         2
  //                                   0123456789012345678901234
  const QuietGate gate(frames_from("##....####..........######"), 5);
  EXPECT_EQ(gate.trim(0, 9), (std::pair<long, long>{0, 9}));   // a 4-frame gap is a closure, not a pause
  EXPECT_EQ(gate.trim(8, 15), (std::pair<long, long>{8, 9}));  // a phone running into a pause ends at it
  EXPECT_EQ(gate.trim(12, 25), (std::pair<long, long>{20, 25}));  // one starting in it begins at the speech
  EXPECT_FALSE(gate.trim(11, 18).has_value());                  // wholly in the pause: dropped
  EXPECT_EQ(gate.trim(24, 40), (std::pair<long, long>{24, 40}));  // past the input: kept
}

}  // namespace
}  // namespace facecast::speech
