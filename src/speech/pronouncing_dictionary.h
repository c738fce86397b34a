// CMUdict as a read-only table, loaded once per process and shared by every
// worker: a PocketSphinx dictionary costs ~23 MB per decoder (measured), this
// ~6 MB for all of them. Lookups are const and thread-safe.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace facecast::speech {

class PronouncingDictionary {
 public:
  // Reads a CMUdict-format file ("word(2) P H O N E S" per line); throws
  // Error(ModelUnavailable) naming the file when it cannot be read or holds no entries.
  explicit PronouncingDictionary(const std::string& path);

  // The phones of one entry ("read" or "read(2)"), space-separated; empty
  // when the dictionary lacks it. Case-sensitive, as the file.
  std::string_view lookup(std::string_view entry) const;

  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    uint32_t key_offset, phones_offset;
    uint16_t key_length, phones_length;
  };
  std::string_view key(const Entry& e) const { return {text_.data() + e.key_offset, e.key_length}; }

  std::string text_;            // the file as read; entries point into it
  std::vector<Entry> entries_;  // sorted by key
};

}  // namespace facecast::speech
