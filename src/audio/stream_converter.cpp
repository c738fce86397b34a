// StreamConverter: one LiveDecoder per kind of live input.
#include "audio/container_sniff.h"
#include "audio/decode.h"
#include "audio/live_decoder.h"

namespace facecast::audio {

namespace {

std::unique_ptr<detail::LiveDecoder> make_live_decoder(const StreamFormat& format) {
  switch (format.container) {
    case StreamContainer::WebM: return detail::make_webm_live_decoder();
    case StreamContainer::Ogg: return detail::make_ogg_live_decoder();
    case StreamContainer::None: break;
  }
  return detail::make_pcm_live_decoder(format.raw);
}

}  // namespace

StreamConverter::StreamConverter(const StreamFormat& format) : decoder_(make_live_decoder(format)) {}

StreamConverter::~StreamConverter() = default;

void StreamConverter::push(std::span<const std::byte> chunk, std::vector<float>& out) { decoder_->push(chunk, out); }

void StreamConverter::finish(std::vector<float>& out) { decoder_->finish(out); }

const RawInputFlaws& StreamConverter::flaws() const { return decoder_->flaws(); }

std::string_view encoding_name(const StreamFormat& format) {
  switch (format.container) {
    case StreamContainer::WebM: return "webm";
    case StreamContainer::Ogg: return "ogg";
    case StreamContainer::None: break;
  }
  return encoding_name(format.raw.encoding);
}

bool set_stream_encoding(StreamFormat& format, std::string_view name) {
  if (const auto pcm = parse_encoding(name)) {
    format.container = StreamContainer::None;
    format.raw.encoding = *pcm;
    return true;
  }
  std::string_view mime = name.substr(0, name.find(';'));  // "audio/webm;codecs=opus"
  while (!mime.empty() && mime.back() == ' ') mime.remove_suffix(1);
  if (name == "webm" || mime == "audio/webm" || mime == "video/webm") format.container = StreamContainer::WebM;
  else if (name == "ogg" || mime == "audio/ogg" || mime == "application/ogg") format.container = StreamContainer::Ogg;
  else return false;
  return true;
}

StreamContainer sniff_stream_container(std::span<const std::byte> head) {
  switch (detail::sniff_container(head)) {
    case detail::Container::Matroska: return StreamContainer::WebM;
    case detail::Container::Ogg: return StreamContainer::Ogg;
    default: return StreamContainer::None;
  }
}

}  // namespace facecast::audio
