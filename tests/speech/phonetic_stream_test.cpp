#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "core/high_pass_filter.h"
#include "speech/analyzer.h"
#include "speech/shared_models.h"
#include "speech/speech_audio.h"
#include "speech/timeline_checks.h"

namespace facecast::speech {
namespace {

using namespace facecast::testing;

struct StreamRun {
  std::vector<PhoneSegment> phones;
  std::vector<double> lag_s;      // audio pushed minus final time, after each pull
  std::vector<double> latency_s;  // per spoken phone: audio pushed when it became final minus its end
};

StreamRun stream_in_chunks(const std::vector<float>& audio, size_t chunk, SharedModels* shared = nullptr) {
  PhoneticStream stream{SpeechSettings{}, shared};
  StreamRun run;
  double last_final = 0;
  for (size_t i = 0; i < audio.size(); i += chunk) {
    const size_t n = std::min(chunk, audio.size() - i);
    stream.push(std::span(audio).subspan(i, n));
    const size_t before = run.phones.size();
    const double final_time = stream.pull(run.phones);
    for (size_t k = before; k < run.phones.size(); ++k)
      if (run.phones[k].phone != "SIL") run.latency_s.push_back(static_cast<double>(i + n) / 16000 - run.phones[k].end);
    EXPECT_GE(final_time, last_final);  // never goes back
    last_final = final_time;
    run.lag_s.push_back(static_cast<double>(i + n) / 16000 - final_time);
  }
  stream.finish(run.phones);
  return run;
}

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

bool same_phones(const std::vector<PhoneSegment>& a, const std::vector<PhoneSegment>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](const auto& x, const auto& y) {
           return x.phone == y.phone && x.start == y.start && x.end == y.end;
         });
}

TEST(phoneticStream, aDecoderReusedFromThePoolDecodesLikeANewOne) {
  SharedModels shared(SpeechSettings{}, 1);
  const auto first = goforward(), other = librivox(1);
  const auto fresh = stream_in_chunks(first, 320);  // own, newly loaded decoder
  const auto pooled = stream_in_chunks(first, 320, &shared);
  stream_in_chunks(other, 320, &shared);  // moves the live CMN and the search
  {
    PhoneticStream abandoned{SpeechSettings{}, &shared};  // left mid-utterance, never finished
    abandoned.push(std::span(other).first(other.size() / 2));
  }
  const auto reused = stream_in_chunks(first, 320, &shared);
  EXPECT_EQ(shared.live_decoders().loaded(), 1);  // the same decoder served all three
  EXPECT_TRUE(same_phones(fresh.phones, pooled.phones));
  EXPECT_TRUE(same_phones(fresh.phones, reused.phones));
}

TEST(phoneticStream, twentyMillisecondChunksMatchOfflinePhonetic) {
  for (int clip = 0; clip < 3; ++clip) {
    const auto audio = clip == 0 ? goforward() : librivox(clip);
    const double duration = static_cast<double>(audio.size()) / 16000;
    const auto run = stream_in_chunks(audio, 320);
    expect_phones_cover(run.phones, duration);
    const auto offline = shared_analyzer().analyze(audio, "", SpeechMode::Phonetic);
    const double agreement = frame_agreement(run.phones, offline.phones, duration);
    std::printf("clip %d: frame agreement with offline %.1f%%, median final-time lag %.0f ms, median phone latency %.0f ms\n",
                clip, 100 * agreement, 1000 * median(run.lag_s), 1000 * median(run.latency_s));
    // Live normalisation differs from the offline whole-utterance one; without
    // noise subtraction (off for determinism) the three clips measured
    // 90 / 67 / 79 % frame agreement.
    EXPECT_GT(agreement, 0.62) << "clip " << clip;
  }
}

TEST(phoneticStream, aQuietSpeakerIsLiftedAfterTheirFirstUtterance) {
  // 45 dB down, speech spans a few hundred 16-bit levels. The offline decoder
  // normalises each utterance; the live one lifts a speaker it has heard to be
  // quiet (the first utterance: see aQuietSpeakersFirstUtterance...).
  std::vector<float> audio;
  for (int clip = 1; clip < 5; ++clip) {
    const auto c = librivox(clip);
    audio.insert(audio.end(), c.begin(), c.end());
    audio.insert(audio.end(), 16000, 0.0f);
  }
  for (float& x : audio) x *= 0.0056f;
  const double duration = static_cast<double>(audio.size()) / 16000;
  const auto run = stream_in_chunks(audio, 320);
  const auto offline = shared_analyzer().analyze(audio, "", SpeechMode::Phonetic);
  const double agreement = frame_agreement(run.phones, offline.phones, duration);
  // Measured: 43.8 % with the fixed gain, 80.3 % lifted (89.5 % at full level).
  EXPECT_GT(agreement, 0.7);
}

