// The word recogniser's dictionary embedded at build time (CMUdict limited to the
// language model's words): what it holds, when it is used, and that recognition
// is the same with it as with the whole of CMUdict.
#include "speech/recognizer_dictionary.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

#include "speech/pcm16.h"
#include "speech/sphinx_decoder.h"
#include "speech/speech_audio.h"

namespace facecast::speech {
namespace {

namespace fs = std::filesystem;

// word -> its pronunciations, one line each, as the dictionary file has them.
std::multimap<std::string, std::string> read_entries(std::istream& in) {
  std::multimap<std::string, std::string> entries;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) entries.emplace(line.substr(0, line.find_first_of(" \t")), line);
  return entries;
}

// A model directory of its own holding links to the installed model's files:
// the same model, but not the one the binary's dictionary was made from.
fs::path linked_model_copy() {
  const fs::path original = SpeechSettings{}.model_dir;
  const fs::path copy = fs::temp_directory_path() / ("facecast-model-copy-" + std::to_string(::getpid()));
  fs::remove_all(copy);
  fs::create_directories(copy);
  for (const auto& entry : fs::directory_iterator(original)) fs::create_symlink(entry.path(), copy / entry.path().filename());
  return copy;
}

TEST(recognizerDictionary, isEmbeddedForTheInstalledModel) {
  const RecognizerDictionaryFile file{SpeechSettings{}};
  EXPECT_TRUE(file.is_embedded());
  EXPECT_EQ(file.path().rfind("/proc/self/fd/", 0), 0u) << file.path();
}

TEST(recognizerDictionary, holdsCmudictsEntriesForTheLanguageModelsWordsOnly) {
  const RecognizerDictionaryFile file{SpeechSettings{}};
  ASSERT_TRUE(file.is_embedded());
  std::ifstream embedded_in(file.path()), cmudict_in(dictionary_path(SpeechSettings{}));
  const auto embedded = read_entries(embedded_in), cmudict = read_entries(cmudict_in);
  // Every entry is CMUdict's, unchanged, alternative pronunciations included.
  for (const auto& [word, line] : embedded) {
    const auto [from, to] = cmudict.equal_range(word);
    ASSERT_NE(from, to) << word;
    EXPECT_EQ(from->second, line);
  }
  EXPECT_EQ(embedded.count("forward"), 1u);
  EXPECT_EQ(embedded.count("read(2)"), 1u);
  // Far fewer entries than CMUdict (79,420 of 134,723 with Debian 12's model).
  EXPECT_GT(embedded.size(), 60000u);
  EXPECT_LT(embedded.size(), cmudict.size() * 2 / 3);
}

TEST(recognizerDictionary, fallsBackToCmudictForAnotherModelDirectory) {
  const fs::path copy = linked_model_copy();
  SpeechSettings settings;
  settings.model_dir = copy.string();
  const RecognizerDictionaryFile file{settings};
  EXPECT_FALSE(file.is_embedded());
  EXPECT_EQ(file.path(), dictionary_path(settings));
  fs::remove_all(copy);
}

TEST(recognizerDictionary, recognisesTheSameWordsAsTheWholeOfCmudict) {
  const fs::path copy = linked_model_copy();
  SpeechSettings whole;
  whole.model_dir = copy.string();
  std::vector<int16_t> pcm;
  append_pcm16(testing::librivox(1), 1.0f, pcm);
  auto words = [&](const SpeechSettings& settings) {
    SphinxDecoder decoder(settings, SearchKind::Recognize);
    std::ostringstream out;
    for (const auto& s : decoder.decode_utterance(pcm)) out << s.word << '@' << s.start_frame << ' ';
    return out.str();
  };
  const std::string with_embedded = words(SpeechSettings{});
  EXPECT_GT(with_embedded.size(), 40u) << with_embedded;
  EXPECT_EQ(with_embedded, words(whole));
  fs::remove_all(copy);
}

}  // namespace
}  // namespace facecast::speech
