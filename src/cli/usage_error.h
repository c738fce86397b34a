// A wrong command line (unknown option, missing value, bad setting value).
// main() turns it into exit code 2; everything else is an input or processing error.
#pragma once
#include <stdexcept>
#include <string>

#include "core/error.h"

namespace facecast::cli {

class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& message) : std::runtime_error(one_line(message)) {}
};

// Exit codes, documented in `facecast --help`.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailed = 1,            // bad or unreadable input, processing failed, a batch file failed
  kExitUsage = 2,             // wrong command line or setting value
  kExitModelUnavailable = 3,  // the speech model could not be loaded
  kExitInternal = 4,          // a bug: please report it
};

}  // namespace facecast::cli
