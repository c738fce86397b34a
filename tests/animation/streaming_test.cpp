// One implementation: streaming in small pieces gives exactly the offline frames.
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
    const auto offline = synthesize(t, pcm, settings_at(fps));
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
  for (const auto& f : frames) {
    EXPECT_EQ(f.head_rotation, (std::array<float, 3>{}));
    EXPECT_EQ(f.eye_rotation, (std::array<float, 4>{}));
  }
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
