// `facecast live`: raw PCM from stdin (or a file or FIFO) through the live
// engine, the same LiveSession as WebSocket /stream; its messages are written
// one per line (NDJSON) as soon as the frames exist.
#pragma once
#include "cli/command_line.h"

namespace facecast::cli {

int run_live(const LiveOptions& options, const Settings& settings);  // exit code; errors are thrown

}  // namespace facecast::cli
