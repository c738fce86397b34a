#include "animation/phone_track.h"

#include <cmath>
#include <string>

#include "core/error.h"

namespace facecast::animation {
namespace {

[[noreturn]] void reject(const PhoneSegment& seg, const std::string& why) {
  throw Error(ErrorCode::InvalidArgument,
              "phone '" + seg.phone + "' at " + std::to_string(seg.start) + " s: " + why);
}

}  // namespace

void PhoneTrack::append(std::span<const PhoneSegment> phones) {
  for (const PhoneSegment& seg : phones) {
    const auto phone = parse_phone(seg.phone);
    if (!phone) reject(seg, "unknown phone (expected ARPAbet or SIL)");
    if (!std::isfinite(seg.start) || !std::isfinite(seg.end) || seg.start < 0)
      reject(seg, "time is not a finite non-negative number");
    if (seg.end < seg.start) reject(seg, "ends before it starts");
    if (seg.start < end_ - kOverlapTolerance)
      reject(seg, "starts before the end of the timeline already given (" + std::to_string(end_) + " s)");
    const double start = std::max(seg.start, end_);
    if (seg.end <= start) continue;  // empty after trimming
    if (start > end_) add(end_, start, Phone::SIL);
    add(start, seg.end, *phone);
    if (*phone != Phone::SIL) speech_end_ = seg.end;
  }
}

void PhoneTrack::complete_until(double until) {
  if (until > end_) add(end_, until, Phone::SIL);
}

void PhoneTrack::add(double start, double end, Phone phone) {
  // Adjacent silences merge, so a silence's end can grow as the stream goes on.
  if (phone == Phone::SIL && !phones_.empty() && phones_.back().phone == Phone::SIL)
    phones_.back().end = end;
  else
    phones_.push_back({start, end, phone});
  end_ = end;
}

void PhoneTrack::forget_before(double time) {
  std::size_t n = 0;
  while (n + 2 < phones_.size() && phones_[n + 1].end < time) ++n;
  // Erase in batches: cheap, and never while a frame is being computed.
  if (n >= 64) phones_.erase(phones_.begin(), phones_.begin() + static_cast<std::ptrdiff_t>(n));
}

std::span<const TimedPhone> PhoneTrack::phones() const { return phones_; }

}  // namespace facecast::animation
