#include "audio/matroska_demuxer.h"

#include <utility>

#include <fmt/format.h>

#include "core/error.h"

namespace facecast::audio::detail {
using namespace matroska_id;

MatroskaDemuxer::MatroskaDemuxer(ByteReader read, std::uint64_t size) : input_(std::move(read), size) { read_header(); }

void MatroskaDemuxer::read_header() {
  const auto ebml = input_.element_at(0);
  if (!ebml || ebml->id != kEbml || ebml->unknown_size || ebml->end() > input_.size())
    matroska_corrupt("no whole EBML header", 0);
  check_matroska_doc_type(input_, *ebml);

  const auto segment = input_.element_at(ebml->end());
  if (!segment || segment->id != kSegment) matroska_corrupt("no segment after the EBML header", ebml->end());
  if (!segment->unknown_size && segment->end() > input_.size()) {
    throw Error(ErrorCode::CorruptAudio,
                fmt::format("truncated WebM/Matroska file: its segment declares {} bytes but only {} are present",
                            segment->size, input_.size() - segment->data));
  }
  segment_end_ = segment->unknown_size ? input_.size() : segment->end();

  bool have_tracks = false;
  position_ = segment->data;
  while (position_ < segment_end_) {
    const auto e = input_.element_at(position_);
    if (!e || e->id == kCluster) break;
    if (e->unknown_size || e->end() > segment_end_) matroska_corrupt("an element overruns the segment", position_);
    if (e->id == kInfo) read_info(*e);
    if (e->id == kTracks) {
      read_audio_track(input_, *e, track_);
      have_tracks = true;
    }
    position_ = e->end();
  }
  if (!have_tracks) matroska_corrupt("no track list before the first cluster", position_);
  if (track_.number == 0) throw Error(ErrorCode::UnsupportedFormat, "the WebM/Matroska file has no audio track");
}

void MatroskaDemuxer::read_info(const EbmlElement& info) {
  std::uint64_t timestamp_scale_ns = 1'000'000;
  double duration = 0;
  for_each_child(input_, info, [&](const EbmlElement& e) {
    if (e.id == kTimestampScale) timestamp_scale_ns = input_.unsigned_value(e);
    if (e.id == kDuration) duration = input_.float_value(e);
  });
  if (duration > 0 && duration < 1e15) duration_s_ = duration * static_cast<double>(timestamp_scale_ns) * 1e-9;
}

bool MatroskaDemuxer::next(MatroskaPacket& packet) {
  while (frames_.empty()) {
    if (position_ >= segment_end_) return false;
    const auto e = input_.element_at(position_);
    if (!e) return false;  // a recording cut inside an element header: what came before stands
    if (e->id == kCluster) {
      position_ = e->data;  // its children are walked like the segment's
      continue;
    }
    if (e->unknown_size) matroska_corrupt("an element of unknown size that is not a cluster", position_);
    // A file written without sizes (a live recording) may be cut inside its
    // last block; a file with a stated segment size was checked whole on opening.
    if (e->end() > input_.size()) return false;
    if (e->id == kSimpleBlock) read_block(*e, 0);
    if (e->id == kBlockGroup) {
      const auto grouped = read_block_group(input_, *e);
      if (grouped.block) read_block(*grouped.block, grouped.discard_padding_ns);
    }
    position_ = e->end();
  }
  packet = frames_.next();
  return true;
}

void MatroskaDemuxer::read_block(const EbmlElement& block, std::int64_t discard_padding_ns) {
  if (block.size > kLargestMatroskaBlock) matroska_corrupt("an over-large block", block.data);
  const auto data = input_.bytes(block.data, static_cast<std::size_t>(block.size));
  frames_.take(data, track_.number, block.data, discard_padding_ns);
}

}  // namespace facecast::audio::detail
