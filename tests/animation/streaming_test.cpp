// One implementation: streaming in small pieces gives exactly the offline
// frames (those of an offline run that does not preview the audio's loudness).
#include <gtest/gtest.h>

#include <cstring>
#include <limits>

#include "animation/face_synth.h"
#include "animation/metrics.h"
#include "core/error.h"
#include "synthetic_speech.h"

using namespace facecast;
using namespace facecast::animation;
using namespace facecast::testing;

namespace {

bool same(const FaceFrame& a, const FaceFrame& b) {
  return a.blendshapes == b.blendshapes && a.visemes == b.visemes && a.head_rotation == b.head_rotation &&
         a.eye_rotation == b.eye_rotation;
}

// Streams audio in `chunk`-sample pieces; phones are pushed once they have
// ended, with the timeline final up to `phone_delay` seconds behind the audio.
std::vector<FaceFrame> stream(const SpeechTimeline& t, const std::vector<float>& pcm, const FaceSettings& s,
                              std::size_t chunk, double phone_delay, std::vector<std::size_t>* pulls = nullptr) {
  FaceSynth synth(s);
  std::vector<FaceFrame> out;
  std::size_t next_phone = 0;
  for (std::size_t at = 0; at < pcm.size(); at += chunk) {
    const std::size_t n = std::min(chunk, pcm.size() - at);
    synth.push_audio(std::span(pcm).subspan(at, n));
    const double final_until = static_cast<double>(at + n) / 16000.0 - phone_delay;
    std::vector<PhoneSegment> ready;
    while (next_phone < t.phones.size() && t.phones[next_phone].end <= final_until) ready.push_back(t.phones[next_phone++]);
    if (!ready.empty()) synth.push_phones(ready, ready.back().end);
    const std::size_t got = synth.pull(out);
    if (pulls) pulls->push_back(got);
  }
  std::vector<PhoneSegment> rest(t.phones.begin() + static_cast<std::ptrdiff_t>(next_phone), t.phones.end());
  synth.push_phones(rest, timeline_end(t));
  synth.finish();
  synth.pull(out);
  return out;
}

}  // namespace

TEST(faceSynth, streamingInSmallPiecesEqualsOfflineExactly) {
  const auto t = random_speech(11, 50);
  const auto pcm = sine_speech(t);
  for (int fps : {30, 100}) {
    const auto offline = synthesize_as_heard(t, pcm, settings_at(fps));
    for (std::size_t chunk : {160u, 333u, 4096u}) {
      std::vector<std::size_t> pulls;
      const auto live = stream(t, pcm, settings_at(fps), chunk, 0.05, &pulls);
      ASSERT_EQ(live.size(), offline.size()) << "chunk " << chunk;
      for (std::size_t i = 0; i < live.size(); ++i) ASSERT_TRUE(same(live[i], offline[i])) << "frame " << i;
      std::size_t during = 0;
      for (std::size_t p : pulls) during += p;
      EXPECT_GT(during, live.size() * 9 / 10) << "frames should flow while streaming";
    }
  }
}

TEST(faceSynth, emitsFramesOnlyOnceTheyAreFinal) {
  // Phones final to 1.0 s: frames up to 1.0 - kLookaheadSeconds, no further.
  const auto t = timeline({{"SIL", 0.3}, {"AA", 0.3}, {"M", 0.1}, {"AA", 0.3}, {"SIL", 0.5}});
  const auto pcm = sine_speech(t);
  FaceSynth synth(settings_at(100));
  synth.push_audio(pcm);
  std::vector<PhoneSegment> first(t.phones.begin(), t.phones.begin() + 3);  // up to 0.7 s
  synth.push_phones(first, 1.0);
  std::vector<FaceFrame> out;
  synth.pull(out);
  EXPECT_EQ(out.size(), static_cast<std::size_t>((1.0 - kLookaheadSeconds) * 100) + 1);
}

// The truth cut off `until`: what a live decoder's guess looks like at best.
std::vector<PhoneSegment> phones_between(const SpeechTimeline& t, double from, double until) {
  std::vector<PhoneSegment> out;
  for (const auto& p : t.phones)
    if (p.end > from && p.start < until) out.push_back({p.phone, std::max(p.start, from), std::min(p.end, until)});
  return out;
}

