#include "common/arpabet_visemes.h"

#include "animation/phones.h"

namespace facecast::bench {

// The engine's own table (src/animation/phones.cpp): truth and prediction are
// scored through the same phone -> viseme map, so only timing and recognition differ.
std::optional<Viseme> viseme_of_arpabet(std::string_view phone) {
  const auto parsed = animation::parse_phone(phone);
  if (!parsed) return std::nullopt;
  return animation::viseme_of(*parsed);
}

bool is_bilabial(std::string_view phone) { return phone == "P" || phone == "B" || phone == "M"; }

}  // namespace facecast::bench
