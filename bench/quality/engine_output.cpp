#include "quality/engine_output.h"

#include <fstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "common/arpabet_visemes.h"

namespace facecast::bench {
namespace {

template <std::size_t N>
void read_row(const nlohmann::json& row, std::array<float, N>& out, const std::string& what) {
  if (!row.is_array() || row.size() != N) throw std::runtime_error(what + ": expected " + std::to_string(N) + " numbers");
  for (std::size_t i = 0; i < N; ++i) out[i] = row[i].get<float>();
}

}  // namespace

EngineOutput read_engine_output(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path + ": not JSON: " + e.what());
  }
  if (!doc.value("success", false)) {
    const auto& err = doc.value("error", nlohmann::json::object());
    throw std::runtime_error(path + ": engine failed: " + err.value("code", "?") + ": " + err.value("message", "?"));
  }
  try {
    const auto& data = doc.at("data");
    EngineOutput out;
    out.fps = data.at("fps").get<double>();
    out.duration = data.at("duration").get<double>();
    out.mode = data.value("mode", "");
    out.processing_ms = data.value("processing_ms", 0.0);
    const auto& shapes = data.at("blendshapes");
    const auto& visemes = data.at("visemes").at("frames");
    if (shapes.size() != visemes.size()) throw std::runtime_error("blendshapes and visemes differ in frame count");
    out.frames.resize(shapes.size());
    for (std::size_t i = 0; i < shapes.size(); ++i) {
      read_row(shapes[i], out.frames[i].blendshapes, "blendshapes frame " + std::to_string(i));
      read_row(visemes[i], out.frames[i].visemes, "visemes frame " + std::to_string(i));
    }
    for (const auto& p : data.at("phonemes")) {
      const std::string phone = p.at("phoneme").get<std::string>();
      const auto viseme = viseme_of_arpabet(phone);
      if (!viseme) throw std::runtime_error("unknown phoneme '" + phone + "'");
      out.phonemes.push_back({p.at("start").get<double>(), p.at("end").get<double>(),
                              *viseme == sil ? "SIL" : phone, *viseme, phone});
    }
    for (const auto& w : data.at("words")) out.words.push_back(w.at("word").get<std::string>());
    return out;
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path + ": unexpected JSON shape: " + e.what());
  } catch (const std::runtime_error& e) {
    throw std::runtime_error(path + ": " + e.what());
  }
}

std::vector<Viseme> argmax_visemes(const std::vector<FaceFrame>& frames) {
  std::vector<Viseme> out;
  out.reserve(frames.size());
  for (const auto& f : frames) {
    std::size_t best = 0;
    for (std::size_t v = 1; v < kVisemeCount; ++v)
      if (f.visemes[v] > f.visemes[best]) best = v;
    out.push_back(static_cast<Viseme>(best));
  }
  return out;
}

}  // namespace facecast::bench
