// Batch mode: every audio file under a directory, N workers with one Engine each
// (engines are not thread-safe and hold a warm decoder). One bad file is
// reported and the rest continue; the exit code says whether any failed.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "cli/io.h"
#include "cli/progress.h"
#include "cli/run_animate.h"
#include "cli/usage_error.h"
#include "core/error.h"

namespace facecast::cli {
namespace fs = std::filesystem;

namespace {

struct Job {
  fs::path input;
  fs::path transcript;  // empty if there is none beside the input
  fs::path output;
};

// Every container `animate` reads one at a time, so a folder gives the same
// files as naming them (AIFF, AU, CAF and Wave64 were skipped).
bool is_audio_file(const fs::path& path) {
  static constexpr std::string_view kExtensions[] = {".wav", ".mp3", ".flac", ".ogg", ".oga", ".opus", ".webm", ".weba",
                                                     ".mka", ".aiff", ".aif", ".aifc", ".au", ".caf", ".w64"};
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return std::find(std::begin(kExtensions), std::end(kExtensions), ext) != std::end(kExtensions);
}

// Output names: each input's stem, except where names would clash (a.wav and
// a.mp3; or a.wav.ogg, whose stem is a.wav's file name): those keep their whole
// file name, which no other input has, so no output overwrites another.
std::vector<std::string> output_names(const std::vector<fs::path>& inputs) {
  std::vector<std::string> names;
  for (const auto& input : inputs) names.push_back(input.stem().string());
  for (bool changed = true; changed;) {  // each input changes at most once
    changed = false;
    std::map<std::string, int> uses;
    for (const auto& name : names) ++uses[name];
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      const std::string whole = inputs[i].filename().string();
      if (uses[names[i]] > 1 && names[i] != whole) {
        names[i] = whole;
        changed = true;
      }
    }
  }
  return names;
}

// Every audio file under dir, subdirectories included (an animator's
// dialogue/actor/*.wav); not hidden files or directories (macOS leaves a
// "._take1.wav" of metadata beside each file it copies), not the output
// directory when it lies inside dir, and not through directory symlinks (no
// loops). Subdirectories that cannot be read are listed, not skipped unsaid.
struct AudioFiles {
  std::vector<fs::path> files;
  std::vector<std::pair<fs::path, std::string>> unreadable;  // folder, why
};

AudioFiles find_audio_files(const fs::path& dir, const fs::path& out_dir) {
  AudioFiles found;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    const bool hidden = it->path().filename().string().starts_with('.');
    if (it->is_directory(type_ec) && !it->is_symlink(type_ec)) {
      std::error_code same_ec, open_ec;
      if (hidden || fs::equivalent(it->path(), out_dir, same_ec)) {
        it.disable_recursion_pending();
      } else if (fs::directory_iterator probe(it->path(), open_ec); open_ec) {
        found.unreadable.emplace_back(it->path(), open_ec.message());
      }
      continue;
    }
    if (hidden) continue;
    // A dangling link named like audio is a file the user meant: its job fails
    // and the summary names it, rather than it vanishing from the count.
    const bool dangling = it->is_symlink(type_ec) && !fs::exists(it->path(), type_ec);
    if (is_audio_file(it->path()) && (it->is_regular_file(type_ec) || dangling)) found.files.push_back(it->path());
  }
  if (ec) throw Error(ErrorCode::NotFound, fmt::format("cannot read directory '{}': {}", dir.string(), ec.message()));
  std::sort(found.files.begin(), found.files.end());
  std::sort(found.unreadable.begin(), found.unreadable.end());
  return found;
}

// Outputs mirror the input tree: DIR/a/b.wav -> OUTDIR/a/b.json.
std::vector<Job> list_jobs(std::vector<fs::path> inputs_found, const fs::path& dir, const fs::path& out_dir,
                           OutputFormat format) {
  std::map<fs::path, std::vector<fs::path>> by_folder;  // names clash only within a folder
  for (auto& input : inputs_found) by_folder[input.parent_path()].push_back(std::move(input));
  std::vector<Job> jobs;
  std::error_code ec;
  for (const auto& [folder, inputs] : by_folder) {
    const fs::path target = out_dir / folder.lexically_relative(dir);
    const std::vector<std::string> names = output_names(inputs);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      Job job{inputs[i], {}, (target / (names[i] + output_extension(format))).lexically_normal()};
      fs::path transcript = fs::path(inputs[i]).replace_extension(".txt");
      if (fs::is_regular_file(transcript, ec)) job.transcript = transcript;
      jobs.push_back(std::move(job));
    }
  }
  std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) { return a.input < b.input; });
  return jobs;
}

void create_output_folder(const fs::path& folder) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec) throw Error(ErrorCode::NotFound, fmt::format("cannot create '{}': {}", folder.string(), ec.message()));
}

}  // namespace

