// bench_resynth: re-runs face synthesis on the phone timelines stored in engine
// outputs (no speech decoding), so changes to src/animation can be scored in
// seconds. Prints the same row as bench_evaluate.
//   bench_resynth --label L --list FILE [--markdown] [--per-file] [--losses] [--fps N]
// --losses lists each 10 ms step the raw timeline gets exactly right and the face does not.
// FILE: the lists bench/run.sh writes (engine.json <TAB> truth [<TAB> transcript]);
// each engine output OUT/NAME.MODE.json is re-synthesised with DATA/NAME.wav, where
// DATA is OUT/../data.
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "animation/face_synth.h"
#include "audio/decode.h"
#include "quality/file_score.h"

using namespace facecast;
using namespace facecast::bench;

namespace {

std::string percent(long part, long whole) {
  return whole > 0 ? fmt::format("{:.1f}", 100.0 * double(part) / double(whole)) : "-";
}

std::string wav_of(const std::string& json) {
  const std::filesystem::path path(json);
  std::string name = path.stem().string();               // NAME.MODE
  name = name.substr(0, name.rfind('.'));                // NAME
  return (path.parent_path().parent_path() / "data" / (name + ".wav")).string();
}

// The engine output with its frames made again from its own phones and audio.
EngineOutput resynthesised(const std::string& json, int fps) {
  EngineOutput out = read_engine_output(json);
  SpeechTimeline speech;
  for (const auto& p : out.phonemes) speech.phones.push_back({p.source_phone, p.start, p.end});
  const auto audio = audio::decode_file(wav_of(json), AudioSettings{});
  FaceSettings face;
  face.fps = fps;
  out.fps = fps;
  out.frames = animation::synthesize(speech, audio.samples, face);
  return out;
}

std::vector<TruthSegment> load_truth(const std::string& path) {
  if (path.ends_with(".json")) return truth_from_output(read_engine_output(path));
  return read_truth(path).segments;
}

// Steps where the raw timeline is exactly right and the synthesised visemes are not.
void print_losses(const std::string& json, const EngineOutput& out, const std::vector<TruthSegment>& truth) {
  std::vector<VisemeWeights> weights;
  for (const auto& f : out.frames) weights.push_back(f.visemes);
  const auto synth = visemes_at_metric_rate(weights, out.fps, out.duration);
  const auto raw = truth_frames(out.phonemes, out.duration);
  const auto want = truth_frames(truth, out.duration);
  for (std::size_t k = 0; k < std::min(synth.size(), std::min(raw.size(), want.size())); ++k) {
    if (raw[k] != want[k] || synth[k] == want[k]) continue;
    bool near = false;  // the face's viseme is true within +-2 steps: lost only for "exact"
    for (std::size_t j = k > 2 ? k - 2 : 0; j <= k + 2 && j < want.size(); ++j) near = near || want[j] == synth[k];
    const double t = (k + 0.5) / kMetricFrameRate;
    std::string context;
    for (const auto& p : out.phonemes)
      if (p.end > t - 0.08 && p.start < t + 0.08)
        context += fmt::format(" {}[{:.0f}-{:.0f}]", p.source_phone, p.start * 1000, p.end * 1000);
    std::cout << fmt::format("{} {:.3f} want {} got {}{} |{}\n", std::filesystem::path(json).filename().string(), t,
                             kVisemeNames[want[k]], kVisemeNames[synth[k]], near ? "" : " (+-20 ms too)", context);
  }
}

void print_row(const std::string& label, const Score& s, bool markdown) {
  const std::vector<std::string> cells = {
      label, std::to_string(s.files), fmt::format("{:.0f}", s.seconds),
      percent(s.synth.exact, s.synth.frames), percent(s.synth.tolerant, s.synth.frames),
      percent(s.raw.exact, s.raw.frames), percent(s.raw.tolerant, s.raw.frames),
      percent(s.bilabial.recalled, s.bilabial.segments), percent(s.bilabial.events_on_pp, s.bilabial.events),
      percent(s.rest.resting, s.rest.frames), percent(s.rest_inner.resting, s.rest_inner.frames)};
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) line += markdown ? "| " + cells[i] + " " : (i ? "\t" : "") + cells[i];
  std::cout << line << (markdown ? "|" : "") << '\n';
}

}  // namespace

int main(int argc, char** argv) {
  std::string label, list;
  bool markdown = false, per_file = false, losses = false;
  int fps = 30;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--label" && i + 1 < argc) label = argv[++i];
    else if (arg == "--list" && i + 1 < argc) list = argv[++i];
    else if (arg == "--fps" && i + 1 < argc) fps = std::stoi(argv[++i]);
    else if (arg == "--markdown") markdown = true;
    else if (arg == "--per-file") per_file = true;
    else if (arg == "--losses") losses = true;
    else {
      std::cerr << "usage: bench_resynth [--markdown] [--per-file] [--losses] [--fps N] --label L --list FILE\n";
      return 2;
    }
  }
  std::ifstream in(list);
  if (!in) {
    std::cerr << "bench_resynth: cannot open " << list << "\n";
    return 2;
  }
  Score total;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    std::string json, truth;
    std::getline(fields, json, '\t');
    std::getline(fields, truth, '\t');
    try {
      const EngineOutput out = resynthesised(json, fps);
      const auto true_phones = load_truth(truth);
      if (losses) print_losses(json, out, true_phones);
      const Score s = score_file(out, true_phones, "");
      if (per_file) print_row("  " + json, s, markdown);
      total += s;
    } catch (const std::exception& e) {
      std::cerr << "bench_resynth: " << e.what() << "\n";
    }
  }
  print_row(label, total, markdown);
  if (losses)
    std::cout << fmt::format("steps {}: face exact {} / +-20 ms {}, raw exact {} / +-20 ms {}\n", total.synth.frames,
                             total.synth.exact, total.synth.tolerant, total.raw.exact, total.raw.tolerant);
  return 0;
}
