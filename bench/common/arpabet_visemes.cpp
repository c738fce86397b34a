#include "common/arpabet_visemes.h"

#include <array>
#include <utility>

namespace facecast::bench {
namespace {

// Oculus viseme reference: PP p b m; FF f v; TH th dh; DD t d; kk k g; CH ch jh sh (zh);
// SS s z; nn n l; RR r; aa A; E e; I ih; O oh; U ou. Choices the reference leaves open:
// NG -> kk (velar closure, like k/g), HH -> sil (no own lip shape; the face stays as it
// is), Y -> I, W -> U, ER -> RR, diphthongs by their first (dominant) target.
constexpr std::array<std::pair<std::string_view, Viseme>, 40> kTable{{
    {"SIL", sil}, {"HH", sil},
    {"P", PP}, {"B", PP}, {"M", PP},
    {"F", FF}, {"V", FF},
    {"TH", TH}, {"DH", TH},
    {"T", DD}, {"D", DD},
    {"K", kk}, {"G", kk}, {"NG", kk},
    {"CH", CH}, {"JH", CH}, {"SH", CH}, {"ZH", CH},
    {"S", SS}, {"Z", SS},
    {"N", nn}, {"L", nn},
    {"R", RR}, {"ER", RR},
    {"AA", aa}, {"AE", aa}, {"AH", aa}, {"AW", aa}, {"AY", aa},
    {"EH", E}, {"EY", E},
    {"IH", I}, {"IY", I}, {"Y", I},
    {"AO", O}, {"OW", O}, {"OY", O},
    {"UH", U}, {"UW", U}, {"W", U},
}};

}  // namespace

std::optional<Viseme> viseme_of_arpabet(std::string_view phone) {
  if (!phone.empty() && phone.front() == '+') return sil;  // PocketSphinx fillers (+NSN+, +SPN+ ...)
  for (const auto& [name, viseme] : kTable)
    if (name == phone) return viseme;
  return std::nullopt;
}

bool is_bilabial(std::string_view phone) { return phone == "P" || phone == "B" || phone == "M"; }

}  // namespace facecast::bench
