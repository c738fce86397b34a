#include "cli/io.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "core/error.h"
#include "export/audio2face_json.h"
#include "export/csv.h"
#include "export/json.h"

namespace facecast::cli {
namespace fs = std::filesystem;

namespace {
constexpr std::size_t kMaxTranscriptBytes = 1 << 20;

// Reads file to its end; more than max_bytes is Error(PayloadTooLarge,
// too_large). name is for messages.
std::string read_whole(std::FILE* file, const std::string& name, std::size_t max_bytes, const std::string& too_large) {
  std::string bytes;
  char chunk[1 << 16];
  std::size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, file)) > 0) {
    if (n > max_bytes - bytes.size()) throw Error(ErrorCode::PayloadTooLarge, too_large);
    bytes.append(chunk, n);
  }
  if (std::ferror(file)) throw Error(ErrorCode::NotFound, "cannot read " + name + ": " + std::strerror(errno));
  return bytes;
}

using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

std::string too_much_audio(const std::string& name, std::size_t max_bytes) {
  // Rounded to 1e-4 MB: max_bytes is the setting's MB in bytes, rounded down
  // (0.01 would read 0.00999928).
  const double mb = std::round(static_cast<double>(max_bytes) / (1024 * 1024) * 1e4) / 1e4;
  return fmt::format("{} holds more than {:g} MB of audio (setting max_input_mb)", name, mb);
}

}  // namespace

std::string read_transcript_file(const std::string& path) {
  if (path == "-")  // as for audio and outputs: - is standard input
    return read_whole(stdin, "standard input", kMaxTranscriptBytes, "the transcript on standard input is larger than 1 MB");
  std::error_code ec;
  if (!fs::exists(path, ec)) throw Error(ErrorCode::NotFound, "transcript file '" + path + "' does not exist");
  if (fs::is_directory(path, ec))
    throw Error(ErrorCode::NotFound, "transcript file '" + path + "' is a directory");
  // Read, not sized first: a pipe (--transcript-file <(...)) has no size.
  File file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw Error(ErrorCode::NotFound, "cannot read transcript file '" + path + "': " + std::strerror(errno));
  return read_whole(file.get(), "transcript file '" + path + "'", kMaxTranscriptBytes,
                    "transcript file '" + path + "' is larger than 1 MB");
}

OutputFormat output_format(const std::string& output_path, bool format_flag, OutputFormat configured) {
  if (format_flag) return configured;
  std::string ext = fs::path(output_path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".csv") return OutputFormat::Csv;
  // .json is either JSON layout: ours, or Audio2Face's when that is configured.
  if (ext == ".json") return configured == OutputFormat::Audio2Face ? configured : OutputFormat::Json;
  return configured;
}

const char* output_extension(OutputFormat format) { return format == OutputFormat::Csv ? ".csv" : ".json"; }

std::string render(const Animation& animation, const OutputSettings& output, OutputFormat format, std::string_view input) {
  const BlendshapeNames& names = output.blendshape_names;
  if (format == OutputFormat::Csv) return exporter::to_live_link_csv(animation);
  std::string json = format == OutputFormat::Audio2Face
                         ? exporter::to_audio2face_json(animation, input == "-" || is_stream_path(std::string(input)) ? std::string_view() : input, names)
                         : exporter::to_json(animation, names);
  json += '\n';
  return json;
}

namespace {

// The file a path names once its symlinks are followed (a dangling link names
// the file it would create).
fs::path follow_links(fs::path path) {
  std::error_code ec;
  for (int hop = 0; hop < 40 && fs::is_symlink(fs::symlink_status(path, ec)); ++hop) {
    const fs::path next = fs::read_symlink(path, ec);
    if (ec) break;
    path = next.is_absolute() ? next : path.parent_path() / next;
  }
  return path;
}

// Writes all of text to file_path; false with the reason when it cannot.
bool write_whole(const std::string& file_path, const std::string& text, std::string& reason) {
  FILE* file = std::fopen(file_path.c_str(), "wb");
  if (!file) {
    reason = std::strerror(errno);
    return false;
  }
  const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  if (!written) reason = std::strerror(errno);
  const bool closed = std::fclose(file) == 0;
  if (written && !closed) reason = std::strerror(errno);
  return written && closed;
}

}  // namespace

// Writing PATH.part and renaming it over PATH means no reader ever sees a
// half-written file, but the rename replaces whatever is there: run as root,
// `-o /dev/null` turned /dev/null into a plain file. So a plain file (or
// none) is replaced by rename, through any symlinks to it; anything else (a
// device, a named pipe) is written in place.
void write_file(const std::string& path, const std::string& text) {
  const fs::path target = follow_links(path);
  std::error_code ec;
  const auto type = fs::symlink_status(target, ec).type();
  std::string reason;
  if (type != fs::file_type::not_found && type != fs::file_type::regular) {
    if (!write_whole(path, text, reason)) throw Error(ErrorCode::NotFound, "cannot write '" + path + "': " + reason);
    return;
  }
  const std::string partial = target.string() + ".part";
  bool ok = write_whole(partial, text, reason);
  if (ok) {
    fs::rename(partial, target, ec);
    if (ec) reason = ec.message();
    ok = !ec;
  }
  if (!ok) {
    fs::remove(partial, ec);
    throw Error(ErrorCode::NotFound, "cannot write '" + path + "': " + reason);
  }
}

void check_writable_location(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw Error(ErrorCode::NotFound, "cannot write '" + path + "': it is a directory");
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) return;
  if (!fs::is_directory(dir, ec)) throw Error(ErrorCode::NotFound, "cannot write '" + path + "': no directory '" + dir.string() + "'");
}

void refuse_same_file(const std::string& output, const std::string& read_path, const std::string& what) {
  std::error_code ec;
  if (read_path == "-" || !fs::exists(output, ec)) return;
  if (fs::equivalent(output, read_path, ec) && !ec)
    throw Error(ErrorCode::InvalidArgument, "-o '" + output + "' is the " + what + " file; it would be overwritten");
}

bool is_stream_path(const std::string& path) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  return !ec && fs::is_fifo(status);  // not devices: /dev/zero would be read forever
}

std::string read_stream(const std::string& path, std::size_t max_bytes) {
  File file(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!file) throw Error(ErrorCode::NotFound, "cannot read '" + path + "': " + std::strerror(errno));
  const std::string name = "'" + path + "'";
  return read_whole(file.get(), name, max_bytes, too_much_audio(name, max_bytes));
}

std::string read_stdin(std::size_t max_bytes) {
  return read_whole(stdin, "standard input", max_bytes, too_much_audio("standard input", max_bytes));
}

void write_stdout(const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
    throw Error(ErrorCode::NotFound, std::string("cannot write to stdout: ") + std::strerror(errno));
}

}  // namespace facecast::cli
