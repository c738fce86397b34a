// Reads the real recorded speech of pocketsphinx-testdata for speech tests
// (16 kHz mono WAV, or headerless 16 kHz s16le .raw) with libsndfile.
#pragma once
#include <span>
#include <string>
#include <vector>

namespace facecast::testing {

std::vector<float> read_speech(const std::string& path);
// "go forward ten meters", 16 kHz s16le.
std::vector<float> goforward();
// A librivox clip and its transcript (index 0..4 in the transcription file order).
std::vector<float> librivox(int index);
std::string librivox_transcript(int index);

double rms(std::span<const float> x);
// x with Gaussian white noise snr_db below `reference_rms` (x's own RMS when
// 0) mixed in; a fixed seed, so tests repeat exactly.
std::vector<float> with_noise(std::vector<float> x, double snr_db, unsigned seed, double reference_rms = 0);

}  // namespace facecast::testing
