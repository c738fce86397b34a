// A bare server process for the load benchmarks: settings as key=value arguments.
#include <cstdio>

#include "core/error.h"
#include "core/settings.h"
#include "server/server.h"

int main(int argc, char** argv) {
  facecast::Settings settings;
  try {
    for (int i = 1; i < argc; ++i) {
      std::string_view arg = argv[i];
      auto eq = arg.find('=');
      facecast::apply_setting(settings, arg.substr(0, eq), eq == arg.npos ? "" : arg.substr(eq + 1));
    }
  } catch (const facecast::Error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  return facecast::server::run(settings);
}
