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
  // Replaces the tentative tail (a live best guess after the final timeline,
  // covering up to `until`); append/complete_until drop it. Same checks as append.
  void set_tentative(std::span<const PhoneSegment> phones, double until);
  // Seconds up to which the timeline is final.
  double final_until() const { return final_end_; }
  // Seconds up to which the timeline is known, final or tentative.
  double known_until() const { return end_; }
  // End of the last non-silent phone (0 if none).
  double speech_end() const { return speech_end_; }
  // Drops phones that ended before `time` (keeps one more for context).
  void forget_before(double time);
  std::span<const TimedPhone> phones() const;

  static constexpr double kOverlapTolerance = 0.010;  // aligner rounding

 private:
  void add(double start, double end, Phone phone);
  void add_checked(const PhoneSegment& seg);
  void drop_tentative();
  void commit();

  std::vector<TimedPhone> phones_;  // final phones, then the tentative tail
  double end_ = 0;
  double speech_end_ = 0;
  // The final part: phones_[0, final_count_), and what merging may change.
  std::size_t final_count_ = 0;
  double final_back_end_ = 0;
  double final_end_ = 0;
  double final_speech_end_ = 0;
};

}  // namespace facecast::animation
