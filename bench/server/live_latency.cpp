// In-process live latency, independent of machine load: feeds a file through
// LiveSession in 20 ms chunks and, for every frame, counts how many chunks after
// the one holding its instant it was emitted (x 20 ms), plus the measured wall
// time of the emitting push+pull. Also compares the stream's frames with the
// offline phonetic result for the same audio.
//   bench_server_live_latency FILE...   -> p50/p95/max latency, mean |diff|, argmax agreement
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

#include "audio/decode.h"
#include "core/settings.h"
#include "engine/engine.h"
#include "engine/live_session.h"

using namespace facecast;
using Clock = std::chrono::steady_clock;

namespace {

std::size_t argmax(const auto& v) { return static_cast<std::size_t>(std::max_element(v.begin(), v.end()) - v.begin()); }

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  Settings settings;
  apply_setting(settings, "mode", "phonetic");
  Engine engine(settings);
  std::vector<double> latency_ms, pipeline_ms;  // with / without the measured processing time
  double diff_sum = 0;
  long diff_n = 0, agree = 0, frames_n = 0;
  for (int a = 1; a < argc; ++a) {
    const auto audio = audio::decode_file(argv[a], AudioSettings{});
    // 16 kHz float chunks of 20 ms, as the server would get them after decoding.
    const audio::RawFormat format{audio::PcmEncoding::F32LE, 16000, 1};
    LiveSession live(settings, format);
    std::vector<FaceFrame> frames;
    const std::size_t chunk = 320;
    const std::size_t chunks = (audio.samples.size() + chunk - 1) / chunk;
    for (std::size_t j = 0; j < chunks; ++j) {
      const std::size_t n = std::min(chunk, audio.samples.size() - j * chunk);
      const auto t0 = Clock::now();
      live.push(std::as_bytes(std::span(audio.samples).subspan(j * chunk, n)));
      const std::size_t before = frames.size();
      live.pull(frames);
      const double proc = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      for (std::size_t i = before; i < frames.size(); ++i) {
        const auto holding = static_cast<std::size_t>(static_cast<double>(i) / live.fps() / 0.02);
        latency_ms.push_back(static_cast<double>(j - holding) * 20.0 + proc);
        pipeline_ms.push_back(static_cast<double>(j - holding) * 20.0);
      }
    }
    live.finish();
    live.pull(frames);
    if (live.failed()) {
      std::fprintf(stderr, "%s: %s\n", argv[a], live.error().c_str());
      return 1;
    }
    const auto offline = engine.animate(audio, "", settings);
    const std::size_t n = std::min(frames.size(), offline.frames.size());
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t k = 0; k < frames[i].blendshapes.size(); ++k)
        diff_sum += std::fabs(frames[i].blendshapes[k] - offline.frames[i].blendshapes[k]);
      diff_n += static_cast<long>(frames[i].blendshapes.size());
      agree += argmax(frames[i].visemes) == argmax(offline.frames[i].visemes);
    }
    frames_n += static_cast<long>(n);
    std::printf("%s: %zu live frames, %zu offline\n", argv[a], frames.size(), offline.frames.size());
  }
  std::printf("live latency (20 ms chunks, in process): p50 %.0f ms p95 %.0f ms max %.0f ms over %zu frames\n",
              percentile(latency_ms, 0.5), percentile(latency_ms, 0.95), percentile(latency_ms, 1.0), latency_ms.size());
  std::printf("  of which audio the pipeline waits for (load-independent): p50 %.0f ms p95 %.0f ms max %.0f ms\n",
              percentile(pipeline_ms, 0.5), percentile(pipeline_ms, 0.95), percentile(pipeline_ms, 1.0));
  std::printf("stream vs offline phonetic: mean |blendshape diff| %.4f, viseme argmax agreement %.1f %%\n",
              diff_sum / static_cast<double>(std::max(diff_n, 1L)), 100.0 * static_cast<double>(agree) / static_cast<double>(std::max(frames_n, 1L)));
  return 0;
}