int run_animate_batch(const AnimateOptions& options) {
  if (options.output.empty() || options.output == "-")
    throw UsageError("batch mode needs an output directory: facecast animate DIR -o OUTDIR");
  if (options.transcript || options.transcript_file)
    throw UsageError("--transcript and --transcript-file are for one file; in batch mode put NAME.txt beside NAME.wav");
  const fs::path out_dir = options.output;
  std::error_code ec;
  if (fs::exists(out_dir, ec) && !fs::is_directory(out_dir, ec))
    throw UsageError("output '" + options.output + "' is a file; batch mode needs a directory");
  fs::create_directories(out_dir, ec);
  if (ec) throw Error(ErrorCode::NotFound, fmt::format("cannot create '{}': {}", options.output, ec.message()));

  const OutputFormat format = options.settings.output.format;
  AudioFiles found = find_audio_files(options.input, out_dir);
  for (const auto& [folder, why] : found.unreadable)
    std::fprintf(stderr, "facecast: %s: cannot read this folder (%s); its files are not animated\n",
                 one_line(folder.lexically_relative(options.input).string()).c_str(), why.c_str());
  const std::vector<Job> jobs = list_jobs(std::move(found.files), options.input, out_dir, format);
  if (jobs.empty())
    throw Error(ErrorCode::NotFound, "no audio files (wav mp3 flac ogg opus webm) in '" + options.input + "'" +
                                         (found.unreadable.empty() ? "" : " that could be read"));

  const auto with_transcript = std::count_if(jobs.begin(), jobs.end(), [](const Job& j) { return !j.transcript.empty(); });
  if (const SpeechMode mode = options.settings.speech.mode;
      with_transcript > 0 && (mode == SpeechMode::Recognize || mode == SpeechMode::Phonetic))
    std::fprintf(stderr, "facecast: warning: the transcripts beside %td file(s) are not used in %s mode (align and auto use them)\n",
                 with_transcript, std::string(mode_name(mode)).c_str());

  unsigned workers = options.jobs > 0 ? static_cast<unsigned>(options.jobs) : std::max(1u, std::thread::hardware_concurrency());
  workers = std::min<unsigned>(workers, static_cast<unsigned>(jobs.size()));

  const auto started = std::chrono::steady_clock::now();
  Progress progress(jobs.size(), stderr_is_terminal());
  std::atomic<std::size_t> next{0}, ok{0};
  std::atomic<double> audio_seconds{0};
  std::mutex fatal_mutex;
  std::exception_ptr fatal;  // an engine that cannot load fails every file: stop and report once

  const auto shared_models = make_shared_models(options.settings, static_cast<int>(workers));
  auto work = [&] {
    std::unique_ptr<Engine> engine;
    try {
      engine = std::make_unique<Engine>(options.settings, shared_models);
    } catch (...) {
      std::lock_guard lock(fatal_mutex);
      if (!fatal) fatal = std::current_exception();
      next = jobs.size();
      return;
    }
    for (std::size_t i = next++; i < jobs.size(); i = next++) {
      const Job& job = jobs[i];
      // A file name may hold control characters (a newline, a terminal escape): written as escapes.
      const std::string name = one_line(job.input.lexically_relative(options.input).string());
      try {
        std::string transcript = job.transcript.empty() ? "" : read_transcript_file(job.transcript.string());
        Animation animation = animate_file(*engine, job.input.string(), transcript, options.settings);
        const bool empty_transcript = !job.transcript.empty() && is_blank(transcript);
        create_output_folder(job.output.parent_path());
        write_file(job.output.string(), render(animation, options.settings.output, format, job.input.string()));
        audio_seconds.fetch_add(animation.duration);
        ++ok;
        if (options.verbose) progress.reported(summary_line(name, animation, empty_transcript));
        else if (const std::string note = transcript_note(animation, empty_transcript); !note.empty()) progress.reported(name + ": ok; " + note);
        else progress.succeeded(name + ": ok");
      } catch (const std::exception& e) {
        std::string message = e.what();  // most errors already name the file's path
        progress.failed(message.find(one_line(job.input.string())) != std::string::npos ? message : name + ": " + message);
      }
    }
  };
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < workers; ++w) threads.emplace_back(work);
  for (auto& t : threads) t.join();
  progress.finish();
  if (fatal) std::rethrow_exception(fatal);

  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  const std::size_t failed = jobs.size() - ok;
  const std::string unread =
      found.unreadable.empty() ? ""
                               : fmt::format(", {} folder{} not read", found.unreadable.size(), found.unreadable.size() == 1 ? "" : "s");
  std::fprintf(stderr, "facecast: %zu ok, %zu failed%s; %.1f s of audio in %.1f s with %u worker%s (%.1fx real time)\n",
               ok.load(), failed, unread.c_str(), audio_seconds.load(), wall_s, workers, workers == 1 ? "" : "s",
               wall_s > 0 ? audio_seconds.load() / wall_s : 0.0);
  return failed || !found.unreadable.empty() ? kExitFailed : kExitOk;
}

}  // namespace facecast::cli
