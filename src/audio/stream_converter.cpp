// StreamConverter: one LiveDecoder per kind of live input.
#include "audio/decode.h"
#include "audio/live_decoder.h"

namespace facecast::audio {

StreamConverter::StreamConverter(const StreamFormat& format)
    : decoder_(format.webm ? detail::make_webm_live_decoder() : detail::make_pcm_live_decoder(format.raw)) {}

StreamConverter::~StreamConverter() = default;

void StreamConverter::push(std::span<const std::byte> chunk, std::vector<float>& out) { decoder_->push(chunk, out); }

void StreamConverter::finish(std::vector<float>& out) { decoder_->finish(out); }

const RawInputFlaws& StreamConverter::flaws() const { return decoder_->flaws(); }

std::string_view encoding_name(const StreamFormat& format) {
  return format.webm ? "webm" : encoding_name(format.raw.encoding);
}

bool set_stream_encoding(StreamFormat& format, std::string_view name) {
  if (const auto pcm = parse_encoding(name)) {
    format.webm = false;
    format.raw.encoding = *pcm;
    return true;
  }
  const std::string_view mime = name.substr(0, name.find(';'));  // "audio/webm;codecs=opus"
  if (name == "webm" || mime == "audio/webm" || mime == "video/webm") {
    format.webm = true;
    return true;
  }
  return false;
}

}  // namespace facecast::audio
