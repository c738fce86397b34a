#include "engine/live_session.h"

#include <exception>

#include "animation/face_synth.h"
#include "speech/analyzer.h"

namespace facecast {

namespace {
constexpr std::size_t kReservedSamples = 16000;  // 1 s at 16 kHz: larger chunks grow it once
constexpr std::size_t kReservedPhones = 64;
}  // namespace

LiveSession::LiveSession(const Settings& settings, const audio::StreamFormat& format,
                         std::shared_ptr<speech::SharedModels> shared)
    : fps_(settings.face.fps),
      shared_(std::move(shared)),
      converter_(std::make_unique<audio::StreamConverter>(format)),
      phonetic_(std::make_unique<speech::PhoneticStream>(settings.speech, shared_.get())),
      synth_(std::make_unique<animation::FaceSynth>(settings.face)) {
  pcm_.reserve(kReservedSamples);
  phones_.reserve(kReservedPhones);
  error_.reserve(kFallbackError.size());  // so fail() can always store the fallback
}

LiveSession::~LiveSession() = default;

void LiveSession::fail(const char* where, const char* what, ErrorCode code) noexcept {
  if (!error_.empty()) return;
  error_code_ = code;
  try {
    error_ = std::string(where) + ": " + what;
  } catch (...) {
    error_.assign(kFallbackError);  // fits the capacity reserved up front: no allocation
  }
}

void LiveSession::feed(std::span<const float> pcm16k) noexcept {
  try {
    samples_in_ += pcm16k.size();
    phonetic_->push(pcm16k);
    synth_->push_audio(pcm16k);
    phones_.clear();
    const double final_until = phonetic_->pull(phones_);
    synth_->push_phones(phones_, final_until);
    // Animate from the best current guess instead of waiting for finality.
    phones_.clear();
    const double tentative_until = phonetic_->peek(phones_);
    synth_->push_tentative_phones(phones_, tentative_until);
  } catch (const std::exception& e) {
    fail("live analysis", e.what());
  }
}

void LiveSession::push(std::span<const std::byte> chunk) noexcept {
  if (failed() || finished_) return;
  try {
    pcm_.clear();
    converter_->push(chunk, pcm_);
  } catch (const Error& e) {  // the input's fault: a WebM or Ogg stream that cannot be read
    return fail("live audio", e.what(), e.code());
  } catch (const std::exception& e) {
    return fail("live audio", e.what());
  }
  if (!pcm_.empty()) feed(pcm_);
}

std::size_t LiveSession::pull(std::vector<FaceFrame>& out) noexcept {
  if (failed()) return 0;
  try {
    const std::size_t n = synth_->pull(out);
    frames_pulled_ += n;
    return n;
  } catch (const std::exception& e) {
    fail("live face synthesis", e.what());
    return 0;
  }
}

void LiveSession::finish() noexcept {
  if (failed() || finished_) return;
  finished_ = true;
  try {
    pcm_.clear();
    converter_->finish(pcm_);
    if (!pcm_.empty()) {
      samples_in_ += pcm_.size();
      phonetic_->push(pcm_);
      synth_->push_audio(pcm_);
    }
    phones_.clear();
    const double final_until = phonetic_->finish(phones_);
    synth_->push_phones(phones_, final_until);
    synth_->finish();
  } catch (const std::exception& e) {
    fail("live finish", e.what());
  }
}

void LiveSession::configure(const FaceSettings& face) { synth_->configure(face); }

}  // namespace facecast
