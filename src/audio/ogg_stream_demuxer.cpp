#include "audio/ogg_stream_demuxer.h"

#include <cstring>
#include <string_view>

#include "core/error.h"

namespace facecast::audio::detail {
namespace {

std::string_view text_of(std::span<const std::byte> bytes, std::size_t count) {
  return {reinterpret_cast<const char*>(bytes.data()), std::min(count, bytes.size())};
}

// The codec a logical stream's first packet announces, in Matroska's names
// where Matroska has one (so an error names it the way a WebM error would).
const char* codec_of(std::span<const std::byte> first_packet) {
  if (text_of(first_packet, 8) == "OpusHead") return "A_OPUS";
  if (text_of(first_packet, 7) == "\x01vorbis") return "A_VORBIS";
  if (text_of(first_packet, 5) == "\x7f" "FLAC") return "A_FLAC";
  if (text_of(first_packet, 5) == "Speex") return "Speex";
  return "";
}

void append_xiph_lace_size(std::vector<std::byte>& out, std::size_t size) {
  for (; size >= 255; size -= 255) out.push_back(std::byte{255});
  out.push_back(static_cast<std::byte>(size));
}

}  // namespace

OggStreamDemuxer::OggStreamDemuxer() { ogg_sync_init(&sync_); }

OggStreamDemuxer::~OggStreamDemuxer() {
  ogg_sync_clear(&sync_);
  if (stream_started_) ogg_stream_clear(&stream_);
}

void OggStreamDemuxer::push(std::span<const std::byte> bytes) {
  if (bytes.empty()) return;
  char* buffer = ogg_sync_buffer(&sync_, static_cast<long>(bytes.size()));
  if (buffer == nullptr) throw Error(ErrorCode::Internal, "libogg could not grow its buffer");
  std::memcpy(buffer, bytes.data(), bytes.size());
  ogg_sync_wrote(&sync_, static_cast<long>(bytes.size()));
}

std::size_t OggStreamDemuxer::unread_bytes() const {
  return static_cast<std::size_t>(sync_.fill - sync_.returned);
}

bool OggStreamDemuxer::next_page() {
  if (!checked_capture_) {
    if (sync_.fill - sync_.returned < 4) return false;
    if (std::memcmp(sync_.data + sync_.returned, "OggS", 4) != 0)
      throw Error(ErrorCode::UnsupportedFormat, "the stream is not Ogg: it does not begin with an Ogg page");
    checked_capture_ = true;
  }
  ogg_page page;
  for (;;) {
    const int found = ogg_sync_pageout(&sync_, &page);
    if (found == 0) return false;
    if (found < 0) continue;  // bytes skipped to the next page (a damaged one): libogg resynchronises
    if (!stream_started_) {
      ogg_stream_init(&stream_, ogg_page_serialno(&page));
      stream_started_ = true;
    }
    if (ogg_page_serialno(&page) != stream_.serialno) continue;  // another logical stream (video, a second track)
    ogg_stream_pagein(&stream_, &page);
    return true;
  }
}

bool OggStreamDemuxer::next(MatroskaPacket& packet) {
  ogg_packet op;
  for (;;) {
    const int got = stream_started_ ? ogg_stream_packetout(&stream_, &op) : 0;
    if (got < 0) continue;  // a gap (a page lost): carry on with what follows, as a live stream must
    if (got == 0) {
      if (!next_page()) return false;
      continue;
    }
    const auto data = std::span<const std::byte>(reinterpret_cast<const std::byte*>(op.packet),
                                                 static_cast<std::size_t>(op.bytes));
    if (track_.number == 0) {
      read_header_packet(data);
      continue;
    }
    if (skip_opus_tags_) {  // the packet after OpusHead holds its tags, not sound
      skip_opus_tags_ = false;
      if (text_of(data, 8) == "OpusTags") continue;
    }
    packet.data = data;
    packet.discard_padding_ns = 0;  // the end trim lives in the last page's granule position, unknown until then
    return true;
  }
}

void OggStreamDemuxer::read_header_packet(std::span<const std::byte> packet) {
  if (vorbis_headers_ == 0 && track_.codec_id.empty()) {
    track_.codec_id = codec_of(packet);
    if (track_.codec_id.empty()) track_.codec_id = "(unknown: first packet " + std::string(text_of(packet, 8)) + ")";
    if (track_.codec_id != "A_VORBIS") {  // Opus's set-up is its first packet; others are refused by the decoder factory
      track_.codec_private.assign(packet.begin(), packet.end());
      track_.number = 1;
      skip_opus_tags_ = track_.codec_id == "A_OPUS";
      return;
    }
  }
  // Vorbis: identification, comment and set-up headers, laced as Matroska's CodecPrivate.
  vorbis_header_sizes_.push_back(packet.size());
  vorbis_header_bytes_.insert(vorbis_header_bytes_.end(), packet.begin(), packet.end());
  if (++vorbis_headers_ < 3) return;
  track_.codec_private = {std::byte{2}};
  append_xiph_lace_size(track_.codec_private, vorbis_header_sizes_[0]);
  append_xiph_lace_size(track_.codec_private, vorbis_header_sizes_[1]);
  track_.codec_private.insert(track_.codec_private.end(), vorbis_header_bytes_.begin(), vorbis_header_bytes_.end());
  track_.number = 1;
}

}  // namespace facecast::audio::detail
