#include "audio/matroska_demuxer.h"

#include <numeric>
#include <utility>

#include <fmt/format.h>

#include "core/error.h"

namespace facecast::audio::detail {
namespace {

// Element IDs (Matroska specification, RFC 9559).
constexpr std::uint32_t kEbml = 0x1A45DFA3, kDocType = 0x4282;
constexpr std::uint32_t kSegment = 0x18538067, kCluster = 0x1F43B675;
constexpr std::uint32_t kInfo = 0x1549A966, kTimestampScale = 0x2AD7B1, kDuration = 0x4489;
constexpr std::uint32_t kTracks = 0x1654AE6B, kTrackEntry = 0xAE, kTrackNumber = 0xD7, kTrackType = 0x83;
constexpr std::uint32_t kCodecId = 0x86, kCodecPrivate = 0x63A2, kContentEncodings = 0x6D80;
constexpr std::uint32_t kSimpleBlock = 0xA3, kBlockGroup = 0xA0, kBlock = 0xA1, kDiscardPadding = 0x75A2;
constexpr std::uint64_t kAudioTrackType = 2;

// Far beyond any block of compressed audio (an Opus packet is at most 1275
// bytes a stream, a block laces a few dozen): a larger size is damage.
constexpr std::uint64_t kLargestBlock = 16 * 1024 * 1024;
constexpr std::uint64_t kLargestCodecPrivate = 1024 * 1024;

[[noreturn]] void corrupt(const std::string& what, std::uint64_t offset) {
  throw Error(ErrorCode::CorruptAudio, fmt::format("damaged WebM/Matroska file: {} at byte {}", what, offset));
}

// Calls f for each child of `parent`, whose data must be whole in the file.
template <typename F>
void for_each_child(EbmlInput& input, const EbmlElement& parent, F&& f) {
  std::uint64_t position = parent.data;
  while (position < parent.end()) {
    const auto child = input.element_at(position);
    if (!child || child->unknown_size || child->end() > parent.end()) corrupt("an element overruns its parent", position);
    f(*child);
    position = child->end();
  }
}

}  // namespace

MatroskaDemuxer::MatroskaDemuxer(ByteReader read, std::uint64_t size) : input_(std::move(read), size) { read_header(); }

void MatroskaDemuxer::read_header() {
  const auto ebml = input_.element_at(0);
  if (!ebml || ebml->id != kEbml || ebml->unknown_size || ebml->end() > input_.size())
    corrupt("no whole EBML header", 0);
  std::string doc_type = "matroska";  // the specification's default
  for_each_child(input_, *ebml, [&](const EbmlElement& e) {
    if (e.id == kDocType) doc_type = input_.string_value(e);
  });
  if (doc_type != "webm" && doc_type != "matroska")
    throw Error(ErrorCode::UnsupportedFormat,
                fmt::format("EBML document of type '{}' is not WebM/Matroska audio", doc_type));

  const auto segment = input_.element_at(ebml->end());
  if (!segment || segment->id != kSegment) corrupt("no segment after the EBML header", ebml->end());
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
    if (e->unknown_size || e->end() > segment_end_) corrupt("an element overruns the segment", position_);
    if (e->id == kInfo) read_info(*e);
    if (e->id == kTracks) {
      read_tracks(*e);
      have_tracks = true;
    }
    position_ = e->end();
  }
  if (!have_tracks) corrupt("no track list before the first cluster", position_);
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

void MatroskaDemuxer::read_tracks(const EbmlElement& tracks) {
  for_each_child(input_, tracks, [&](const EbmlElement& entry) {
    if (entry.id != kTrackEntry || track_.number != 0) return;
    MatroskaAudioTrack track;
    std::uint64_t type = 0;
    bool encoded = false;
    for_each_child(input_, entry, [&](const EbmlElement& e) {
      switch (e.id) {
        case kTrackNumber: track.number = input_.unsigned_value(e); break;
        case kTrackType: type = input_.unsigned_value(e); break;
        case kCodecId: track.codec_id = input_.string_value(e); break;
        case kContentEncodings: encoded = true; break;
        case kCodecPrivate: {
          if (e.size > kLargestCodecPrivate) corrupt("an over-long codec set-up", e.data);
          const auto bytes = input_.bytes(e.data, static_cast<std::size_t>(e.size));
          track.codec_private.assign(bytes.begin(), bytes.end());
          break;
        }
        default: break;
      }
    });
    if (type != kAudioTrackType) return;
    if (track.number == 0) corrupt("an audio track without a number", entry.data);
    // Compressed or encrypted frames (header stripping, zlib, encryption) need
    // a decoding step of their own that no common audio writer uses.
    if (encoded)
      throw Error(ErrorCode::UnsupportedFormat, "the WebM/Matroska audio track is compressed or encrypted (ContentEncodings)");
    track_ = std::move(track);
  });
}

bool MatroskaDemuxer::next(MatroskaPacket& packet) {
  while (next_frame_ >= frame_sizes_.size()) {
    if (position_ >= segment_end_) return false;
    const auto e = input_.element_at(position_);
    if (!e) return false;  // a recording cut inside an element header: what came before stands
    if (e->id == kCluster) {
      position_ = e->data;  // its children are walked like the segment's
      continue;
    }
    if (e->unknown_size) corrupt("an element of unknown size that is not a cluster", position_);
    // A file written without sizes (a live recording) may be cut inside its
    // last block; a file with a stated segment size was checked whole on opening.
    if (e->end() > input_.size()) return false;
    if (e->id == kSimpleBlock) read_block(*e, 0);
    if (e->id == kBlockGroup) read_block_group(*e);
    position_ = e->end();
  }
  const std::size_t size = frame_sizes_[next_frame_];
  packet.data = std::span<const std::byte>(block_).subspan(next_frame_offset_, size);
  packet.discard_padding_ns = next_frame_ + 1 == frame_sizes_.size() ? block_discard_padding_ns_ : 0;
  next_frame_offset_ += size;
  ++next_frame_;
  return true;
}

void MatroskaDemuxer::read_block_group(const EbmlElement& group) {
  std::optional<EbmlElement> block;
  std::int64_t discard_padding_ns = 0;
  for_each_child(input_, group, [&](const EbmlElement& e) {
    if (e.id == kBlock) block = e;
    if (e.id == kDiscardPadding) discard_padding_ns = static_cast<std::int64_t>(input_.unsigned_value(e));
  });
  // DiscardPadding is signed; a negative value discards nothing here.
  if (block) read_block(*block, std::max<std::int64_t>(discard_padding_ns, 0));
}

void MatroskaDemuxer::read_block(const EbmlElement& block, std::int64_t discard_padding_ns) {
  if (block.size > kLargestBlock) corrupt("an over-large block", block.data);
  const auto data = input_.bytes(block.data, static_cast<std::size_t>(block.size));
  const auto track = read_ebml_number(data);
  if (!track) corrupt("a block without a track number", block.data);
  if (track->value != track_.number) return;  // another track (video, a second language)
  std::size_t offset = track->length + 2;     // the block's 16-bit timestamp
  if (offset >= data.size()) corrupt("a cut block header", block.data);
  const auto flags = static_cast<unsigned>(data[offset++]);
  block_.assign(data.begin(), data.end());
  frame_sizes_.clear();
  next_frame_ = 0;
  block_discard_padding_ns_ = discard_padding_ns;

  const unsigned lacing = (flags >> 1) & 3u;
  if (lacing == 0) {
    frame_sizes_.push_back(data.size() - offset);
    next_frame_offset_ = offset;
    return;
  }
  if (offset >= data.size()) corrupt("a cut lacing header", block.data);
  const std::size_t count = static_cast<std::size_t>(data[offset++]) + 1;
  if (lacing == 1) {  // Xiph: each size a run of 255s and a last byte below 255
    for (std::size_t i = 0; i + 1 < count; ++i) {
      const auto size = read_xiph_lace_size(data, offset);
      if (!size) corrupt("a cut Xiph lacing header", block.data);
      frame_sizes_.push_back(*size);
    }
  } else if (lacing == 3) {  // EBML: the first size, then signed differences
    std::int64_t size = 0;
    for (std::size_t i = 0; i + 1 < count; ++i) {
      const auto number = read_ebml_number(data.subspan(offset));
      if (!number) corrupt("a cut EBML lacing header", block.data);
      offset += number->length;
      const auto bias = static_cast<std::int64_t>((std::uint64_t{1} << (7 * number->length - 1)) - 1);
      size = i == 0 ? static_cast<std::int64_t>(number->value) : size + static_cast<std::int64_t>(number->value) - bias;
      if (size < 0) corrupt("a negative laced frame size", block.data);
      frame_sizes_.push_back(static_cast<std::size_t>(size));
    }
  } else {  // fixed: equal frames
    const std::size_t rest = data.size() - offset;
    if (rest % count != 0) corrupt("fixed-size lacing that does not divide the block", block.data);
    frame_sizes_.assign(count - 1, rest / count);
  }
  const std::size_t laced = std::accumulate(frame_sizes_.begin(), frame_sizes_.end(), std::size_t{0});
  if (offset > data.size() || laced > data.size() - offset) corrupt("laced frames larger than their block", block.data);
  frame_sizes_.push_back(data.size() - offset - laced);
  next_frame_offset_ = offset;
}

}  // namespace facecast::audio::detail
