#include "speech/espeak_speech.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "audio/decode.h"

namespace facecast::testing {
namespace {

std::vector<float> speak(const std::string& text, const std::string& voice, int wpm) {
  char path[] = "/tmp/facecast-espeak-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) throw std::runtime_error("cannot make a temporary file");
  close(fd);
  const std::string cmd =
      "espeak-ng -v '" + voice + "' -s " + std::to_string(wpm) + " -w " + path + " \"" + text + "\"";
  const int rc = std::system(cmd.c_str());
  std::vector<float> pcm;
  if (rc == 0) pcm = audio::decode_file(path, AudioSettings{}).samples;
  std::remove(path);
  if (rc != 0 || pcm.empty()) throw std::runtime_error("espeak-ng failed: " + cmd);
  return pcm;
}

}  // namespace

SpokenPassage espeak_passage(const std::vector<std::string>& sentences, const std::string& voice, int wpm,
                             const std::vector<double>& pause_s) {
  constexpr double kRate = 16000;
  SpokenPassage out;
  out.pcm16k.assign(static_cast<size_t>(0.25 * kRate), 0.0f);
  for (size_t i = 0; i < sentences.size(); ++i) {
    const auto speech = speak(sentences[i], voice, wpm);
    out.pcm16k.insert(out.pcm16k.end(), speech.begin(), speech.end());
    out.transcript += (i ? " " : "") + sentences[i];
    const double pause = i + 1 < sentences.size() ? pause_s[i % pause_s.size()] : 0.4;
    const double start = static_cast<double>(out.pcm16k.size()) / kRate;
    out.pcm16k.resize(out.pcm16k.size() + static_cast<size_t>(pause * kRate), 0.0f);
    if (i + 1 < sentences.size()) out.pauses.emplace_back(start, start + pause);
  }
  return out;
}

}  // namespace facecast::testing
