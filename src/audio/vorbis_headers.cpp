#include "audio/vorbis_headers.h"

#include <ogg/ogg.h>
#include <vorbis/codec.h>

#include <cstring>
#include <string>

#include "core/error.h"

namespace facecast::audio::detail {
namespace {

constexpr std::size_t kPageHeaderBytes = 27;  // before the segment table

// libogg and libvorbis state, released on every path out.
struct VorbisHeaderReader {
  ogg_sync_state sync{};
  ogg_stream_state stream{};
  vorbis_info info{};
  vorbis_comment comment{};
  bool stream_started = false;

  VorbisHeaderReader() {
    ogg_sync_init(&sync);
    vorbis_info_init(&info);
    vorbis_comment_init(&comment);
  }
  ~VorbisHeaderReader() {
    vorbis_comment_clear(&comment);
    vorbis_info_clear(&info);
    if (stream_started) ogg_stream_clear(&stream);
    ogg_sync_clear(&sync);
  }
  VorbisHeaderReader(const VorbisHeaderReader&) = delete;
  VorbisHeaderReader& operator=(const VorbisHeaderReader&) = delete;
};

[[noreturn]] void damaged(const std::string& what) {
  throw Error(ErrorCode::CorruptAudio, "damaged or truncated OGG header (" + what + ")");
}

}  // namespace

bool starts_ogg_vorbis(std::span<const std::byte> head) {
  if (head.size() < kPageHeaderBytes + 1 || std::memcmp(head.data(), "OggS", 4) != 0) return false;
  const std::size_t payload = kPageHeaderBytes + static_cast<std::size_t>(head[26]);
  return head.size() >= payload + 7 && std::memcmp(head.data() + payload, "\x01vorbis", 7) == 0;
}

void check_vorbis_headers(std::span<const std::byte> head, bool head_is_whole_input) {
  VorbisHeaderReader reader;
  char* buffer = ogg_sync_buffer(&reader.sync, static_cast<long>(head.size()));
  if (buffer == nullptr) return;  // out of memory: libsndfile will say so
  std::memcpy(buffer, head.data(), head.size());
  ogg_sync_wrote(&reader.sync, static_cast<long>(head.size()));

  int headers = 0;
  ogg_page page;
  while (headers < 3) {
    const int got = ogg_sync_pageout(&reader.sync, &page);
    if (got < 0) continue;  // bytes skipped to the next page (a bad checksum); the packets will tell
    if (got == 0) break;    // no more whole pages in head
    if (!reader.stream_started) {
      ogg_stream_init(&reader.stream, ogg_page_serialno(&page));
      reader.stream_started = true;
    }
    if (ogg_page_serialno(&page) != reader.stream.serialno) continue;  // another stream's page
    if (ogg_stream_pagein(&reader.stream, &page) != 0) damaged("a page does not continue the stream");
    ogg_packet packet;
    for (int out; headers < 3 && (out = ogg_stream_packetout(&reader.stream, &packet)) != 0;) {
      if (out < 0) damaged("a header page is damaged or missing");
      if (vorbis_synthesis_headerin(&reader.info, &reader.comment, &packet) != 0) {
        damaged(headers == 0 ? "bad Vorbis identification header"
                : headers == 1 ? "bad Vorbis comment header" : "bad Vorbis set-up header");
      }
      ++headers;
    }
  }
  if (headers < 3 && head_is_whole_input) damaged("the file ends before its Vorbis headers do");
}

}  // namespace facecast::audio::detail
