// Long inputs are cut at pauses; times must stay absolute and right.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "audio/decode.h"
#include "speech/analyzer.h"
#include "speech/espeak_speech.h"
#include "speech/speech_audio.h"
#include "speech/timeline_checks.h"
#include "speech/transcript_words.h"
#include "speech/voice_activity.h"
#include "support/fixtures.h"

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
    if (p.start >= 2.3 && p.end <= offset + 0.3) { EXPECT_EQ(p.phone, "SIL"); }
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

namespace facecast::speech {
namespace {

void expect_aligned_with_silent_pauses(const facecast::testing::SpokenPassage& passage) {
  const auto t = facecast::testing::shared_analyzer().analyze(passage.pcm16k, passage.transcript, SpeechMode::Align);
  std::vector<std::string> expected;
  for (const auto& w : transcript_words(passage.transcript)) expected.push_back(w);
  ASSERT_EQ(facecast::testing::word_list(t), expected);
  for (const auto& [begin, end] : passage.pauses) {
    for (const auto& p : t.phones) {
      // 30 ms of slack at each edge for frame rounding and release noise.
      const bool inside = p.end > begin + 0.03 && p.start < end - 0.03;
      if (inside) {
        EXPECT_EQ(p.phone, "SIL") << "pause " << begin << "-" << end << " holds " << p.phone << " " << p.start << "-" << p.end;
      }
    }
    for (const auto& w : t.words) EXPECT_FALSE(w.start < begin && w.end > end) << w.word << " spans a pause";
  }
  // An even spread (the fallback when nothing aligns) gives every phone the
  // same length; aligned speech has phones of many lengths.
  std::set<int> lengths_ms;
  for (const auto& p : t.phones)
    if (p.phone != "SIL") lengths_ms.insert(static_cast<int>(std::lround((p.end - p.start) * 100)));
  EXPECT_GE(lengths_ms.size(), 8u) << "phones look evenly spread, not aligned";
}

// espeak voices the bench found unaligned at the former beams (1e-60): the
// right path fell off the beam, so the grammar found no path (transcript
// spread evenly over the chunk, pauses included) or ended a chunk early in a
// long SIL. Every word must be aligned and every pause stay silent.
TEST(analyze, alignsEspeakSpeechAcrossPausesAndKeepsThemSilent) {
  const std::vector<std::string> british = {
      "I think they bought the thin leather boots on Thursday.", "Measure the usual pleasure of a quiet evening.",
      "Bob and Pam moved the piano upstairs in the morning.",    "Open the window and let the cool breeze in.",
      "A small group of people sang beneath the bright moon.",   "Remember to buy milk, bananas, and bread.",
      "The captain kept the ship away from the rocks.",          "How much wood would a woodchuck chuck?"};
  expect_aligned_with_silent_pauses(
      facecast::testing::espeak_passage(british, "en", 175, {0.3, 0.5, 2.0, 0.7, 0.3, 2.0, 0.5}));
  const std::vector<std::string> slow = {
      "A small group of people sang beneath the bright moon.", "Remember to buy milk, bananas, and bread.",
      "The captain kept the ship away from the rocks.",        "How much wood would a woodchuck chuck?",
      "Who is going to pay for the broken lamp?",              "Her brother plays the trumpet in a jazz band.",
      "Tom drank a cup of hot black coffee at noon.",          "Nobody knows where the old map of the island went."};
  expect_aligned_with_silent_pauses(
      facecast::testing::espeak_passage(slow, "en+m7", 140, {0.3, 0.5, 0.7, 2.0, 0.5, 0.7, 0.3}));
}

// The bench's espeak en+m7 140 wpm set: the aligner put SILs of 60-310 ms
// between words where the voice went on, then squeezed the next words into
// 30 ms phones. Inside a sentence, pauses keep off the voice.
TEST(analyze, alignPutsNoPauseOverTheVoiceInsideASentence) {
  const std::vector<std::string> sentences = {
      "Who is going to pay for the broken lamp?", "Her brother plays the trumpet in a jazz band.",
      "Tom drank a cup of hot black coffee at noon.", "Nobody knows where the old map of the island went.",
      "Peter picked a bucket of purple plums before breakfast."};
  const auto passage = facecast::testing::espeak_passage(sentences, "en+m7", 140, {0.5, 0.7, 0.5, 0.3});
  const auto t = facecast::testing::shared_analyzer().analyze(passage.pcm16k, passage.transcript, SpeechMode::Align);
  ASSERT_EQ(facecast::testing::word_list(t), transcript_words(passage.transcript));

  // The voice: 10 ms frames within 25 dB of the passage's loud frames.
  std::vector<double> db;
  for (size_t b = 0; b + 160 <= passage.pcm16k.size(); b += 160) {
    double sum = 0;
    for (size_t i = b; i < b + 160; ++i) sum += static_cast<double>(passage.pcm16k[i]) * passage.pcm16k[i];
    db.push_back(10 * std::log10(sum / 160 + 1e-12));
  }
  std::vector<double> sorted = db;
  std::sort(sorted.begin(), sorted.end());
  const double voice_db = sorted[sorted.size() * 98 / 100] - 25;

  double voice_in_pauses = 0;
  for (const auto& p : t.phones) {
    if (p.phone != "SIL" || p.end <= t.words.front().start || p.start >= t.words.back().end) continue;
    bool between_sentences = false;
    for (const auto& [begin, end] : passage.pauses) between_sentences = between_sentences || (p.start < end && p.end > begin);
    if (between_sentences) continue;
    for (auto f = static_cast<size_t>(p.start * 100); f < static_cast<size_t>(p.end * 100) && f < db.size(); ++f)
      if (db[f] > voice_db) voice_in_pauses += 0.01;
  }
  // Measured: 1.48 s before pauses over the voice were closed, 0.67 s after.
  EXPECT_LT(voice_in_pauses, 1.0);
}

// The bench's espeak en+m7 140 wpm file: "lamp? Her brother": the aligner put
// the weak "her" before the 0.3 s pause between the sentences and the pause over
// it. Each sentence's words now start after the pause before it.
TEST(analyze, alignKeepsASentencesFirstWordAfterThePauseBeforeIt) {
  const std::vector<std::string> sentences = {"Who is going to pay for the broken lamp?",
                                              "Her brother plays the trumpet in a jazz band.",
                                              "Tom drank a cup of hot black coffee at noon."};
  const auto passage = facecast::testing::espeak_passage(sentences, "en+m7", 140, {0.3, 0.5});
  const auto t = facecast::testing::shared_analyzer().analyze(passage.pcm16k, passage.transcript, SpeechMode::Align);
  ASSERT_EQ(facecast::testing::word_list(t), transcript_words(passage.transcript));
  ASSERT_EQ(passage.pauses.size(), 2u);
  size_t first_word = 0;
  for (size_t k = 0; k + 1 < sentences.size(); ++k) {
    first_word += transcript_words(sentences[k]).size();
    const auto& w = t.words[first_word];
    EXPECT_GT(w.start, passage.pauses[k].second - 0.03) << w.word << " starts before the pause it follows";
    EXPECT_LT(t.words[first_word - 1].end, passage.pauses[k].first + 0.03) << t.words[first_word - 1].word;
  }
}

// Two sentences spoken by espeak with a pause between them: the second
// sentence's first word starts with the voice after the pause (espeak's exact
// digital silence ends there) and the first sentence ends before it.
void expect_second_sentence_starts_with_its_voice(const std::vector<std::string>& sentences, const std::string& voice,
                                                  int wpm, double pause_s) {
  const auto passage = facecast::testing::espeak_passage(sentences, voice, wpm, {pause_s});
  const auto t = facecast::testing::shared_analyzer().analyze(passage.pcm16k, passage.transcript, SpeechMode::Align);
  ASSERT_EQ(facecast::testing::word_list(t), transcript_words(passage.transcript));
  const size_t first = transcript_words(sentences[0]).size();
  const auto& [pause_start, pause_end] = passage.pauses[0];
  EXPECT_LT(t.words[first].start, pause_end + 0.05) << t.words[first].word << " starts late";
  EXPECT_GT(t.words[first].start, pause_end - 0.1) << t.words[first].word;
  EXPECT_LT(t.words[first - 1].end, pause_start + 0.05) << t.words[first - 1].word;
}

// The bench's espeak en-us+f4 210 wpm file: after a 2 s pause "Judge the
// church" was found 150 ms into its loud onset (the utterance's leading SIL
// over "ju"), "judge" squeezed into 30 ms phones (105 ms late here before).
TEST(analyze, alignStartsAnUtterancesFirstWordWithItsVoice) {
  expect_second_sentence_starts_with_its_voice({"Thank you for the beautiful flowers, they smell wonderful.",
                                                "Judge the church by the choices of its members."},
                                               "en-us+f4", 210, 2.0);
}

// The same inside an utterance: espeak en-us+m3 175 wpm, "Maybe" after a 0.7 s
// pause was found 46-90 ms into its "m" (the pause is not moved: no word crossed it).
TEST(analyze, alignStartsAWordAfterAPauseWithItsVoice) {
  expect_second_sentence_starts_with_its_voice({"Good morning, would you like some warm bread with butter?",
                                                "Maybe the baby will be happy with a bubble bath."},
                                               "en-us+m3", 175, 0.7);
}

// Short alignment utterances (capped at 5 s here) on a voice the acoustic
// model fits poorly. On the bench's espeak en+m7 file the first utterance
// ended one word early ("lamp" under the final SIL), the next could not start
// with that word and took none, and so on (31.8 % +-20 ms); an utterance that
// ends with speech under its final SIL is now aligned again joined with the
// next. This passage, synthesised sentence by sentence, aligned correctly
// with and without the join (a check that short utterances keep working, not
// of the join: the bench's espeak set measures that; hidden_speech_test.cpp
// tests the trailing-speech count it rests on).
TEST(analyze, alignsShortUtterancesOfAPoorlyMatchedVoice) {
  const std::vector<std::string> sentences = {
      "Who is going to pay for the broken lamp?", "Her brother plays the trumpet in a jazz band.",
      "Tom drank a cup of hot black coffee at noon.", "Nobody knows where the old map of the island went.",
      "Peter picked a bucket of purple plums before breakfast.", "The quick brown fox jumps over the lazy dog."};
  const auto passage = facecast::testing::espeak_passage(sentences, "en+m7", 140, {0.3, 0.5, 2.0, 0.7, 0.3});
  SpeechSettings settings;
  settings.max_utterance_s = 5;
  Analyzer analyzer(settings);
  const auto t = analyzer.analyze(passage.pcm16k, passage.transcript, SpeechMode::Align);
  ASSERT_EQ(facecast::testing::word_list(t), transcript_words(passage.transcript));
  for (const auto& [begin, end] : passage.pauses) {
    for (const auto& w : t.words) EXPECT_FALSE(w.start < begin && w.end > end) << w.word << " spans a pause";
    for (const auto& p : t.phones)
      if (p.end > begin + 0.03 && p.start < end - 0.03) {
        EXPECT_EQ(p.phone, "SIL") << "pause " << begin << " holds " << p.phone;
      }
  }
}

// Laughter-like sound (2 s of a buzzy 150 Hz voice, pulsed at 5 Hz) between two
// sentences is not speech the transcript holds: the utterance keeps its own words
// and the next one (after a long pause) keeps the rest.
TEST(analyzeLongInput, alignDoesNotPullWordsIntoANonSpeechSound) {
  std::vector<float> audio = librivox(0);
  const auto silence = [&audio](double s) { audio.resize(audio.size() + static_cast<size_t>(s * 16000), 0.0f); };
  silence(0.5);
  double level = 0;
  for (float x : librivox(0)) level = std::max(level, static_cast<double>(std::abs(x)));
  for (int i = 0; i < static_cast<int>(2.0 * 16000); ++i) {
    const double t = i / 16000.0;
    double buzz = 0;
    for (int h = 1; h <= 8; ++h) buzz += std::sin(2 * 3.14159265358979 * 150 * h * t) / h;
    const double pulse = std::max(0.0, std::sin(2 * 3.14159265358979 * 5 * t));
    audio.push_back(static_cast<float>(0.6 * level * pulse * buzz));
  }
  silence(0.5);
  const double second_start = static_cast<double>(audio.size()) / 16000;
  const auto second = librivox(1);
  audio.insert(audio.end(), second.begin(), second.end());
  silence(2.5);
  const double third_start = static_cast<double>(audio.size()) / 16000;
  const auto third = librivox(2);
  audio.insert(audio.end(), third.begin(), third.end());
  const std::string text = librivox_transcript(0) + " " + librivox_transcript(1) + " " + librivox_transcript(2);

  const auto t = shared_analyzer().analyze(audio, text, SpeechMode::Align);
  ASSERT_EQ(word_list(t), transcript_words(text));
  const size_t first = transcript_words(librivox_transcript(0)).size();
  const size_t first_two = transcript_words(librivox_transcript(0) + " " + librivox_transcript(1)).size();
  const double first_end = static_cast<double>(librivox(0).size()) / 16000;
  for (size_t i = 0; i < t.words.size(); ++i) {
    const auto& w = t.words[i];
    if (i < first) {
      EXPECT_LT(w.end, first_end + 0.05) << w.word;
    } else if (i < first_two) {
      EXPECT_GT(w.start, second_start - 0.05) << w.word;
      EXPECT_LT(w.end, third_start) << w.word;
    } else {
      EXPECT_GT(w.start, third_start - 0.05) << w.word;
    }
  }
}

// The bench's espeak set (en, 175 wpm): the first utterance (three sentences)
// ended after 18 of its 26 words with 3.4 s of speech in one SIL, and the
// second then had no path. A chunk that hides speech in SIL is aligned again.
TEST(analyze, alignsEspeakSpeechThatAnEarlyEndWouldHideInSilence) {
  const std::vector<std::string> sentences = {
      "Open the window and let the cool breeze in.", "A small group of people sang beneath the bright moon.",
      "Remember to buy milk, bananas, and bread.",   "The captain kept the ship away from the rocks.",
      "How much wood would a woodchuck chuck?",      "Who is going to pay for the broken lamp?"};
  expect_aligned_with_silent_pauses(facecast::testing::espeak_passage(sentences, "en", 175, {0.3, 0.5, 2.0, 0.3, 0.5}));
}

// The held-out sentences of bench/sentences-unseen.txt, in order.
const std::vector<std::string> kHeldOutSentences = {
    "My brother bought a small boat last August and sailed it along the coast.",
    "Please pass me the bottle of water that is standing on the table.",
    "The long walk through the forest made everybody hungry and tired.",
    "We often talk about the weather when we have nothing else to say.",
    "A strong wind blew the paper off the desk and onto the floor.",
    "Could you call the office before lunch and ask about the payment?",
    "Bob promised his mother he would be home before midnight.",
    "The children laughed at the funny clown with the big red nose.",
    "Autumn leaves fall softly on the lawn behind the old house.",
    "Maybe we should buy some more milk and bread for breakfast.",
    "The doctor thought the problem was caused by a lack of sleep.",
    "Jump over the puddle and keep your shoes clean and dry.",
    "The museum opens at nine and closes at five every Monday.",
    "Her cousin plays the piano beautifully in the evening.",
    "Nobody knew why the clock in the tower had stopped at four.",
    "The cat watched the birds from the window all morning long."};

std::vector<std::string> held_out(size_t first, size_t count) {
  return {kHeldOutSentences.begin() + static_cast<long>(first), kHeldOutSentences.begin() + static_cast<long>(first + count)};
}

// Fast speech (espeak en-us, 230 wpm; sentences the bench does not hold): an
// utterance ended with "payment" (180 ms) under its final SIL, the next
// started with that word and aligned 2 of its 40 words, and every later
// sentence was squeezed into the file's last seconds (57.8 % +-20 ms).
TEST(analyzeLongInput, alignsFastSpeechWithoutLosingTheRest) {
  const auto sentences = held_out(0, 8);
  expect_aligned_with_silent_pauses(
      facecast::testing::espeak_passage(sentences, "en-us", 230, {0.3, 0.5, 2.0, 0.7, 0.3, 2.0, 0.5}));
}

// Speech faster than the model's shortest phones (three 10 ms states): at
// 270-300 wpm espeak says many phones in 20-30 ms, a sentence of them could not
// be aligned as spoken, and the rest of the file derailed (unseen sentences at
// 285 wpm: 51.0 % +-20 ms). Such speech is slowed down for the aligner.
TEST(analyzeLongInput, alignsSpeechFasterThanTheModelsShortestPhones) {
  const auto sentences = held_out(3, 6);
  expect_aligned_with_silent_pauses(
      facecast::testing::espeak_passage(sentences, "en-us", 300, {0.3, 0.5, 2.0, 0.7, 0.3}));
}

// At 230 wpm (slowed down by 1.05 for the aligner) one utterance covered "in
// the evening" with "in the", and the next, finding no "evening" in its audio,
// skipped it: the word got no times. It goes back to the utterance before.
TEST(analyzeLongInput, aWordSkippedAtAnUtterancesStartGoesBackToTheOneBefore) {
  expect_aligned_with_silent_pauses(
      facecast::testing::espeak_passage(kHeldOutSentences, "en-us", 230, {0.3, 0.5, 2.0}));
}

// Aligns `spoken` (as said in `passage`) with `left_out` inserted in the
// transcript before sentence `before`, and checks that every spoken sentence
// keeps its words inside its own audio.
void expect_each_sentence_in_its_audio(const facecast::testing::SpokenPassage& passage,
                                       const std::vector<std::string>& spoken, size_t before,
                                       const std::string& left_out) {
  std::string text;
  for (size_t k = 0; k < spoken.size(); ++k) text += (k == before ? left_out + " " : "") + spoken[k] + " ";  // before = size: none
  const auto t = shared_analyzer().analyze(passage.pcm16k, text, SpeechMode::Align);
  // Sentence k lies between pause k-1 and pause k.
  std::vector<std::pair<double, double>> spans;
  double begin = 0.25;
  for (const auto& [pause_begin, pause_end] : passage.pauses) {
    spans.emplace_back(begin, pause_begin);
    begin = pause_end;
  }
  spans.emplace_back(begin, static_cast<double>(passage.pcm16k.size()) / 16000);
  ASSERT_EQ(spans.size(), spoken.size());
  size_t next = 0;  // into t.words
  for (size_t k = 0; k < spoken.size(); ++k) {
    const auto words = transcript_words(spoken[k]);
    if (k == before) {  // the left-out sentence's words get no times
      while (next < t.words.size() && t.words[next].word != words.front()) ++next;
    }
    for (const auto& w : words) {
      ASSERT_LT(next, t.words.size()) << "sentence " << k << " lost its words from \"" << w << "\" on";
      EXPECT_EQ(t.words[next].word, w);
      // 0.1 s of slack: a stop's closure at a sentence's edge is as silent as the pause.
      EXPECT_GT(t.words[next].start, spans[k].first - 0.1) << w << " of sentence " << k;
      EXPECT_LT(t.words[next].end, spans[k].second + 0.1) << w << " of sentence " << k;
      ++next;
    }
  }
}

// A transcript holding a sentence the speaker left out: the utterance after
// it starts with words that are not in its audio. Those are skipped, and
// every spoken sentence keeps its words inside its own audio.
TEST(analyzeLongInput, alignSkipsASentenceTheSpeakerLeftOut) {
  const std::vector<std::string> spoken = {
      "Please pass me the bottle of water that is standing on the table.",
      "The long walk through the forest made everybody hungry and tired.",
      "Could you call the office before lunch and ask about the payment?",
      "Bob promised his mother he would be home before midnight.",
      "The children laughed at the funny clown with the big red nose."};
  const auto passage = facecast::testing::espeak_passage(spoken, "en-us", 175, {0.5, 0.7, 0.5, 0.7});
  expect_each_sentence_in_its_audio(passage, spoken, 2, "Nobody knew why the old clock had stopped.");
}

// The same in fast speech (the passage of
// aWordSkippedAtAnUtterancesStartGoesBackToTheOneBefore), the left-out
// sentence after one that ended early: joined with the next chunk (whose
// audio holds the sentence after the left-out one) it hid half its speech,
// and skipping then dropped all 12 of its own words. (A sentence left out
// inside an utterance, between sentences 0.3 s apart, is not handled.)
TEST(analyzeLongInput, alignSkipsASentenceTheSpeakerLeftOutInFastSpeech) {
  const auto passage = facecast::testing::espeak_passage(kHeldOutSentences, "en-us", 230, {0.3, 0.5, 2.0});
  expect_each_sentence_in_its_audio(passage, kHeldOutSentences, 6, "Nobody knew why the old clock had stopped.");
}

// espeak en-us: the vowel tail of "door" took the next sentence's "a" (40 ms),
// 2.5 s before it was said. A word squeezed to under 80 ms before a pause is
// not how speech ends (words before a pause lengthen): it goes to the next utterance.
TEST(analyzeLongInput, aSentencesShortFirstWordStaysAfterThePauseBeforeIt) {
  const std::vector<std::string> spoken = {"The cat sat on the mat by the door.", "A big dog ran in the park all day.",
                                           "My friend made some tea for us."};
  expect_each_sentence_in_its_audio(facecast::testing::espeak_passage(spoken, "en-us", 175, {2.5}), spoken,
                                    spoken.size(), "");
}

// An edited recording (fixture edited_pause.wav): two sentences with their own
// room tone (-45 dB) joined by a pause edited to near-silence, 16-bit dither at
// -96 dB. The dither set the noise floor, the room tone counted as speech, and
// "he might even" after the pause were dropped and "have" put 5 s early.
TEST(analyzeLongInput, alignTimesStayRightAfterAPauseEditedToNearSilence) {
  const auto audio = audio::decode_file(fixture("edited_pause.wav"), AudioSettings{}).samples;
  const auto first = librivox(3), second = librivox(4);
  const auto text = librivox_transcript(3) + " " + librivox_transcript(4);
  const auto t = shared_analyzer().analyze(audio, text, SpeechMode::Align);
  const auto alone = shared_analyzer().analyze(second, librivox_transcript(4), SpeechMode::Align);
  ASSERT_EQ(t.words.size(), transcript_words(text).size());
  const double offset = static_cast<double>(first.size()) / 16000 + 5;
  const size_t n = alone.words.size();
  for (size_t i = 0; i < n; ++i) {
    const auto& w = t.words[t.words.size() - n + i];
    EXPECT_EQ(w.word, alone.words[i].word);
    EXPECT_NEAR(w.start, alone.words[i].start + offset, 0.05) << w.word;
  }
}

}  // namespace
}  // namespace facecast::speech
