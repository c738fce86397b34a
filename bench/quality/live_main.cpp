// bench_live: the live stream's output as an engine JSON, for bench_evaluate.
// Each file is decoded, resampled to 16 kHz and fed through a LiveSession in
// 20 ms chunks, as a WebSocket client would send it; the frames it emits (the
// ones a viewer sees, never revised) are written with the offline JSON writer.
//   bench_live -o OUTDIR FILE...   -> OUTDIR/<name>.live.json per FILE
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "audio/decode.h"
#include "core/settings.h"
#include "engine/live_session.h"
#include "export/json.h"

using namespace facecast;

int main(int argc, char** argv) {
  std::filesystem::path out_dir;
  std::vector<std::string> files;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    if (arg == "-o" && a + 1 < argc) out_dir = argv[++a];
    else files.push_back(arg);
  }
  if (out_dir.empty() || files.empty()) {
    std::fprintf(stderr, "usage: bench_live -o OUTDIR FILE...\n");
    return 2;
  }
  Settings settings;
  apply_setting(settings, "mode", "phonetic");
  const audio::RawFormat format{audio::PcmEncoding::F32LE, 16000, 1};
  constexpr std::size_t kChunk = 320;  // 20 ms
  int failures = 0;
  for (const auto& file : files) {
    try {
      const auto audio = audio::decode_file(file, settings.audio);
      LiveSession live(settings, format);
      Animation animation;
      animation.fps = live.fps();
      animation.duration = static_cast<double>(audio.samples.size()) / 16000;
      animation.speech.mode = SpeechMode::Phonetic;
      for (std::size_t at = 0; at < audio.samples.size(); at += kChunk) {
        const std::size_t n = std::min(kChunk, audio.samples.size() - at);
        live.push(std::as_bytes(std::span(audio.samples).subspan(at, n)));
        live.pull(animation.frames);
      }
      live.finish();
      live.pull(animation.frames);
      if (live.failed()) throw std::runtime_error(live.error());
      const auto path = out_dir / (std::filesystem::path(file).stem().string() + ".live.json");
      std::ofstream(path) << exporter::to_json(animation);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s: %s\n", file.c_str(), e.what());
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}
