#include "cli/io.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.h"
#include "export/csv.h"
#include "export/json.h"

namespace facecast::cli {
namespace fs = std::filesystem;

namespace {
constexpr std::uintmax_t kMaxTranscriptBytes = 1 << 20;
}

std::string read_transcript_file(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw Error(ErrorCode::NotFound, "transcript file '" + path + "' does not exist");
  if (fs::is_directory(path, ec))
    throw Error(ErrorCode::NotFound, "transcript file '" + path + "' is a directory");
  if (fs::file_size(path, ec) > kMaxTranscriptBytes)
    throw Error(ErrorCode::PayloadTooLarge, "transcript file '" + path + "' is larger than 1 MB");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::NotFound, "cannot read transcript file '" + path + "': " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

OutputFormat output_format(const std::string& output_path, bool format_flag, OutputFormat configured) {
  if (format_flag) return configured;
  std::string ext = fs::path(output_path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".csv") return OutputFormat::Csv;
  if (ext == ".json") return OutputFormat::Json;
  return configured;
}

const char* output_extension(OutputFormat format) { return format == OutputFormat::Csv ? ".csv" : ".json"; }

std::string render(const Animation& animation, OutputFormat format) {
  if (format == OutputFormat::Csv) return exporter::to_live_link_csv(animation);
  std::string json = exporter::to_json(animation);
  json += '\n';
  return json;
}

namespace {

// Writing to PATH.part and renaming it over PATH means a reader never sees a
// half-written file; but the rename replaces whatever PATH was. For anything
// but a plain file (a device: `-o /dev/null` run as root turned /dev/null
// into a file; a named pipe; a symlink) the output is written in place.
bool replace_by_rename(const std::string& path) {
  std::error_code ec;
  const auto type = fs::symlink_status(path, ec).type();
  return type == fs::file_type::not_found || type == fs::file_type::regular;
}

void write_in_place(const std::string& path, const std::string& text) {
  FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) throw Error(ErrorCode::NotFound, "cannot write '" + path + "': " + std::strerror(errno));
  bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  const int write_errno = errno;
  if (std::fclose(file) != 0 || !ok)
    throw Error(ErrorCode::NotFound, "cannot write '" + path + "': " + std::strerror(ok ? errno : write_errno));
}

}  // namespace

void write_file(const std::string& path, const std::string& text) {
  if (!replace_by_rename(path)) return write_in_place(path, text);
  const std::string partial = path + ".part";
  FILE* file = std::fopen(partial.c_str(), "wb");
  if (!file) throw Error(ErrorCode::NotFound, "cannot write '" + path + "': " + std::strerror(errno));
  bool ok = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  ok = (std::fclose(file) == 0) && ok;
  std::error_code ec;
  if (ok) fs::rename(partial, path, ec);
  if (!ok || ec) {
    std::string reason = ec ? ec.message() : std::strerror(errno);
    fs::remove(partial, ec);
    throw Error(ErrorCode::NotFound, "cannot write '" + path + "': " + reason);
  }
}

void check_writable_location(const std::string& path) {
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) return;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error(ErrorCode::NotFound, "cannot write '" + path + "': no directory '" + dir.string() + "'");
}

std::string read_stdin() {
  std::string bytes;
  char chunk[1 << 16];
  std::size_t n;
  while ((n = std::fread(chunk, 1, sizeof chunk, stdin)) > 0) bytes.append(chunk, n);
  if (std::ferror(stdin)) throw Error(ErrorCode::NotFound, std::string("cannot read standard input: ") + std::strerror(errno));
  return bytes;
}

void write_stdout(const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
    throw Error(ErrorCode::NotFound, std::string("cannot write to stdout: ") + std::strerror(errno));
}

}  // namespace facecast::cli
