// Vorbis packets through libvorbis, set up from the three headers Matroska
// keeps Xiph-laced in the track's CodecPrivate.
#include <ogg/ogg.h>
#include <vorbis/codec.h>

#include <array>
#include <string>

#include "audio/ebml.h"
#include "audio/packet_decoder.h"
#include "core/error.h"

namespace facecast::audio::detail {
namespace {

[[noreturn]] void damaged(const std::string& what) {
  throw Error(ErrorCode::CorruptAudio, "damaged Vorbis set-up in the WebM/Matroska track (" + what + ")");
}

// The identification, comment and set-up headers, laced as Matroska stores them.
std::array<std::span<const std::byte>, 3> split_headers(std::span<const std::byte> laced) {
  if (laced.empty() || static_cast<unsigned>(laced[0]) != 2) damaged("not three headers");
  std::size_t offset = 1;
  std::array<std::size_t, 2> sizes{};
  for (auto& size : sizes) {
    const auto laced_size = read_xiph_lace_size(laced, offset);
    if (!laced_size) damaged("cut off");
    size = *laced_size;
  }
  if (sizes[0] + sizes[1] > laced.size() - offset) damaged("cut off");
  return {laced.subspan(offset, sizes[0]), laced.subspan(offset + sizes[0], sizes[1]),
          laced.subspan(offset + sizes[0] + sizes[1])};
}

ogg_packet as_packet(std::span<const std::byte> bytes, long number) {
  ogg_packet packet{};
  packet.packet = const_cast<unsigned char*>(reinterpret_cast<const unsigned char*>(bytes.data()));  // libvorbis reads only
  packet.bytes = static_cast<long>(bytes.size());
  packet.b_o_s = number == 0;
  packet.granulepos = -1;
  packet.packetno = number;
  return packet;
}

class VorbisPacketDecoder final : public PacketDecoder {
 public:
  explicit VorbisPacketDecoder(std::span<const std::byte> laced) {
    vorbis_info_init(&info_);
    vorbis_comment_init(&comment_);
    try {
      const auto headers = split_headers(laced);
      for (long i = 0; i < 3; ++i) {
        ogg_packet packet = as_packet(headers[static_cast<std::size_t>(i)], i);
        if (vorbis_synthesis_headerin(&info_, &comment_, &packet) != 0)
          damaged(i == 0 ? "bad identification header" : i == 1 ? "bad comment header" : "bad set-up header");
      }
      if (vorbis_synthesis_init(&dsp_, &info_) != 0) damaged("libvorbis refused its headers");
    } catch (...) {
      vorbis_comment_clear(&comment_);
      vorbis_info_clear(&info_);
      throw;
    }
    vorbis_block_init(&dsp_, &block_);
  }
  ~VorbisPacketDecoder() override {
    vorbis_block_clear(&block_);
    vorbis_dsp_clear(&dsp_);
    vorbis_comment_clear(&comment_);
    vorbis_info_clear(&info_);
  }
  VorbisPacketDecoder(const VorbisPacketDecoder&) = delete;
  VorbisPacketDecoder& operator=(const VorbisPacketDecoder&) = delete;

  int sample_rate() const override { return static_cast<int>(info_.rate); }
  int channels() const override { return info_.channels; }
  const char* codec_name() const override { return "vorbis"; }

  bool decode(std::span<const std::byte> bytes, std::vector<float>& out) override {
    ogg_packet packet = as_packet(bytes, 3 + packets_++);
    if (vorbis_synthesis(&block_, &packet) != 0 || vorbis_synthesis_blockin(&dsp_, &block_) != 0) {
      error_ = "damaged Vorbis packet";
      return false;
    }
    float** planes = nullptr;
    for (int frames; (frames = vorbis_synthesis_pcmout(&dsp_, &planes)) > 0;) {
      for (int f = 0; f < frames; ++f)
        for (int c = 0; c < info_.channels; ++c) out.push_back(planes[c][f]);
      vorbis_synthesis_read(&dsp_, frames);
    }
    return true;
  }

 private:
  vorbis_info info_{};
  vorbis_comment comment_{};
  vorbis_dsp_state dsp_{};
  vorbis_block block_{};
  long packets_ = 0;
};

}  // namespace

std::unique_ptr<PacketDecoder> make_vorbis_decoder(std::span<const std::byte> xiph_laced_headers) {
  return std::make_unique<VorbisPacketDecoder>(xiph_laced_headers);
}

}  // namespace facecast::audio::detail