TEST(phoneticStream, aLongPauseDoesNotChangeHowTheSpeakerIsHeard) {
  // The same sentence after 2 s and after 60 s of faint room noise: the
  // speaker's remembered level must not fade in the pause (it once did, and
  // ordinary speech was then lifted up to 30x and clipped).
  const auto sentence = goforward();
  const double sentence_s = static_cast<double>(sentence.size()) / 16000;
  auto second_copy = [&](int pause_s) {
    std::vector<float> audio = sentence;
    uint32_t state = 7;
    for (int i = 0; i < 16000 * pause_s; ++i)
      audio.push_back(0.0005f * (static_cast<float>((state = state * 1664525u + 1013904223u) >> 8) / 8388608.0f - 1.0f));
    const double offset = static_cast<double>(audio.size()) / 16000;
    audio.insert(audio.end(), sentence.begin(), sentence.end());
    std::vector<PhoneSegment> copy;
    for (const auto& p : stream_in_chunks(audio, 320).phones)
      if (p.end > offset) copy.push_back({p.phone, std::max(0.0, p.start - offset), p.end - offset});
    return copy;
  };
  const auto after_short = second_copy(2), after_long = second_copy(60);
  EXPECT_GT(frame_agreement(after_long, after_short, sentence_s), 0.95);
}

TEST(phoneticStream, phonesBecomeFinalSoonAfterTheyEnd) {
  const auto run = stream_in_chunks(librivox(0), 320);
  // A phone is final once the decoder is kLagFrames past its end; the
  // front end (25 ms window, delta features) adds a few frames, the 20 ms
  // chunks up to 20 ms.
  EXPECT_LT(median(run.latency_s), 0.10);
}

TEST(phoneticStream, chunkSizeDoesNotChangeTheResult) {
  const auto audio = goforward();
  const double duration = static_cast<double>(audio.size()) / 16000;
  const auto small = stream_in_chunks(audio, 160);
  const auto odd = stream_in_chunks(audio, 777);
  EXPECT_GT(frame_agreement(small.phones, odd.phones, duration), 0.9);
}

TEST(phoneticStream, chunkSizeDoesNotChangeAQuietFirstUtterancesRedecoding) {
  auto audio = librivox(1);
  for (float& x : audio) x *= 0.0178f;  // 35 dB down: decoded again once its level is heard
  const double duration = static_cast<double>(audio.size()) / 16000;
  const auto small = stream_in_chunks(audio, 160);
  const auto odd = stream_in_chunks(audio, 777);
  EXPECT_GT(frame_agreement(small.phones, odd.phones, duration), 0.9);
}

TEST(phoneticStream, longSilenceStaysSilentAndBounded) {
  std::vector<float> audio(16000 * 40, 0.0f);  // longer than max_utterance_s
  const auto speech = goforward();
  std::copy(speech.begin(), speech.end(), audio.begin() + 16000 * 35);
  const auto run = stream_in_chunks(audio, 320);
  expect_phones_cover(run.phones, 40.0);
  for (const auto& p : run.phones)
    if (p.end <= 35.0) { EXPECT_EQ(p.phone, "SIL"); }
  int spoken = 0;
  for (const auto& p : run.phones) spoken += p.phone != "SIL" && p.start > 35.3;
  EXPECT_GE(spoken, 8);
}

TEST(phoneticStream, nonFiniteSamplesDoNotPoisonTheStream) {
  auto audio = goforward();
  std::fill(audio.begin(), audio.begin() + 3200, std::numeric_limits<float>::quiet_NaN());
  audio[20000] = std::numeric_limits<float>::infinity();
  const auto run = stream_in_chunks(audio, 320);
  expect_phones_cover(run.phones, static_cast<double>(audio.size()) / 16000);
  int spoken = 0;
  for (const auto& p : run.phones) spoken += p.phone != "SIL";
  EXPECT_GE(spoken, 8);
}

