// Truth files: the true phone intervals of a benchmark recording, as TSV
//   # comment lines
//   start<TAB>end<TAB>phone<TAB>viseme<TAB>source_phone
// Times in seconds; intervals sorted, contiguous, covering the whole recording;
// phone is ARPAbet (or SIL), viseme an Oculus name, source_phone the synthesiser's own label.
#pragma once
#include <string>
#include <vector>

#include "core/names.h"

namespace facecast::bench {

struct TruthSegment {
  double start = 0;
  double end = 0;
  std::string phone;         // ARPAbet or "SIL"
  Viseme viseme = sil;
  std::string source_phone;  // e.g. espeak "A@" or flite "pau"
};

struct Truth {
  std::vector<std::string> comments;  // without the leading "# "
  std::vector<TruthSegment> segments;
};

// Throws std::runtime_error naming the file and line on any malformed content.
Truth read_truth(const std::string& path);
void write_truth(const std::string& path, const Truth& truth);

// Makes segments contiguous from 0 to duration: gaps become SIL, zero-length
// segments are dropped, neighbouring SIL segments are merged.
std::vector<TruthSegment> fill_silences(std::vector<TruthSegment> segments, double duration);

}  // namespace facecast::bench