TEST(faceSynth, tentativePhonesLetFramesOutEarlyAndARightGuessEqualsOffline) {
  const auto t = random_speech(12, 40);
  const auto pcm = sine_speech(t);
  const auto offline = synthesize_as_heard(t, pcm, settings_at(30));
  FaceSynth synth(settings_at(30));
  std::vector<FaceFrame> out;
  std::size_t next_phone = 0;
  double final_until = 0, worst_delay = 0;
  for (std::size_t at = 0; at < pcm.size(); at += 320) {  // 20 ms chunks
    const std::size_t n = std::min<std::size_t>(320, pcm.size() - at);
    synth.push_audio(std::span(pcm).subspan(at, n));
    const double audio_s = static_cast<double>(at + n) / 16000.0;
    std::vector<PhoneSegment> ready;  // final only 0.3 s late
    while (next_phone < t.phones.size() && t.phones[next_phone].end <= audio_s - 0.3) ready.push_back(t.phones[next_phone++]);
    if (!ready.empty()) final_until = ready.back().end;
    synth.push_phones(ready, final_until);
    const double guess_until = audio_s - 0.01;
    synth.push_tentative_phones(phones_between(t, final_until, guess_until), guess_until);
    const std::size_t before = out.size();
    synth.pull(out);
    for (std::size_t i = before; i < out.size(); ++i) worst_delay = std::max(worst_delay, audio_s - i / 30.0);
  }
  synth.push_phones(phones_between(t, final_until, timeline_end(t)), timeline_end(t));
  synth.finish();
  synth.pull(out);
  ASSERT_EQ(out.size(), offline.size());
  for (std::size_t i = 0; i < out.size(); ++i) ASSERT_TRUE(same(out[i], offline[i])) << "frame " << i;
  // Look-ahead + guess lag + one chunk, far below the 0.3 s finality lag.
  EXPECT_LE(worst_delay, kLookaheadSeconds + 0.01 + 0.02 + 1.0 / 30 + 1e-9);
}

TEST(faceSynth, aRevisedGuessChangesOnlyLaterFrames) {
  const auto t = timeline({{"SIL", 0.3}, {"AA", 0.3}, {"M", 0.1}, {"UW", 0.3}, {"SIL", 1.0}});
  const auto pcm = sine_speech(t);
  const auto offline = synthesize(t, pcm, settings_at(100));
  FaceSynth synth(settings_at(100));
  synth.push_audio(pcm);
  synth.push_phones(phones_between(t, 0, 0.3), 0.3);
  // Wrong guess: AA goes on to 1.0 s. Frames up to 0.96 s come from it.
  const std::vector<PhoneSegment> wrong{{"AA", 0.3, 1.0}};
  synth.push_tentative_phones(wrong, 1.0);
  std::vector<FaceFrame> out;
  synth.pull(out);
  ASSERT_EQ(out.size(), 97u);
  const std::vector<FaceFrame> sent = out;
  EXPECT_FALSE(lips_closed(out[frame_at(0.65, 100)])) << "the guess had no M";
  // The decoder revises: the truth is final now. Sent frames stay as they were.
  synth.push_phones(phones_between(t, 0.3, timeline_end(t)), timeline_end(t));
  synth.finish();
  synth.pull(out);
  ASSERT_EQ(out.size(), offline.size());
  for (std::size_t i = 0; i < sent.size(); ++i) ASSERT_TRUE(same(out[i], sent[i]));
  // Once the limited articulators have caught up, later frames follow the revision.
  for (std::size_t i = frame_at(1.3, 100); i < out.size(); ++i)
    for (std::size_t k = 0; k < out[i].blendshapes.size(); ++k)
      ASSERT_NEAR(out[i].blendshapes[k], offline[i].blendshapes[k], 1e-5) << "frame " << i;
}

// Live: the guess said AA (to guess_until) where the decoder then settled on
// an M at 0.62-0.65 s. Returns every frame; sent: how many went out from the guess.
namespace {
std::vector<FaceFrame> guessed_aa_then_m(double guess_until, std::size_t& sent) {
  const auto t = timeline({{"SIL", 0.3}, {"AA", 0.32}, {"M", 0.03}, {"UW", 0.3}, {"SIL", 1.0}});
  FaceSynth synth(settings_at(30));
  synth.push_audio(sine_speech(t));
  synth.push_phones(phones_between(t, 0, 0.3), 0.3);
  const std::vector<PhoneSegment> guess{{"AA", 0.3, guess_until}};
  synth.push_tentative_phones(guess, guess_until);
  std::vector<FaceFrame> out;
  sent = synth.pull(out);
  synth.push_phones(phones_between(t, 0.3, 0.96), 0.96);
  synth.pull(out);
  return out;
}
}  // namespace

// Frames 0..19 (to 0.633 s) went out from the guess; the next frame would show
// the M's release half done.
TEST(faceSynth, aBilabialFinalAfterItsFramesWentOutClosesTheLipsOnTheNextFrame) {
  std::size_t sent = 0;
  const auto out = guessed_aa_then_m(0.68, sent);
  ASSERT_EQ(sent, 20u);
  ASSERT_GT(out.size(), 21u);
  for (std::size_t i = 12; i < sent; ++i) ASSERT_FALSE(lips_closed(out[i])) << "frame " << i << " (the AA)";
  EXPECT_TRUE(lips_closed(out[20])) << "frame 20 (0.667 s) is 17 ms past the M";
  EXPECT_FALSE(lips_closed(out[21]));
}

TEST(faceSynth, aBilabialFinalTooLateForTheNextFrameIsNotShown) {
  std::size_t sent = 0;
  const auto out = guessed_aa_then_m(0.75, sent);
  ASSERT_EQ(sent, 22u);  // to 0.7 s; the next frame is 83 ms past the M's end
  for (std::size_t i = 12; i < frame_at(0.9, 30); ++i) ASSERT_FALSE(lips_closed(out[i])) << "frame " << i;
}