TEST(phoneticStream, pullBeforeAnyAudioIsEmpty) {
  PhoneticStream stream{SpeechSettings{}};
  std::vector<PhoneSegment> out;
  EXPECT_EQ(stream.pull(out), 0.0);
  EXPECT_EQ(stream.finish(out), 0.0);
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace facecast::speech

namespace facecast::speech {
namespace {

TEST(phoneticStream, peekGuessesAheadOfTheFinalTimelineWithoutOverlappingIt) {
  const auto audio = librivox(0);
  PhoneticStream stream{SpeechSettings{}};
  std::vector<PhoneSegment> final_phones, guess;
  std::vector<double> ahead_s;
  for (size_t i = 0; i < audio.size(); i += 320) {
    const size_t n = std::min<size_t>(320, audio.size() - i);
    stream.push(std::span(audio).subspan(i, n));
    const double final_time = stream.pull(final_phones);
    guess.clear();
    const double until = stream.peek(guess);
    const double pushed = static_cast<double>(i + n) / 16000;
    EXPECT_GE(until, final_time);
    EXPECT_LE(until, pushed + 1e-9);
    double at = final_time;
    for (const auto& p : guess) {  // in order, after the final part, within the guess
      EXPECT_GE(p.start, at - 1e-9);
      EXPECT_GT(p.end, p.start);
      EXPECT_LE(p.end, until + 1e-9);
      at = p.end;
    }
    ahead_s.push_back(pushed - until);
  }
  // The guess trails the audio by the front end's few frames only, far less
  // than the final timeline does (phonesBecomeFinalSoonAfterTheyEnd).
  EXPECT_LT(median(ahead_s), 0.06);
}

// Frames once sent never change, and the guess about the newest frames flips
// often: a guessed P/B/M closed the lips where no bilabial was (live p/b/m
// precision on real speech 59.4 %, 70.8 % once only final bilabials close).
TEST(phoneticStream, theGuessNeverHoldsABilabialThatIsNotFinal) {
  int bilabials = 0;
  for (int clip = 0; clip < 3; ++clip) {
    const auto audio = clip == 0 ? goforward() : librivox(clip);
    PhoneticStream stream{SpeechSettings{}};
    std::vector<PhoneSegment> final_phones, guess;
    for (size_t i = 0; i < audio.size(); i += 320) {
      stream.push(std::span(audio).subspan(i, std::min<size_t>(320, audio.size() - i)));
      stream.pull(final_phones);
      guess.clear();
      stream.peek(guess);
      for (const auto& p : guess) EXPECT_TRUE(p.phone != "P" && p.phone != "B" && p.phone != "M") << p.phone << " at " << p.start;
    }
    stream.finish(final_phones);
    for (const auto& p : final_phones) bilabials += p.phone == "P" || p.phone == "B" || p.phone == "M";
  }
  // The check above means something only if the clips have final bilabials (3).
  EXPECT_GE(bilabials, 2) << "the final timeline still has its bilabials";
}

// A short pause inside an utterance with a faint hiss in it: the face rests.
// 180 ms of hiss after goforward's own ~110 ms of trailing quiet stays under
// utterance_pause_s (0.3 s), so the decoder runs on through it. (Measured, the
// input filtered as the product's input stage does: from +-0.0035 both the
// detector and the decoder hear the hiss, as F. With plain energy the detector
// heard it only from +-0.004, so at +-0.0035 the decoder's F was hidden; since
// the detector measures the decoders' band, it hears this hiss no later than
// they do. aBurstOfNoiseInAPauseIsNotShownAsSpeech covers a decoded phone the
// detector hides.)
TEST(phoneticStream, aPauseInsideAnUtteranceIsSilentEvenWithHissInIt) {
  const auto speech = goforward();
  std::vector<float> audio = speech;
  const double pause_start = static_cast<double>(audio.size()) / 16000;
  uint32_t seed = 12345;
  for (int i = 0; i < 2880; ++i) {  // 180 ms
    seed = seed * 1664525u + 1013904223u;
    audio.push_back(0.005f * (static_cast<float>(seed >> 8) / static_cast<float>(1u << 24) - 0.5f));
  }
  const double pause_end = static_cast<double>(audio.size()) / 16000;
  audio.insert(audio.end(), speech.begin(), speech.end());
  const auto run = stream_in_chunks(audio, 320);
  // The detector's 50 ms hangover and the speech's own tail come first.
  for (const auto& p : run.phones)
    if (p.end > pause_start + 0.08 && p.start < pause_end - 0.03) {
      EXPECT_EQ(p.phone, "SIL") << p.start << "-" << p.end;
    }
}

// Key presses or taps on the microphone in a pause: 15-35 ms noise bursts,
// 0.6 s apart, after a sentence. Before the live detector waited for an
// onset, this stream showed 5 phones (TH, P) at these bursts, and bench_live
// showed 4 of 6 such bursts after a librivox clip for 60-100 ms each.
TEST(phoneticStream, aBurstOfNoiseInAPauseIsNotShownAsSpeech) {
  std::vector<float> audio = goforward();
  const double speech_end = static_cast<double>(audio.size()) / 16000;
  uint32_t seed = 777;
  auto noise = [&seed] {
    seed = seed * 1664525u + 1013904223u;
    return static_cast<float>(seed >> 8) / static_cast<float>(1u << 24) * 2 - 1;
  };
  const std::pair<float, int> bursts[] = {{0.046f, 20}, {0.092f, 30}, {0.031f, 30}, {0.122f, 25}, {0.024f, 35}, {0.061f, 15}};
  for (const auto& [amplitude, ms] : bursts) {
    for (int i = 0; i < 9600; ++i) audio.push_back(0.0006f * noise());  // 0.6 s of a quiet room
    const int length = ms * 16;
    for (int i = 0; i < length; ++i)
      audio.push_back(amplitude * noise() * static_cast<float>(std::sin(3.14159265 * i / length)));
  }
  for (int i = 0; i < 9600; ++i) audio.push_back(0.0006f * noise());
  const auto run = stream_in_chunks(audio, 320);
  for (const auto& p : run.phones) {
    if (p.end <= speech_end + 0.3) continue;  // the sentence's own tail and the hangover
    EXPECT_EQ(p.phone, "SIL") << p.start - speech_end << "-" << p.end - speech_end << " s after the speech";
  }
}

// Mains hum (here 60 Hz, 30 dB under full scale, after the input stage's
// rumble filter took 6.5 dB off it) set the detector's noise floor while it
// measured plain energy: the quiet parts of speech fell under it and showed
// as pauses. The detector now measures the band the decoders hear.
TEST(phoneticStream, mainsHumDoesNotHideQuietSpeech) {
  double sum = 0;
  for (int clip = 0; clip < 3; ++clip) {
    auto clean = librivox(clip);
    auto hum = clean;
    for (size_t i = 0; i < hum.size(); ++i)
      hum[i] += 0.03f * static_cast<float>(std::sin(2 * 3.14159265358979 * 60 * static_cast<double>(i) / 16000));
    for (auto* audio : {&clean, &hum}) HighPassFilter{70}.process(audio->data(), audio->size());
    const double duration = static_cast<double>(clean.size()) / 16000;
    const double agreement =
        frame_agreement(stream_in_chunks(hum, 320).phones, stream_in_chunks(clean, 320).phones, duration);
    std::printf("clip %d with hum: agreement with the clean stream %.1f%%\n", clip, 100 * agreement);
    sum += agreement;
  }
  // Measured, frame agreement with the clean stream: 89.2 / 96.3 / 84.7 % with
  // plain energy, 94.9 / 98.0 / 96.4 % in the decoders' band.
  EXPECT_GT(sum / 3, 0.93);
}

// The live cepstral mean starts from the model's typical speaker; a speaker
// far from it (here a recording 18 dB too loud, clipped) was decoded with that
// mean for the whole first utterance, which is all of a short stream.
TEST(phoneticStream, theFirstUtteranceAdaptsToTheSpeaker) {
  double sum = 0;
  for (int clip = 0; clip < 3; ++clip) {
    auto audio = librivox(clip);
    for (float& x : audio) x = std::clamp(x * 7.94f, -1.0f, 1.0f);
    const double duration = static_cast<double>(audio.size()) / 16000;
    const auto run = stream_in_chunks(audio, 320);
    const auto offline = shared_analyzer().analyze(audio, "", SpeechMode::Phonetic);
    const double agreement = frame_agreement(run.phones, offline.phones, duration);
    std::printf("clipped clip %d: agreement with offline %.1f%%\n", clip, 100 * agreement);
    sum += agreement;
  }
  // Measured, frame agreement with offline phonetic on the same clipped audio:
  // 54.1 / 58.5 / 56.6 % with the mean updated at utterance ends only, 60.1 /
  // 70.2 / 60.4 % updated every 0.5 s, 76.2 / 75.6 / 72.3 % with the first
  // update 0.2 s in and the model's mean weighing as 1 s of speech, not 5.
  EXPECT_GT(sum / 3, 0.70);
}


// A stream's first utterance has no earlier speech to take a gain from. Its
// first 0.25 s of speech tell the level; when that calls for another gain the
// utterance so far is decoded again with it. One-utterance streams, frame
// agreement with offline phonetic (which normalises each utterance) on the same
// audio: the mean of librivox clips 1-3.
double first_utterance_agreement(float scale) {
  double sum = 0;
  for (int clip = 1; clip < 4; ++clip) {
    auto audio = librivox(clip);
    for (float& x : audio) x *= scale;  // no clamp: float input runs past full scale
    const double duration = static_cast<double>(audio.size()) / 16000;
    const auto run = stream_in_chunks(audio, 320);
    const auto offline = shared_analyzer().analyze(audio, "", SpeechMode::Phonetic);
    sum += frame_agreement(run.phones, offline.phones, duration);
  }
  std::printf("first utterance at x%g: agreement with offline %.1f%%\n", scale, 100 * sum / 3);
  return sum / 3;
}

TEST(phoneticStream, aQuietSpeakersFirstUtteranceIsDecodedAtAnOrdinaryLevel) {
  // 35 dB down. Measured: 52.0 % at the fixed gain, 83.0 % decoded again lifted.
  EXPECT_GT(first_utterance_agreement(0.0178f), 0.75);
}

TEST(phoneticStream, oneWildSampleDoesNotSetTheLevel) {
  // A float input can carry one sample far over full scale (a glitch, a pop):
  // the speech around it is ordinary and must be decoded at the fixed gain.
  double sum = 0;
  for (int clip = 1; clip < 4; ++clip) {
    const auto clean = librivox(clip);
    auto glitch = clean;
    glitch[8000] = 30.0f;  // 0.5 s in, inside speech
    const double duration = static_cast<double>(clean.size()) / 16000;
    sum += frame_agreement(stream_in_chunks(glitch, 320).phones, stream_in_chunks(clean, 320).phones, duration);
  }
  // Agreement with the clean stream, measured: 62.8 % when one frame's peak
  // set the level (the first utterance was decoded again at 1/50 of its gain),
  // 92.1 % with the level held over two frames (the click itself remains).
  EXPECT_GT(sum / 3, 0.85);
}

TEST(phoneticStream, aLoudSpeakersFirstUtteranceIsBroughtDown) {
  // 18 dB up, peaks far over full scale (declipped or float input).
  // Measured: 74.1 % at the fixed gain, 78.4 % decoded again lowered (80.4 %
  // with the level from single frames, which one wild sample could set).
  EXPECT_GT(first_utterance_agreement(7.94f), 0.77);
}

// A stream that hears the room before the words: librivox clips 1-3 after
// 1 s of silence, white noise 10 dB under the speech over all of it.
std::vector<float> heard_in_noise(const std::vector<float>& speech, unsigned seed) {
  std::vector<float> audio(16000, 0.0f);
  audio.insert(audio.end(), speech.begin(), speech.end());
  return with_noise(audio, 10, seed, rms(speech));
}

TEST(phoneticStream, aSteadyBackgroundHeardBeforeTheWordsIsTakenOut) {
  double sum = 0;
  for (int clip = 1; clip < 4; ++clip) {
    const auto speech = librivox(clip);
    std::vector<float> clean(16000, 0.0f);
    clean.insert(clean.end(), speech.begin(), speech.end());
    const double duration = static_cast<double>(clean.size()) / 16000;
    sum += frame_agreement(stream_in_chunks(heard_in_noise(speech, 30 + static_cast<unsigned>(clip)), 320).phones,
                           stream_in_chunks(clean, 320).phones, duration);
  }
  std::printf("noisy stream: agreement with the clean stream %.1f%%\n", 100 * sum / 3);
  // Measured: 41.5 % decoded as heard, 46.6 % with the background taken out
  // (49.8 % when the speech's level was judged on its first 200 ms, which a
  // quiet room's soft onset could fool: see liveNoiseReduction).
  EXPECT_GT(sum / 3, 0.45);
}

TEST(phoneticStream, chunkSizeDoesNotChangeANoisyStream) {
  // The cleaned audio comes in 16 ms steps whatever the chunks; pulls between
  // them see other partial results, as with the input (chunkSizeDoesNotChangeTheResult).
  const auto audio = heard_in_noise(librivox(2), 5);
  const double duration = static_cast<double>(audio.size()) / 16000;
  EXPECT_GT(frame_agreement(stream_in_chunks(audio, 160).phones, stream_in_chunks(audio, 777).phones, duration), 0.9);
}

}  // namespace
}  // namespace facecast::speech
