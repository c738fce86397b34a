#include "common/generator_options.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace facecast::bench {
namespace {

[[noreturn]] void usage(const char* program, const char* voices_help, const std::string& problem) {
  if (!problem.empty()) std::cerr << program << ": " << problem << "\n";
  std::cerr << "usage: " << program << " --voice V --sentences FILE -o PREFIX\n"
            << "  [--rate WPM] [--first I] [--count N] [--min-seconds S]\n"
            << "  [--pauses 0.3,0.5,0.7] [--long-pause 2.0] [--long-every 4]\n"
            << "writes PREFIX.wav, PREFIX.truth.tsv, PREFIX.txt\n"
            << voices_help << "\n";
  std::exit(2);
}

std::vector<double> parse_list(const std::string& text) {
  std::vector<double> values;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) values.push_back(std::stod(item));
  return values;
}

}  // namespace

GeneratorOptions parse_generator_options(int argc, char** argv, const char* program, const char* voices_help) {
  GeneratorOptions o;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "-h" || arg == "--help") usage(program, voices_help, "");
      if (i + 1 >= argc) usage(program, voices_help, "missing value after " + arg);
      const std::string value = argv[++i];
      if (arg == "--voice") o.voice = value;
      else if (arg == "--rate") o.rate_wpm = std::stoi(value);
      else if (arg == "--sentences") o.sentences_file = value;
      else if (arg == "--first") o.first = std::stoi(value);
      else if (arg == "--count") o.count = std::stoi(value);
      else if (arg == "--min-seconds") o.min_seconds = std::stod(value);
      else if (arg == "--pauses") o.pauses = parse_list(value);
      else if (arg == "--long-pause") o.long_pause = std::stod(value);
      else if (arg == "--long-every") o.long_every = std::stoi(value);
      else if (arg == "-o" || arg == "--out") o.out_prefix = value;
      else usage(program, voices_help, "unknown option " + arg);
    }
  } catch (const std::logic_error&) {
    usage(program, voices_help, "bad number in the command line");
  }
  if (o.voice.empty() || o.sentences_file.empty() || o.out_prefix.empty())
    usage(program, voices_help, "--voice, --sentences and -o are required");
  if (o.pauses.empty()) usage(program, voices_help, "--pauses needs at least one value");
  return o;
}

std::vector<std::string> pick_sentences(const GeneratorOptions& options) {
  std::ifstream in(options.sentences_file);
  if (!in) throw std::runtime_error("cannot open " + options.sentences_file);
  std::vector<std::string> all;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line.front() != '#') all.push_back(line);
  if (all.empty()) throw std::runtime_error(options.sentences_file + " holds no sentences");
  const int count = options.count > 0 ? options.count : int(all.size());
  std::vector<std::string> picked;
  for (int i = 0; i < count; ++i) picked.push_back(all[(options.first + i) % all.size()]);
  return picked;
}

double pause_after(const GeneratorOptions& options, int i) {
  if (options.long_every > 0 && (i + 1) % options.long_every == 0) return options.long_pause;
  return options.pauses[i % options.pauses.size()];
}

}  // namespace facecast::bench
