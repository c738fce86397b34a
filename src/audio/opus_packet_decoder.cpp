// Opus packets (RFC 7845's OpusHead set-up) through libopus's multistream
// decoder, which also serves the one-stream mono and stereo layout.
#include <opus/opus_multistream.h>

#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "audio/packet_decoder.h"
#include "core/error.h"

namespace facecast::audio::detail {
namespace {

constexpr int kOpusRate = 48000;            // Opus always decodes to 48 kHz here
constexpr int kLongestPacketFrames = 5760;  // 120 ms at 48 kHz, the most one packet holds
constexpr std::size_t kOpusHeadBytes = 19;

unsigned byte_at(std::span<const std::byte> b, std::size_t i) { return static_cast<unsigned>(b[i]); }

class OpusPacketDecoder final : public PacketDecoder {
 public:
  explicit OpusPacketDecoder(std::span<const std::byte> head) {
    if (head.size() < kOpusHeadBytes || std::memcmp(head.data(), "OpusHead", 8) != 0)
      throw Error(ErrorCode::CorruptAudio, "damaged Opus set-up: no OpusHead in the WebM/Matroska track");
    channels_ = static_cast<int>(byte_at(head, 9));
    pre_skip_ = byte_at(head, 10) | (byte_at(head, 11) << 8);
    const auto gain = static_cast<std::int16_t>(byte_at(head, 16) | (byte_at(head, 17) << 8));
    const unsigned family = byte_at(head, 18);
    int streams = 1;
    int coupled = channels_ - 1;
    unsigned char mapping[255] = {0, 1};
    if (family == 0) {
      if (channels_ < 1 || channels_ > 2)
        throw Error(ErrorCode::CorruptAudio, fmt::format("damaged Opus set-up: {} channels in mapping family 0", channels_));
    } else {
      if (head.size() < kOpusHeadBytes + 2 + static_cast<std::size_t>(channels_) || channels_ < 1)
        throw Error(ErrorCode::CorruptAudio, "damaged Opus set-up: its channel mapping is cut off");
      streams = static_cast<int>(byte_at(head, 19));
      coupled = static_cast<int>(byte_at(head, 20));
      for (int c = 0; c < channels_; ++c) mapping[c] = static_cast<unsigned char>(byte_at(head, 21 + static_cast<std::size_t>(c)));
    }
    int status = OPUS_OK;
    decoder_ = opus_multistream_decoder_create(kOpusRate, channels_, streams, coupled, mapping, &status);
    if (decoder_ == nullptr || status != OPUS_OK)
      throw Error(ErrorCode::UnsupportedFormat,
                  fmt::format("Opus channel layout not decodable ({} channels, mapping family {}: {})", channels_,
                              family, opus_strerror(status)));
    opus_multistream_decoder_ctl(decoder_, OPUS_SET_GAIN(gain));
  }
  ~OpusPacketDecoder() override { opus_multistream_decoder_destroy(decoder_); }
  OpusPacketDecoder(const OpusPacketDecoder&) = delete;
  OpusPacketDecoder& operator=(const OpusPacketDecoder&) = delete;

  int sample_rate() const override { return kOpusRate; }
  int channels() const override { return channels_; }
  const char* codec_name() const override { return "opus"; }
  std::size_t lead_in_frames() const override { return pre_skip_; }

  bool decode(std::span<const std::byte> packet, std::vector<float>& out) override {
    const std::size_t before = out.size();
    out.resize(before + static_cast<std::size_t>(kLongestPacketFrames * channels_));
    const int frames = opus_multistream_decode_float(decoder_, reinterpret_cast<const unsigned char*>(packet.data()),
                                                     static_cast<opus_int32>(packet.size()), out.data() + before,
                                                     kLongestPacketFrames, 0);
    if (frames < 0) {
      out.resize(before);
      error_ = fmt::format("damaged Opus packet ({})", opus_strerror(frames));
      return false;
    }
    out.resize(before + static_cast<std::size_t>(frames * channels_));
    return true;
  }

 private:
  OpusMSDecoder* decoder_ = nullptr;
  int channels_ = 1;
  std::size_t pre_skip_ = 0;
};

}  // namespace

std::unique_ptr<PacketDecoder> make_opus_decoder(std::span<const std::byte> opus_head) {
  return std::make_unique<OpusPacketDecoder>(opus_head);
}

}  // namespace facecast::audio::detail
