// The live pipeline of one stream: raw PCM, WebM or Ogg bytes in, face frames out as soon as
// the decoder's best guess covers them (FaceSynth::push_tentative_phones).
//   audio::StreamConverter -> speech::PhoneticStream -> animation::FaceSynth
// One per WebSocket stream (owns or borrows its speech decoder). Not thread-safe.
// Construction may throw (bad format, model missing); after that push, pull and
// finish never throw and our code allocates nothing per frame once its buffers
// are warm (PocketSphinx itself allocates inside each 10 ms step and each
// read of its best path; about 77 calls per 20 ms push, measured):
// a failure inside the pipeline is recorded and reported by failed()/error().
#pragma once
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "audio/decode.h"
#include "core/animation.h"
#include "core/error.h"
#include "core/settings.h"

namespace facecast {

namespace speech {
class PhoneticStream;
class SharedModels;
}  // namespace speech
namespace animation { class FaceSynth; }

class LiveSession {
 public:
  // Throws Error(InvalidArgument) for a bad format, Error(ModelUnavailable).
  // With `shared`, the speech decoder is a warm one borrowed from its pool.
  LiveSession(const Settings& settings, const audio::StreamFormat& format,
              std::shared_ptr<speech::SharedModels> shared = nullptr);
  ~LiveSession();
  LiveSession(const LiveSession&) = delete;
  LiveSession& operator=(const LiveSession&) = delete;

  // Bytes in the stream's format, any size (a chunk may split a sample, a WebM
  // element or an Ogg page). A WebM or Ogg stream that cannot be read fails the
  // session (error_code() says why).
  void push(std::span<const std::byte> chunk) noexcept;
  // Appends the frames computed since the last pull (from final phones or the
  // decoder's current guess; sent frames never change); returns how many.
  std::size_t pull(std::vector<FaceFrame>& out) noexcept;
  // End of audio: the next pull returns every remaining frame.
  void finish() noexcept;
  // New face controls and emotion for the frames still to come (e.g. a
  // `settings` message mid-stream). Throws Error(InvalidArgument) for values out
  // of range or a different fps; the stream carries on unchanged then.
  void configure(const FaceSettings& face);

  double fps() const { return fps_; }
  std::size_t frames_pulled() const { return frames_pulled_; }  // index of the next frame
  double audio_seconds() const { return static_cast<double>(samples_in_) / audio::kAnalysisRate; }
  const audio::RawInputFlaws& input_flaws() const { return converter_->flaws(); }
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }
  // Why it failed: the input's fault (CorruptAudio, UnsupportedFormat: a WebM
  // or Ogg stream that cannot be read) or ours (Internal).
  ErrorCode error_code() const { return error_code_; }

 private:
  void feed(std::span<const float> pcm16k) noexcept;
  void fail(const char* where, const char* what, ErrorCode code = ErrorCode::Internal) noexcept;

  double fps_;
  std::shared_ptr<speech::SharedModels> shared_;  // outlives phonetic_, which may borrow from it
  std::unique_ptr<audio::StreamConverter> converter_;
  std::unique_ptr<speech::PhoneticStream> phonetic_;
  std::unique_ptr<animation::FaceSynth> synth_;
  std::vector<float> pcm_;                  // reused converter output
  std::vector<PhoneSegment> phones_;        // reused phonetic output
  std::size_t samples_in_ = 0;
  std::size_t frames_pulled_ = 0;
  bool finished_ = false;
  static constexpr std::string_view kFallbackError = "live pipeline failed";
  std::string error_;
  ErrorCode error_code_ = ErrorCode::Internal;
};

}  // namespace facecast
