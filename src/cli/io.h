// Files in and out for the CLI: transcripts, rendered output, atomic writes.
#pragma once
#include <string>

#include "core/animation.h"
#include "core/settings.h"

namespace facecast::cli {

// Reads a UTF-8 transcript. Throws Error(NotFound) for a missing file,
// a directory, Error(PayloadTooLarge) for a file over 1 MB.
std::string read_transcript_file(const std::string& path);

// The output format: a --format flag wins, then OUT's extension (.csv, or
// .json: JSON unless a2f, also JSON, is configured), then the configured format
// (config file, environment, default JSON).
OutputFormat output_format(const std::string& output_path, bool format_flag, OutputFormat configured);
const char* output_extension(OutputFormat format);

// input: the audio's path as given ("-" for standard input), which the a2f
// format records as its trackPath.
// format: output's, or the one the output file's extension chose.
std::string render(const Animation& animation, const OutputSettings& output, OutputFormat format, std::string_view input);

// Writes text to path via a temporary beside it and a rename, so a failed
// run never leaves a half-written file (through symlinks: the file they name
// is replaced); a device such as /dev/null or a named pipe is written in
// place. Throws Error naming the path.
void write_file(const std::string& path, const std::string& text);
// Fails early (before minutes of work) when path's directory does not exist.
void check_writable_location(const std::string& path);
// Error(InvalidArgument) when output names the same file as the one read as
// `what` ("input", "transcript"): writing it would destroy what was read.
void refuse_same_file(const std::string& output, const std::string& read_path, const std::string& what);
// All of standard input, for `facecast animate -`; more than max_bytes is
// refused (Error PayloadTooLarge naming the max_input_mb setting).
std::string read_stdin(std::size_t max_bytes);
// A named pipe (`facecast animate <(ffmpeg ...)`, whose /dev/fd/N is one): read
// whole, as standard input is, since it cannot be seeked.
bool is_stream_path(const std::string& path);
std::string read_stream(const std::string& path, std::size_t max_bytes);
void write_stdout(const std::string& text);

}  // namespace facecast::cli
