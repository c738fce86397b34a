// bench_live: the live stream's output as an engine JSON, for bench_evaluate.
// Each file's samples, as they are (its own rate and channels, float, none of
// the offline decoder's filtering), are fed through a LiveSession in 20 ms
// chunks, as a WebSocket client would send them; the frames it emits (the ones
// a viewer sees, never revised) are written with the offline JSON writer.
//   bench_live -o OUTDIR [--lead-in S] FILE...   -> OUTDIR/<name>.live.json per FILE
// --lead-in S: each file opens with S seconds of room sound before the speech
// (a stream that hears the background before the first words); the JSON holds
// the frames from S on, so it is scored against the speech's own timings.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <sndfile.h>

#include "audio/decode.h"
#include "core/settings.h"
#include "engine/live_session.h"
#include "export/json.h"

using namespace facecast;

namespace {
struct RawFile {
  std::vector<float> samples;  // interleaved
  audio::RawFormat format{audio::PcmEncoding::F32LE, 16000, 1};
};

RawFile read_raw(const std::string& path) {
  SF_INFO info{};
  SNDFILE* file = sf_open(path.c_str(), SFM_READ, &info);
  if (!file) throw std::runtime_error(sf_strerror(nullptr));
  RawFile raw;
  raw.format.sample_rate = info.samplerate;
  raw.format.channels = info.channels;
  raw.samples.resize(static_cast<std::size_t>(info.frames) * info.channels);
  const sf_count_t got = sf_readf_float(file, raw.samples.data(), info.frames);
  sf_close(file);
  raw.samples.resize(static_cast<std::size_t>(got) * info.channels);
  return raw;
}
}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path out_dir;
  std::vector<std::string> files;
  double lead_in_s = 0;
  for (int a = 1; a < argc; ++a) {
    const std::string arg = argv[a];
    if (arg == "-o" && a + 1 < argc) out_dir = argv[++a];
    else if (arg == "--lead-in" && a + 1 < argc) lead_in_s = std::stod(argv[++a]);
    else files.push_back(arg);
  }
  if (out_dir.empty() || files.empty() || !(lead_in_s >= 0)) {
    std::fprintf(stderr, "usage: bench_live -o OUTDIR [--lead-in S] FILE...\n");
    return 2;
  }
  Settings settings;
  apply_setting(settings, "mode", "phonetic");
  int failures = 0;
  for (const auto& file : files) {
    try {
      const RawFile raw = read_raw(file);
      LiveSession live(settings, raw.format);
      Animation animation;
      animation.fps = live.fps();
      const std::size_t frames = raw.samples.size() / raw.format.channels;
      animation.duration = static_cast<double>(frames) / raw.format.sample_rate;
      animation.speech.mode = SpeechMode::Phonetic;
      const std::size_t chunk = static_cast<std::size_t>(raw.format.sample_rate / 50) * raw.format.channels;  // 20 ms
      for (std::size_t at = 0; at < raw.samples.size(); at += chunk) {
        const std::size_t n = std::min(chunk, raw.samples.size() - at);
        live.push(std::as_bytes(std::span(raw.samples).subspan(at, n)));
        live.pull(animation.frames);
      }
      live.finish();
      live.pull(animation.frames);
      if (live.failed()) throw std::runtime_error(live.error());
      const auto lead_frames = static_cast<std::size_t>(std::lround(lead_in_s * animation.fps));
      if (std::abs(static_cast<double>(lead_frames) - lead_in_s * animation.fps) > 1e-6)
        throw std::runtime_error("--lead-in must be a whole number of frames");
      if (lead_frames > 0) {
        if (lead_frames >= animation.frames.size()) throw std::runtime_error("shorter than its lead-in");
        animation.frames.erase(animation.frames.begin(), animation.frames.begin() + static_cast<long>(lead_frames));
        animation.duration -= static_cast<double>(lead_frames) / animation.fps;
      }
      const auto path = out_dir / (std::filesystem::path(file).stem().string() + ".live.json");
      std::ofstream(path) << exporter::to_json(animation);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s: %s\n", file.c_str(), e.what());
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}
