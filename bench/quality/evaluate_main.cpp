// bench_evaluate: pools the lip-sync quality of a set of engine outputs against
// their truth and prints one table row (see docs/benchmarks.md).
//   bench_evaluate --label L --list FILE [--markdown] [--header] [--per-file]
// FILE: one line per recording, TAB-separated:
//   engine.json  truth(.truth.tsv | reference .json)  [transcript.txt to check words]
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "quality/file_score.h"

using namespace facecast::bench;

namespace {

std::string percent(long part, long whole) {
  return whole > 0 ? fmt::format("{:.1f}", 100.0 * double(part) / double(whole)) : "-";
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<TruthSegment> load_truth(const std::string& path) {
  if (path.size() > 5 && path.ends_with(".json")) return truth_from_output(read_engine_output(path));
  return read_truth(path).segments;
}

const char* kColumns[] = {"set", "files", "audio s", "exact %", "±20 ms %", "raw exact %", "raw ±20 ms %",
                          "PP recall %", "PP precision %", "rest in silence %",
                          "rest, 100 ms in %", "words match"};

void print_row(const std::vector<std::string>& cells, bool markdown) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i)
    line += markdown ? "| " + cells[i] + " " : (i ? "\t" : "") + cells[i];
  std::cout << line << (markdown ? "|" : "") << '\n';
}

std::vector<std::string> row_of(const std::string& label, const Score& s, long failed) {
  return {label + (failed ? fmt::format(" ({} failed)", failed) : ""),
          std::to_string(s.files),
          fmt::format("{:.0f}", s.seconds),
          percent(s.synth.exact, s.synth.frames),
          percent(s.synth.tolerant, s.synth.frames),
          percent(s.raw.exact, s.raw.frames),
          percent(s.raw.tolerant, s.raw.frames),
          percent(s.bilabial.recalled, s.bilabial.segments),
          percent(s.bilabial.events_on_pp, s.bilabial.events),
          percent(s.rest.resting, s.rest.frames),
          percent(s.rest_inner.resting, s.rest_inner.frames),
          s.transcripts ? fmt::format("{}/{}", s.words_matching, s.transcripts) : "-"};
}

}  // namespace

int main(int argc, char** argv) {
  std::string label, list;
  bool markdown = false, header = false, per_file = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--label" && i + 1 < argc) label = argv[++i];
    else if (arg == "--list" && i + 1 < argc) list = argv[++i];
    else if (arg == "--markdown") markdown = true;
    else if (arg == "--header") header = true;
    else if (arg == "--per-file") per_file = true;
    else {
      std::cerr << "usage: bench_evaluate [--header] [--markdown] [--per-file] --label L --list FILE\n";
      return 2;
    }
  }
  if (header) {
    print_row({std::begin(kColumns), std::end(kColumns)}, markdown);
    if (markdown) print_row(std::vector<std::string>(std::size(kColumns), "---"), true);
  }
  if (list.empty()) return header ? 0 : 2;

  std::ifstream in(list);
  if (!in) {
    std::cerr << "bench_evaluate: cannot open " << list << "\n";
    return 2;
  }
  Score total;
  long failed = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    std::string json, truth, transcript;
    std::getline(fields, json, '\t');
    std::getline(fields, truth, '\t');
    std::getline(fields, transcript, '\t');
    try {
      const Score s = score_file(read_engine_output(json), load_truth(truth),
                                 transcript.empty() ? "" : read_text(transcript));
      if (per_file) print_row(row_of("  " + json, s, 0), markdown);
      total += s;
    } catch (const std::exception& e) {
      std::cerr << "bench_evaluate: " << e.what() << "\n";
      ++failed;
    }
  }
  print_row(row_of(label, total, failed), markdown);
  return 0;
}
