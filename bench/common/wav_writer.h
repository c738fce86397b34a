// Writes 16-bit mono PCM WAV files (the benchmark's generated speech).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace facecast::bench {

void write_wav16(const std::string& path, const std::vector<int16_t>& samples, int sample_rate);

}  // namespace facecast::bench
