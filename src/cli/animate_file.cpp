#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <span>

#include <fmt/format.h>

#include "cli/io.h"
#include "cli/run_animate.h"
#include "core/error.h"

namespace facecast::cli {
namespace {

double ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

std::string summary_line(const std::string& label, const Animation& a, bool empty_transcript) {
  const double seconds = a.processing_ms / 1000;
  const std::string note = transcript_note(a, empty_transcript);
  return fmt::format("{}: {:.2f} s of audio, {} frames at {:.6g} fps, {} words, {} phones, mode {}, {:.0f} ms ({:.0f}x real time){}",
                     label, a.duration, a.frames.size(), a.fps,
                     a.speech.words.size(), a.speech.phones.size(), mode_name(a.speech.mode), a.processing_ms,
                     seconds > 0 ? a.duration / seconds : 0.0, note.empty() ? "" : "; " + note);
}

bool is_blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

std::string transcript_note(const Animation& a, bool empty_transcript) {
  static constexpr std::size_t kNamed = 6;
  const auto named = [](const auto& items, auto text_of) {
    std::string out;
    for (std::size_t i = 0; i < std::min(items.size(), kNamed); ++i) {
      if (i) out += ' ';
      out += excerpt(text_of(items[i]));  // a run of CJK text can be a whole transcript
    }
    return one_line(items.size() > kNamed ? out + " ..." : out);
  };
  std::string note;
  if (empty_transcript && a.speech.mode == SpeechMode::Recognize) note = "the transcript is empty: the speech was recognised";
  if (const auto& unread = a.speech.unread_transcript; !unread.empty()) {
    note += fmt::format("{}'{}' in the transcript is not in Latin letters (or a sign with no reading): {}",
                       note.empty() ? "" : "; ", named(unread, [](const std::string& s) { return s; }),
                       a.speech.mode == SpeechMode::Phonetic ? "no word was left to align, phonetic mode was used"
                                                             : "left out of the words aligned");
  }
  if (const auto& words = a.speech.unaligned_words; !words.empty()) {
    note += fmt::format("{}{} transcript word{} not found in the audio ('{}'), left out of \"words\"",
                        note.empty() ? "" : "; ", words.size(), words.size() == 1 ? "" : "s",
                        named(words, [](const UnalignedWord& w) { return w.word; }));
  }
  return note;
}

Animation animate_file(Engine& engine, const std::string& path, const std::string& transcript,
                       const Settings& settings) {
  const auto started = std::chrono::steady_clock::now();
  audio::DecodedAudio audio = audio::decode_file(path, settings.audio);
  Animation animation = engine.animate(audio, transcript, settings);
  animation.processing_ms = ms_since(started);
  return animation;
}

int run_animate_file(const AnimateOptions& options) {
  std::string transcript = options.transcript.value_or("");
  if (options.transcript_file) transcript = read_transcript_file(*options.transcript_file);
  const bool empty_transcript = (options.transcript || options.transcript_file) && is_blank(transcript);
  if (const SpeechMode mode = options.settings.speech.mode;
      !is_blank(transcript) && (mode == SpeechMode::Recognize || mode == SpeechMode::Phonetic))
    std::fprintf(stderr, "facecast: warning: the transcript is not used in %s mode (align and auto use it)\n",
                 std::string(mode_name(mode)).c_str());
  const OutputFormat format = output_format(options.output, options.flags.has("format"), options.settings.output.format);

  const bool to_stdout = options.output.empty() || options.output == "-";
  if (!to_stdout) {
    check_writable_location(options.output);
    // `animate talk.wav -o talk.wav` replaced the recording with its JSON.
    refuse_same_file(options.output, options.input, "input");
    if (options.transcript_file) refuse_same_file(options.output, *options.transcript_file, "transcript");
  }

  // Decode before loading the model so a bad file fails at once.
  auto started = std::chrono::steady_clock::now();
  audio::DecodedAudio audio;
  if (options.input == "-" || is_stream_path(options.input)) {
    const auto max_bytes = static_cast<std::size_t>(options.settings.audio.max_input_mb * 1024 * 1024);
    const std::string bytes = options.input == "-" ? read_stdin(max_bytes) : read_stream(options.input, max_bytes);
    audio = audio::decode_memory(std::as_bytes(std::span(bytes.data(), bytes.size())), options.settings.audio);
  } else {
    audio = audio::decode_file(options.input, options.settings.audio);
  }
  const double decode_ms = ms_since(started);

  Engine engine(options.settings);
  Animation animation = engine.animate(audio, transcript, options.settings);
  animation.processing_ms += decode_ms;

  std::string text = render(animation, options.settings.output, format, options.input);
  if (to_stdout) write_stdout(text);
  else write_file(options.output, text);
  if (options.verbose) {
    const std::string name = one_line(std::filesystem::path(options.input).filename().string());
    std::fprintf(stderr, "facecast: %s\n", summary_line(name, animation, empty_transcript).c_str());
  } else if (const std::string note = transcript_note(animation, empty_transcript); !note.empty()) {
    std::fprintf(stderr, "facecast: warning: %s\n", note.c_str());
  }
  return 0;
}

}  // namespace facecast::cli
