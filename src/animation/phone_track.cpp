#include "animation/phone_track.h"

#include <algorithm>
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
  drop_tentative();
  for (const PhoneSegment& seg : phones) add_checked(seg);
  commit();
}

void PhoneTrack::set_tentative(std::span<const PhoneSegment> phones, double until) {
  drop_tentative();
  for (const PhoneSegment& seg : phones) add_checked(seg);
  if (std::isfinite(until) && until > end_) add(end_, until, Phone::SIL);
}

void PhoneTrack::drop_tentative() {
  if (phones_.size() == final_count_ && end_ == final_end_) return;
  phones_.resize(final_count_);  // shrinks: no allocation
  if (final_count_ > 0) phones_.back().end = final_back_end_;
  end_ = final_end_;
  speech_end_ = final_speech_end_;
}

void PhoneTrack::commit() {
  final_count_ = phones_.size();
  final_back_end_ = phones_.empty() ? 0.0 : phones_.back().end;
  final_end_ = end_;
  final_speech_end_ = speech_end_;
}

void PhoneTrack::add_checked(const PhoneSegment& seg) {
  {
    const auto phone = parse_phone(seg.phone);
    if (!phone) reject(seg, "unknown phone (expected ARPAbet or SIL)");
    if (!std::isfinite(seg.start) || !std::isfinite(seg.end) || seg.start < 0)
      reject(seg, "time is not a finite non-negative number");
    if (seg.end < seg.start) reject(seg, "ends before it starts");
    if (seg.start < end_ - kOverlapTolerance)
      reject(seg, "starts before the end of the timeline already given (" + std::to_string(end_) + " s)");
    const double start = std::max(seg.start, end_);
    if (seg.end <= start) return;  // empty after trimming
    if (start > end_) add(end_, start, Phone::SIL);
    add(start, seg.end, *phone);
    if (*phone != Phone::SIL) speech_end_ = seg.end;
  }
}

void PhoneTrack::complete_until(double until) {
  drop_tentative();
  if (until > end_) add(end_, until, Phone::SIL);
  commit();
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
  n = std::min(n, final_count_ > 0 ? final_count_ - 1 : 0);  // only final phones go
  if (n >= 64) {
    phones_.erase(phones_.begin(), phones_.begin() + static_cast<std::ptrdiff_t>(n));
    final_count_ -= n;
  }
}

std::span<const TimedPhone> PhoneTrack::phones() const { return phones_; }

}  // namespace facecast::animation
