#include "speech/recognizer_dictionary.h"

#include <sys/mman.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>

#include "speech/sphinx_decoder.h"

namespace facecast::speech {
namespace {

namespace fs = std::filesystem;

bool same_size(const fs::path& path, std::uintmax_t expected) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  return !ec && size == expected;
}

bool write_all(int fd, const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n <= 0) return false;
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

bool embedded_dictionary_matches(const SpeechSettings& settings) {
  const auto& embedded = kEmbeddedRecognizerDictionary;
  if (embedded.begin == embedded.end) return false;  // the build had no model to make it from
  std::error_code ec;
  const fs::path dir = fs::weakly_canonical(settings.model_dir, ec);
  if (ec || dir != fs::weakly_canonical(embedded.model_dir, ec) || ec) return false;
  return same_size(dir / "cmudict-en-us.dict", embedded.dictionary_bytes) &&
         same_size(dir / "en-us.lm.bin", embedded.language_model_bytes);
}

RecognizerDictionaryFile::RecognizerDictionaryFile(const SpeechSettings& settings)
    : path_(dictionary_path(settings)) {
  if (!embedded_dictionary_matches(settings)) return;
  // PocketSphinx reads its dictionary from a named file; an anonymous
  // in-memory file, named through /proc, needs nothing on disk. Any failure
  // here only costs the speed-up: CMUdict itself serves.
  const int fd = ::memfd_create("facecast-recognizer-dictionary", MFD_CLOEXEC);
  if (fd < 0) return;
  const auto& embedded = kEmbeddedRecognizerDictionary;
  const std::string proc_path = "/proc/self/fd/" + std::to_string(fd);
  if (!write_all(fd, embedded.begin, static_cast<size_t>(embedded.end - embedded.begin)) ||
      ::access(proc_path.c_str(), R_OK) != 0) {
    ::close(fd);
    return;
  }
  fd_ = fd;
  path_ = proc_path;
}

RecognizerDictionaryFile::~RecognizerDictionaryFile() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace facecast::speech
