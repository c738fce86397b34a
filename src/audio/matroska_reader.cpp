#include "audio/matroska_reader.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

#include <fmt/format.h>

#include "audio/container_sniff.h"
#include "core/error.h"

namespace facecast::audio::detail {

MatroskaReader::MatroskaReader(ByteReader read, std::uint64_t size) : demuxer_(std::move(read), size) {
  const auto& track = demuxer_.track();
  if (track.codec_id == "A_OPUS") {
    decoder_ = make_opus_decoder(track.codec_private);
    codec_name_ = "opus";
  } else if (track.codec_id == "A_VORBIS") {
    decoder_ = make_vorbis_decoder(track.codec_private);
    codec_name_ = "vorbis";
  } else {
    throw Error(ErrorCode::UnsupportedFormat,
                fmt::format("WebM/Matroska audio in the codec {} is not supported (Opus and Vorbis are); send {}",
                            track.codec_id.empty() ? "(none named)" : track.codec_id, kAcceptedFormats));
  }
  lead_in_left_ = decoder_->lead_in_frames();
}

long long MatroskaReader::stated_frames() const {
  return std::llround(demuxer_.stated_duration() * sample_rate());
}

long long MatroskaReader::read(float* out, long long frames) {
  const auto channels = static_cast<std::size_t>(this->channels());
  long long written = 0;
  while (written < frames) {
    if (decoded_used_ == decoded_.size() && !decode_next_packet()) {
      if (!error_.empty() && written == 0) return -1;
      break;
    }
    const std::size_t available = (decoded_.size() - decoded_used_) / channels;
    const std::size_t take = std::min<std::size_t>(available, static_cast<std::size_t>(frames - written));
    std::memcpy(out + static_cast<std::size_t>(written) * channels, decoded_.data() + decoded_used_,
                take * channels * sizeof(float));
    decoded_used_ += take * channels;
    written += static_cast<long long>(take);
  }
  return written;
}

bool MatroskaReader::decode_next_packet() {
  decoded_.clear();
  decoded_used_ = 0;
  if (!error_.empty()) return false;
  const auto channels = static_cast<std::size_t>(this->channels());
  MatroskaPacket packet;
  while (decoded_.empty()) {
    if (!demuxer_.next(packet)) return false;
    if (!decoder_->decode(packet.data, decoded_)) {
      error_ = decoder_->error();
      return false;
    }
    // The encoder's padding after the last sample (the final packet's DiscardPadding).
    if (packet.discard_padding_ns > 0) {
      const auto padding = static_cast<std::size_t>(
          std::llround(static_cast<double>(packet.discard_padding_ns) * 1e-9 * sample_rate()));
      decoded_.resize(decoded_.size() - std::min(decoded_.size(), padding * channels));
    }
    // The encoder's lead-in before the first sample (Opus pre-skip).
    const std::size_t skip = std::min(lead_in_left_, decoded_.size() / channels);
    lead_in_left_ -= skip;
    decoded_used_ = skip * channels;
    if (decoded_used_ == decoded_.size()) {
      decoded_.clear();
      decoded_used_ = 0;
    }
  }
  return true;
}

}  // namespace facecast::audio::detail
