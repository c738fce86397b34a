#include "common/truth.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

namespace facecast::bench {
namespace {

Viseme viseme_by_name(const std::string& name, const std::string& where) {
  for (std::size_t i = 0; i < kVisemeCount; ++i)
    if (kVisemeNames[i] == name) return static_cast<Viseme>(i);
  throw std::runtime_error(fmt::format("{}: unknown viseme '{}'", where, name));
}

}  // namespace

Truth read_truth(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(fmt::format("cannot open truth file {}", path));
  Truth truth;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string where = fmt::format("{}:{}", path, number);
    if (line.empty()) continue;
    if (line.front() == '#') {
      truth.comments.push_back(line.size() > 2 ? line.substr(2) : "");
      continue;
    }
    if (line.rfind("start\t", 0) == 0) continue;  // header
    std::istringstream fields(line);
    TruthSegment s;
    std::string viseme;
    if (!(fields >> s.start >> s.end >> s.phone >> viseme >> s.source_phone))
      throw std::runtime_error(where + ": expected start end phone viseme source_phone");
    s.viseme = viseme_by_name(viseme, where);
    if (s.end < s.start) throw std::runtime_error(where + ": segment ends before it starts");
    if (!truth.segments.empty() && s.start < truth.segments.back().end - 1e-6)
      throw std::runtime_error(where + ": segment overlaps the previous one");
    truth.segments.push_back(std::move(s));
  }
  if (truth.segments.empty()) throw std::runtime_error(path + ": no segments");
  return truth;
}

void write_truth(const std::string& path, const Truth& truth) {
  std::ofstream out(path);
  if (!out) throw std::runtime_error(fmt::format("cannot write truth file {}", path));
  for (const auto& c : truth.comments) out << "# " << c << '\n';
  out << "start\tend\tphone\tviseme\tsource_phone\n";
  for (const auto& s : truth.segments)
    out << fmt::format("{:.4f}\t{:.4f}\t{}\t{}\t{}\n", s.start, s.end, s.phone,
                       kVisemeNames[s.viseme], s.source_phone);
  if (!out) throw std::runtime_error(fmt::format("failed writing {}", path));
}

std::vector<TruthSegment> fill_silences(std::vector<TruthSegment> segments, double duration) {
  std::vector<TruthSegment> out;
  auto add = [&out](TruthSegment s) {
    if (s.end - s.start < 1e-6) return;
    if (!out.empty() && s.phone == "SIL" && out.back().phone == "SIL") {
      out.back().end = s.end;
      return;
    }
    out.push_back(std::move(s));
  };
  double t = 0;
  for (auto& s : segments) {
    if (s.start > t) add({t, s.start, "SIL", sil, "(gap)"});
    s.start = std::max(s.start, t);
    t = std::max(t, s.end);
    add(std::move(s));
  }
  if (duration > t) add({t, duration, "SIL", sil, "(gap)"});
  return out;
}

}  // namespace facecast::bench
