#include "engine/engine.h"

#include <chrono>

#include "animation/face_synth.h"
#include "core/error.h"
#include "engine/frame_count.h"
#include "speech/analyzer.h"
#include "speech/shared_models.h"

namespace facecast {
namespace {

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

// Face synthesis decides its own frames; the contract is frame_count_for().
// A short tail is held on the last frame (or the rest pose when there is none).
void fit_frame_count(std::vector<FaceFrame>& frames, std::size_t count) {
  if (frames.size() > count) frames.resize(count);
  FaceFrame hold = frames.empty() ? FaceFrame{} : frames.back();
  frames.resize(count, hold);
}

}  // namespace

Engine::Engine(const Settings& settings, std::shared_ptr<speech::SharedModels> shared)
    : analyzer_(std::make_unique<speech::Analyzer>(settings.speech, std::move(shared))) {}

std::shared_ptr<speech::SharedModels> make_shared_models(const Settings& settings, int workers) {
  const int recognizers = settings.speech.max_recognizers > 0 ? settings.speech.max_recognizers : workers;
  return std::make_shared<speech::SharedModels>(settings.speech, std::max(1, recognizers));
}

Engine::~Engine() = default;

void Engine::preload(SpeechMode mode) { analyzer_->preload(mode); }

void Engine::preload_all() { analyzer_->preload_all(); }

Animation Engine::animate(const audio::DecodedAudio& audio, std::string_view transcript, const Settings& settings) {
  if (is_blank(transcript)) transcript = {};
  // Decoders load on first use; processing_ms measures the audio's processing,
  // not a one-time model load.
  analyzer_->preload(settings.speech.mode == SpeechMode::Auto
                         ? (transcript.empty() ? SpeechMode::Recognize : SpeechMode::Align)
                         : settings.speech.mode);
  const auto started = std::chrono::steady_clock::now();
  if (settings.speech.mode == SpeechMode::Align && transcript.empty())
    throw Error(ErrorCode::InvalidArgument, "mode 'align' needs a transcript");

  Animation animation;
  animation.fps = settings.face.fps;
  animation.duration = audio.duration();
  animation.speech = analyzer_->analyze(audio.samples, transcript, settings.speech.mode);
  animation.frames = animation::synthesize(animation.speech, audio.samples, settings.face, &animation.emotion);
  animation.emotion_mode = settings.face.emotion_mode;
  fit_frame_count(animation.frames, frame_count_for(animation.duration, animation.fps));
  animation.processing_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return animation;
}

}  // namespace facecast
