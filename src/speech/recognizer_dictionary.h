// The word recogniser's dictionary: CMUdict limited to the words of the language
// model, made at build time (tools/speech/make_recognizer_dictionary.cpp) and
// embedded in the binary. PocketSphinx builds tables for every dictionary entry
// at start-up, but its n-gram search only uses the LM's words: the smaller
// dictionary recognises the same words and loads ~0.08 s faster.
#pragma once
#include <cstdint>
#include <string>

#include "core/settings.h"

namespace facecast::speech {

// What the build embedded, and from which model files (checked before use).
struct EmbeddedRecognizerDictionary {
  const char* model_dir;               // absolute, as configured at build time
  std::uintmax_t dictionary_bytes;     // size of its cmudict-en-us.dict
  std::uintmax_t language_model_bytes; // size of its en-us.lm.bin
  const char* begin;
  const char* end;
};
extern const EmbeddedRecognizerDictionary kEmbeddedRecognizerDictionary;

// The dictionary file to give the recogniser for settings.model_dir: the
// embedded one, served from an in-memory file, when it was made from that very
// model (same directory, same file sizes); otherwise CMUdict itself. The
// in-memory file lives as long as this object.
class RecognizerDictionaryFile {
 public:
  explicit RecognizerDictionaryFile(const SpeechSettings& settings);
  ~RecognizerDictionaryFile();
  RecognizerDictionaryFile(const RecognizerDictionaryFile&) = delete;
  RecognizerDictionaryFile& operator=(const RecognizerDictionaryFile&) = delete;

  const std::string& path() const { return path_; }
  bool is_embedded() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
  std::string path_;
};

// Whether the embedded dictionary was made from settings.model_dir's model.
bool embedded_dictionary_matches(const SpeechSettings& settings);

}  // namespace facecast::speech
