// facecast: the command-line entry point. Every error becomes a one-line
// message and an exit code here, and only here.
#include <csignal>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/command_line.h"
#include "cli/help.h"
#include "cli/io.h"
#include "cli/run_animate.h"
#include "cli/run_live.h"
#include "cli/settings_layers.h"
#include "cli/usage_error.h"
#include "core/error.h"
#include "core/names.h"
#include "avatar/avatar.h"
#include "server/server.h"

namespace facecast::cli {
namespace {

int exit_code_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidArgument: return kExitUsage;
    case ErrorCode::ModelUnavailable: return kExitModelUnavailable;
    case ErrorCode::Internal: return kExitInternal;
    default: return kExitFailed;
  }
}

int fail(const char* message, int code) {
  std::fprintf(stderr, "facecast: %s\n", message);
  return code;
}

int run(const std::vector<std::string>& args) {
  Command command = parse_command_line(args);
  switch (command.kind) {
    case CommandKind::Help:
      write_stdout(command.help_topic == "animate" ? animate_help()
                   : command.help_topic == "live"  ? live_help()
                   : command.help_topic == "serve" ? serve_help()
                   : command.help_topic == "names" ? names_help()
                   : command.help_topic == "avatar" ? avatar_help()
                                                   : main_help());
      return kExitOk;
    case CommandKind::Version:
      write_stdout(version_text());
      return kExitOk;
    case CommandKind::Names: {
      std::string text;
      for (auto name : kBlendshapeNames) (text += name) += '\n';
      write_stdout(text);
      return kExitOk;
    }
    case CommandKind::Avatar: {
      const auto presets = avatar::preset_names();
      if (command.avatar.list) {
        std::string text;
        for (const auto& name : presets) (text += name) += '\n';
        write_stdout(text);
        return kExitOk;
      }
      const auto glb = avatar::build_glb(command.avatar.preset.empty() ? presets.front() : command.avatar.preset);
      const std::string bytes(reinterpret_cast<const char*>(glb.data()), glb.size());
      if (command.avatar.output == "-") write_stdout(bytes);  // as animate and live: - is standard output
      else write_file(command.avatar.output, bytes);
      return kExitOk;
    }
    case CommandKind::Live:
      return run_live(command.live, resolve_settings(command.live.flags));
    case CommandKind::Serve:
      return server::run(resolve_settings(command.serve));
    case CommandKind::Animate: {
      command.animate.settings = resolve_settings(command.animate.flags);
      std::error_code ec;
      // "-" is standard input even where a directory of that name exists.
      if (command.animate.input != "-" && std::filesystem::is_directory(command.animate.input, ec))
        return run_animate_batch(command.animate);
      return run_animate_file(command.animate);
    }
  }
  return kExitInternal;
}

}  // namespace
}  // namespace facecast::cli

int main(int argc, char** argv) {
  using namespace facecast::cli;
  // A reader that goes away (`| head`) is a write error each command reports
  // on one line, not a silent death by signal (exit 141).
  std::signal(SIGPIPE, SIG_IGN);
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const UsageError& e) {
    return fail(e.what(), kExitUsage);
  } catch (const facecast::Error& e) {
    return fail(e.what(), exit_code_for(e.code()));
  } catch (const std::bad_alloc&) {
    return fail("out of memory", kExitInternal);
  } catch (const std::exception& e) {
    return fail(e.what(), kExitInternal);
  } catch (...) {
    return fail("unknown internal error", kExitInternal);
  }
}
