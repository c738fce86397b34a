// Keeps phones out of pauses. Allphone decoding labels breaths, clicks and
// the tail of a release inside a pause as phones, so the mouth would move
// in silence; frames in a long quiet run (no speech by the voice-activity
// detector, whose hangover already keeps weak onsets and releases) are cut
// from the phones, and the timeline fills them with SIL.
#pragma once
#include <optional>
#include <utility>
#include <vector>

namespace facecast::speech {

class QuietGate {
 public:
  // voiced: per 10 ms frame of the whole input (FrameActivity::voiced).
  QuietGate(const std::vector<bool>& voiced, int min_quiet_frames);

  // Frames [first, last] (inclusive, of the whole input) without the quiet
  // frames at either end; nothing when the phone lies wholly in a pause.
  std::optional<std::pair<long, long>> trim(long first, long last) const;

 private:
  bool quiet(long frame) const;
  std::vector<bool> quiet_;  // frames in a quiet run of at least min_quiet_frames
};

}  // namespace facecast::speech
