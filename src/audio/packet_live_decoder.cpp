// Live WebM or Ogg (a browser's MediaRecorder) to 16 kHz mono: the stream
// demuxer hands out each packet once it has arrived whole, the codec decodes
// it, and the file path's mixer and resampler take it from there. The codec,
// rate and channels are known only once the codec's set-up has arrived, so
// those stages are made then, once per stream.
#include <optional>

#include "audio/channel_mixer.h"
#include "audio/live_decoder.h"
#include "audio/packet_decoder.h"
#include "audio/resampler.h"
#include "audio/ogg_stream_demuxer.h"
#include "audio/webm_stream_demuxer.h"
#include "core/error.h"

namespace facecast::audio::detail {
namespace {

constexpr std::size_t kReservedFrames = 5760;  // 120 ms at 48 kHz, the longest Opus packet

// Demuxer: push(bytes), next(packet), track(), unread_bytes() (webm_stream_demuxer.h, ogg_stream_demuxer.h).
template <typename Demuxer>
class PacketLiveDecoder final : public LiveDecoder {
 public:
  explicit PacketLiveDecoder(const char* container) : container_(container) {}

  void push(std::span<const std::byte> chunk, std::vector<float>& out) override {
    demuxer_->push(chunk);
    MatroskaPacket packet;
    while (demuxer_->next(packet)) decode(packet, out);
  }

  void finish(std::vector<float>& out) override {
    flaws_.partial_frame_bytes += demuxer_->unread_bytes();  // a block cut short by the stream's end
    if (resampler_) {
      resampler_->finish(out);
      resampler_->reset();
    }
    demuxer_.emplace();  // ready for a new stream
    decoder_.reset();
  }

 private:
  void decode(const MatroskaPacket& packet, std::vector<float>& out) {
    if (!decoder_) start();
    std::size_t lead_in = 0;
    if (!decode_trimmed(*decoder_, packet.data, packet.discard_padding_ns, lead_in_left_, decoded_, lead_in))
      throw Error(ErrorCode::CorruptAudio, std::string("damaged ") + container_ + " stream: " + decoder_->error());
    const std::size_t channels = static_cast<std::size_t>(decoder_->channels());
    const std::size_t frames = (decoded_.size() - lead_in) / channels;
    if (frames == 0) return;
    mono_.resize(frames);
    mixer_->mix(decoded_.data() + lead_in, frames, mono_.data());
    resampler_->push(mono_.data(), frames, out);
  }

  void start() {
    decoder_ = make_track_decoder(demuxer_->track(), container_);
    lead_in_left_ = decoder_->lead_in_frames();
    if (!mixer_ || mixer_channels_ != decoder_->channels()) mixer_.emplace(decoder_->channels());
    if (!resampler_ || resampler_rate_ != decoder_->sample_rate()) resampler_.emplace(decoder_->sample_rate());
    mixer_channels_ = decoder_->channels();
    resampler_rate_ = decoder_->sample_rate();
    decoded_.reserve(kReservedFrames * static_cast<std::size_t>(mixer_channels_));
    mono_.reserve(kReservedFrames);
  }

  const char* container_;  // "WebM", "Ogg": for messages
  std::optional<Demuxer> demuxer_{std::in_place};
  std::unique_ptr<PacketDecoder> decoder_;  // made from the track list
  std::size_t lead_in_left_ = 0;
  std::optional<ChannelMixer> mixer_;
  std::optional<MonoResampler> resampler_;
  int mixer_channels_ = 0;
  int resampler_rate_ = 0;
  std::vector<float> decoded_;  // one packet, interleaved
  std::vector<float> mono_;
};

}  // namespace

std::unique_ptr<LiveDecoder> make_webm_live_decoder() {
  return std::make_unique<PacketLiveDecoder<WebmStreamDemuxer>>("WebM");
}

std::unique_ptr<LiveDecoder> make_ogg_live_decoder() {
  return std::make_unique<PacketLiveDecoder<OggStreamDemuxer>>("Ogg");
}

}  // namespace facecast::audio::detail
