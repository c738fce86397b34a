#include "audio/matroska_reader.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>


namespace facecast::audio::detail {

MatroskaReader::MatroskaReader(ByteReader read, std::uint64_t size)
    : demuxer_(std::move(read), size), decoder_(make_track_decoder(demuxer_.track(), "WebM/Matroska")) {
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
  MatroskaPacket packet;
  while (decoded_used_ == decoded_.size()) {
    if (!demuxer_.next(packet)) return false;
    if (!decode_trimmed(*decoder_, packet.data, packet.discard_padding_ns, lead_in_left_, decoded_, decoded_used_)) {
      error_ = decoder_->error();
      return false;
    }
  }
  return true;
}

}  // namespace facecast::audio::detail
