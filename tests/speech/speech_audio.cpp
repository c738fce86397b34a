#include "speech/speech_audio.h"

#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include <sndfile.h>

#include "support/fixtures.h"

namespace facecast::testing {
namespace {
const char* const kLibrivox[] = {"0870", "0880", "0890", "0920", "0930"};
}

std::vector<float> read_speech(const std::string& path) {
  SF_INFO info{};
  if (path.ends_with(".raw")) {
    info.samplerate = 16000;
    info.channels = 1;
    info.format = SF_FORMAT_RAW | SF_FORMAT_PCM_16 | SF_ENDIAN_LITTLE;
  }
  SNDFILE* f = sf_open(path.c_str(), SFM_READ, &info);
  if (!f) throw std::runtime_error("cannot read " + path);
  if (info.samplerate != 16000 || info.channels != 1) {
    sf_close(f);
    throw std::runtime_error(path + " is not 16 kHz mono");
  }
  std::vector<float> samples(static_cast<size_t>(info.frames));
  samples.resize(static_cast<size_t>(sf_readf_float(f, samples.data(), info.frames)));
  sf_close(f);
  return samples;
}

std::vector<float> goforward() { return read_speech(pocketsphinx_testdata("goforward.raw")); }

std::vector<float> librivox(int index) {
  return read_speech(pocketsphinx_testdata(std::string("librivox/sense_and_sensibility_01_austen_64kb-") +
                                           kLibrivox[index] + ".wav"));
}

std::string librivox_transcript(int index) {
  std::ifstream in(pocketsphinx_testdata("librivox/transcription"));
  for (std::string line; std::getline(in, line);) {
    if (line.find(kLibrivox[index]) == std::string::npos) continue;
    std::istringstream words(line.substr(0, line.find('(')));
    std::string text;
    for (std::string w; words >> w;)
      if (w != "<s>" && w != "</s>") text += (text.empty() ? "" : " ") + w;
    return text;
  }
  throw std::runtime_error("no transcript for librivox clip");
}

double rms(std::span<const float> x) {
  double sum = 0;
  for (float v : x) sum += static_cast<double>(v) * v;
  return x.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(x.size()));
}

std::vector<float> with_noise(std::vector<float> x, double snr_db, unsigned seed, double reference_rms) {
  std::mt19937 random(seed);
  const double level = reference_rms > 0 ? reference_rms : rms(x);
  std::normal_distribution<float> gauss(0.0f, static_cast<float>(level * std::pow(10.0, -snr_db / 20)));
  for (float& v : x) v += gauss(random);
  return x;
}

}  // namespace facecast::testing
