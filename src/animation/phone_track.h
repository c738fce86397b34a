// The phone timeline as the synth sees it: validated, gap-free (gaps become
// silence), growing at the end as phones are pushed and forgetting the past.
#pragma once
#include <span>
#include <vector>

#include "animation/phones.h"
#include "core/timeline.h"

namespace facecast::animation {

struct TimedPhone {
  double start = 0;  // seconds
  double end = 0;    // exclusive
  Phone phone = Phone::SIL;
};

class PhoneTrack {
 public:
  // Appends phones in time order; any gap before one becomes silence. Throws
  // Error(InvalidArgument) naming the phone for unknown phones, NaN or negative
  // times, end < start, or a phone that starts before the already-final
  // timeline (more than kOverlapTolerance; smaller overlaps are trimmed).
  void append(std::span<const PhoneSegment> phones);
  // Everything before `until` is known: silence fills up to it.
  void complete_until(double until);
  // Seconds up to which the timeline is final.
  double final_until() const { return end_; }
  // End of the last non-silent phone (0 if none).
  double speech_end() const { return speech_end_; }
  // Drops phones that ended before `time` (keeps one more for context).
  void forget_before(double time);
  std::span<const TimedPhone> phones() const;

  static constexpr double kOverlapTolerance = 0.010;  // aligner rounding

 private:
  void add(double start, double end, Phone phone);

  std::vector<TimedPhone> phones_;
  double end_ = 0;
  double speech_end_ = 0;
};

}  // namespace facecast::animation
