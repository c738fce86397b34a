// bench_resynth: re-runs face synthesis on the phone timelines stored in engine
// outputs (no speech decoding), so changes to src/animation can be scored in
// seconds. Prints the same row as bench_evaluate.
//   bench_resynth --label L --list FILE [--markdown] [--per-file] [--losses] [--bilabials] [--restless] [--fps N]
// --losses lists each 10 ms step the raw timeline gets exactly right and the face does not.
// --bilabials lists missed truth P/B/M and closures away from any truth P/B/M.
// --restless lists long truth silences where the mouth is not at rest.
// --shift-ms moves every phone boundary of the engine output (raw and face) by MS:
// a prototype of a timing correction on the speech side.
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
#include "animation/metrics.h"
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

// Every phone boundary moved by `shift` seconds (not 0 or the end), as a
// speech-side timing correction would move them: raw phones and face alike.
void shift_boundaries(std::vector<TruthSegment>& phones, double shift, double duration) {
  for (auto& p : phones) {
    if (p.start > 0) p.start = std::clamp(p.start + shift, 0.0, duration);
    if (p.end < duration) p.end = std::clamp(p.end + shift, 0.0, duration);
  }
}

// The engine output with its frames made again from its own phones and audio.
EngineOutput resynthesised(const std::string& json, int fps, double shift) {
  EngineOutput out = read_engine_output(json);
  if (shift != 0) shift_boundaries(out.phonemes, shift, out.duration);
  SpeechTimeline speech;
  for (const auto& p : out.phonemes) speech.phones.push_back({p.source_phone, p.start, p.end});
  const auto audio = audio::decode_file(wav_of(json), AudioSettings{});
  FaceSettings face;
  face.fps = fps;
  out.fps = fps;
  out.frames = animation::synthesize(speech, audio.samples, face);
  return out;
}

// A reference that is itself an engine output (real speech) moves with the shift too.
std::vector<TruthSegment> load_truth(const std::string& path, double shift) {
  if (path.ends_with(".json")) {
    EngineOutput reference = read_engine_output(path);
    if (shift != 0) shift_boundaries(reference.phonemes, shift, reference.duration);
    return truth_from_output(reference);
  }
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

bool is_bilabial_phone(const std::string& phone) { return phone == "P" || phone == "B" || phone == "M"; }

std::string phones_near(const std::vector<TruthSegment>& phones, double from, double to) {
  std::string out;
  for (const auto& p : phones)
    if (p.end > from && p.start < to) out += fmt::format(" {}[{:.0f}-{:.0f}]", p.source_phone.empty() ? p.phone : p.source_phone, p.start * 1000, p.end * 1000);
  return out;
}

// Truth P/B/M the lips never close for, and closures off every truth P/B/M,
// each with the engine's phones around it (is it recognition or the face?).
void print_bilabials(const std::string& json, const EngineOutput& out, const std::vector<TruthSegment>& truth) {
  const std::string file = std::filesystem::path(json).filename().string();
  std::vector<bool> closed;
  for (const auto& f : out.frames) closed.push_back(animation::lips_closed(f));
  auto closed_within = [&](double from, double to) {
    for (std::size_t i = 0; i < closed.size(); ++i)
      if (closed[i] && i / out.fps >= from && i / out.fps <= to) return true;
    return false;
  };
  for (const auto& s : truth) {
    if (!is_bilabial_phone(s.phone) || closed_within(s.start - kTolerance, s.end + kTolerance)) continue;
    bool raw_pp = false;
    for (const auto& p : out.phonemes) raw_pp = raw_pp || (is_bilabial_phone(p.phone) && p.end > s.start - kTolerance && p.start < s.end + kTolerance);
    std::cout << fmt::format("{} MISSED {} {:.3f}-{:.3f} {} | engine:{}\n", file, s.phone, s.start, s.end,
                             raw_pp ? "engine has P/B/M" : "engine has no P/B/M", phones_near(out.phonemes, s.start - 0.06, s.end + 0.06));
  }
  for (std::size_t i = 0; i < closed.size();) {
    if (!closed[i]) { ++i; continue; }
    std::size_t j = i;
    while (j < closed.size() && closed[j]) ++j;
    const double t0 = i / out.fps, t1 = (j - 1) / out.fps;
    bool on_pp = false, silent = true;
    for (const auto& p : truth) {
      if (is_bilabial_phone(p.phone) && p.end + kTolerance >= t0 && p.start - kTolerance <= t1 + 1e-9) on_pp = true;
    }
    for (std::size_t k = i; k < j; ++k) {
      bool in_sil = false;
      for (const auto& p : truth) in_sil = in_sil || (p.phone == "SIL" && k / out.fps >= p.start - kTolerance && k / out.fps <= p.end + kTolerance);
      silent = silent && in_sil;
    }
    if (!on_pp && !silent)
      std::cout << fmt::format("{} FALSE closure {:.3f}-{:.3f} | engine:{} | truth:{}\n", file, t0, t1,
                               phones_near(out.phonemes, t0 - 0.04, t1 + 0.04), phones_near(truth, t0 - 0.04, t1 + 0.04));
    i = j;
  }
}

// Frames inside truth silences of >= 200 ms (20 ms in from each edge) where
// the mouth is not at rest, with the engine's phones there.
void print_restless(const std::string& json, const EngineOutput& out, const std::vector<TruthSegment>& truth) {
  const std::string file = std::filesystem::path(json).filename().string();
  for (const auto& s : truth) {
    if (s.phone != "SIL" || s.end - s.start < 0.2) continue;
    std::size_t restless = 0, frames = 0;
    for (std::size_t i = 0; i < out.frames.size(); ++i) {
      const double t = i / out.fps;
      if (t < s.start + kTolerance || t > s.end - kTolerance) continue;
      ++frames;
      restless += !animation::mouth_at_rest(out.frames[i]);
    }
    if (restless)
      std::cout << fmt::format("{} silence {:.3f}-{:.3f}: {}/{} frames not at rest | engine:{}\n", file, s.start, s.end,
                               restless, frames, phones_near(out.phonemes, s.start, s.end));
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
  bool markdown = false, per_file = false, losses = false, bilabials = false, restless = false;
  int fps = 30;
  double shift_ms = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--label" && i + 1 < argc) label = argv[++i];
    else if (arg == "--list" && i + 1 < argc) list = argv[++i];
    else if (arg == "--fps" && i + 1 < argc) fps = std::stoi(argv[++i]);
    else if (arg == "--shift-ms" && i + 1 < argc) shift_ms = std::stod(argv[++i]);
    else if (arg == "--markdown") markdown = true;
    else if (arg == "--per-file") per_file = true;
    else if (arg == "--losses") losses = true;
    else if (arg == "--bilabials") bilabials = true;
    else if (arg == "--restless") restless = true;
    else {
      std::cerr << "usage: bench_resynth [--markdown] [--per-file] [--losses] [--bilabials] [--restless] [--fps N] [--shift-ms MS] --label L --list FILE\n";
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
      const EngineOutput out = resynthesised(json, fps, shift_ms / 1000);
      const auto true_phones = load_truth(truth, shift_ms / 1000);
      if (losses) print_losses(json, out, true_phones);
      if (bilabials) print_bilabials(json, out, true_phones);
      if (restless) print_restless(json, out, true_phones);
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
