// The generators' shared main loop: sentences and pauses in, recording files out.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "common/generator_options.h"
#include "common/recording.h"

namespace facecast::bench {

// Speaks the chosen sentences (cycling until options.min_seconds), joins them with
// the planned pauses and writes PREFIX.wav/.truth.tsv/.txt. Returns seconds of audio.
double generate_recording(const GeneratorOptions& options, int sample_rate,
                          const std::function<SentenceAudio(const std::string&)>& speak,
                          const std::vector<std::string>& comments);

}  // namespace facecast::bench
