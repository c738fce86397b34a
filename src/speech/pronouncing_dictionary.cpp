#include "speech/pronouncing_dictionary.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "core/error.h"

namespace facecast::speech {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

}  // namespace

PronouncingDictionary::PronouncingDictionary(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in) throw Error(ErrorCode::ModelUnavailable, "could not read the pronouncing dictionary " + path);
  text_ = std::move(buffer).str();
  if (text_.size() > UINT32_MAX) throw Error(ErrorCode::ModelUnavailable, "pronouncing dictionary too large: " + path);

  entries_.reserve(static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\n')) + 1);
  std::size_t pos = 0;
  while (pos < text_.size()) {
    std::size_t end = text_.find('\n', pos);
    if (end == std::string::npos) end = text_.size();
    while (pos < end && is_space(text_[pos])) ++pos;  // leading blanks, as the library's reader
    std::size_t k = pos;
    while (k < end && !is_space(text_[k])) ++k;  // the word
    std::size_t p = k;
    while (p < end && is_space(text_[p])) ++p;  // then its phones
    std::size_t p_end = end;
    while (p_end > p && is_space(text_[p_end - 1])) --p_end;
    // A comment ("word P H # note") ends the phones, as in the library's reader.
    const std::size_t hash = std::string_view(text_).substr(p, p_end - p).find('#');
    if (hash != std::string_view::npos) {
      p_end = p + hash;
      while (p_end > p && is_space(text_[p_end - 1])) --p_end;
    }
    if (k > pos && p_end > p && k - pos <= UINT16_MAX && p_end - p <= UINT16_MAX)
      entries_.push_back({static_cast<uint32_t>(pos), static_cast<uint32_t>(p), static_cast<uint16_t>(k - pos),
                          static_cast<uint16_t>(p_end - p)});
    pos = end + 1;
  }
  if (entries_.empty()) throw Error(ErrorCode::ModelUnavailable, "pronouncing dictionary has no entries: " + path);
  std::stable_sort(entries_.begin(), entries_.end(), [&](const Entry& a, const Entry& b) { return key(a) < key(b); });
}

std::string_view PronouncingDictionary::lookup(std::string_view entry) const {
  const auto it = std::lower_bound(entries_.begin(), entries_.end(), entry,
                                   [&](const Entry& e, std::string_view k) { return key(e) < k; });
  if (it == entries_.end() || key(*it) != entry) return {};
  return {text_.data() + it->phones_offset, it->phones_length};
}

}  // namespace facecast::speech