TEST(faceSynth, aRevisedGuessWithFewerPhonesStillShowsThePhoneSpoken) {
  // A guess of many short phones, frames pulled from it, then a revision that
  // merges them into one long AA: the frames after must show the AA (the synth
  // kept its place in the phone list by index, and past the shorter tail it
  // found no phone: jaw shut, viseme sil, until the guess was final).
  const auto t = timeline({{"SIL", 0.3}, {"AA", 1.5}, {"SIL", 1.0}});
  const auto pcm = sine_speech(t);
  std::vector<PhoneSegment> many;
  for (int i = 0; i < 20; ++i) many.push_back({i % 2 ? "IY" : "T", 0.3 + 0.03 * i, 0.33 + 0.03 * i});
  std::vector<PhoneSegment> revised{{"AA", 0.3, 1.8}};
  for (int i = 0; i < 10; ++i) revised.push_back({i % 2 ? "IY" : "T", 1.8 + 0.03 * i, 1.83 + 0.03 * i});

  FaceSynth guessed(settings_at(30));
  FaceSynth direct(settings_at(30));
  std::vector<FaceFrame> a, b;
  for (FaceSynth* synth : {&guessed, &direct}) {
    synth->push_audio(pcm);
    synth->push_phones(phones_between(t, 0, 0.3), 0.3);
  }
  guessed.push_tentative_phones(many, 0.9);
  guessed.pull(a);
  ASSERT_GT(a.size(), 20u);
  guessed.push_tentative_phones(revised, 2.1);
  direct.push_tentative_phones(revised, 2.1);
  guessed.pull(a);
  direct.pull(b);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = frame_at(1.2, 30); i < frame_at(1.7, 30); ++i) {
    EXPECT_NEAR(a[i].blendshapes[jawOpen], b[i].blendshapes[jawOpen], 1e-3) << "frame " << i;
    EXPECT_GT(a[i].visemes[aa], 0.9f) << "frame " << i;
  }
}

TEST(faceSynth, rejectsUnknownTentativePhonesByName) {
  FaceSynth synth(settings_at(30));
  const std::vector<PhoneSegment> bad{{"QQ", 0.0, 0.1}};
  try {
    synth.push_tentative_phones(bad, 0.1);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("QQ"), std::string::npos);
  }
}

TEST(faceSynth, isDeterministic) {
  const auto t = random_speech(5, 40);
  const auto pcm = sine_speech(t);
  const auto a = synthesize(t, pcm, settings_at(60));
  const auto b = synthesize(t, pcm, settings_at(60));
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) ASSERT_TRUE(same(a[i], b[i]));
}

TEST(faceSynth, makesOneFramePerStepUpToTheAudioEnd) {
  const auto t = timeline({{"SIL", 0.2}, {"AA", 0.2}, {"SIL", 2.08}});
  const auto frames = synthesize(t, sine_speech(t), settings_at(30));
  EXPECT_EQ(frames.size(), 75u);  // 2.48 s at 30 fps
}

TEST(faceSynth, silenceOnlyGivesARestingFace) {
  const std::vector<float> pcm(16000 * 2, 0.0f);  // 2 s of digital silence, no phones
  const auto frames = synthesize(SpeechTimeline{}, pcm, settings_at(30));
  ASSERT_EQ(frames.size(), 60u);
  for (const auto& f : frames) {
    EXPECT_TRUE(mouth_at_rest(f));
    EXPECT_EQ(f.visemes[sil], 1.0f);
  }
}

TEST(faceSynth, survivesNonFiniteSamples) {
  const auto t = timeline({{"SIL", 0.2}, {"AA", 0.2}, {"SIL", 0.2}});
  auto pcm = sine_speech(t);
  pcm[4000] = std::numeric_limits<float>::quiet_NaN();
  pcm[4100] = std::numeric_limits<float>::infinity();
  for (const auto& f : synthesize(t, pcm, settings_at(30)))
    for (float w : f.blendshapes) ASSERT_TRUE(w >= 0 && w <= 1);
}

TEST(faceSynth, rejectsUnknownPhonesByName) {
  FaceSynth synth(FaceSettings{});
  const std::vector<PhoneSegment> bad{{"QQ", 0.0, 0.1}};
  try {
    synth.push_phones(bad, 0.1);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("QQ"), std::string::npos);
  }
}

TEST(faceSynth, rejectsPhonesOutOfOrder) {
  FaceSynth synth(FaceSettings{});
  const std::vector<PhoneSegment> bad{{"AA", 0.5, 0.6}, {"T", 0.2, 0.3}};
  EXPECT_THROW(synth.push_phones(bad, 0.6), Error);
  const std::vector<PhoneSegment> backwards{{"AA", 0.5, 0.4}};
  FaceSynth other(FaceSettings{});
  EXPECT_THROW(other.push_phones(backwards, 0.6), Error);
}

TEST(faceSynth, rejectsSettingsOutOfRange) {
  FaceSettings s;
  s.fps = 10;
  EXPECT_THROW(FaceSynth{s}, Error);
  s = FaceSettings{};
  s.smoothing = -1;
  EXPECT_THROW(FaceSynth{s}, Error);
}
