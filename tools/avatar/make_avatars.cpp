// Build tool: writes every preset avatar (or only the named ones) as <out_dir>/<preset>.glb.
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "avatar/avatar.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR [PRESET...]\n", argv[0]);
    return 2;
  }
  try {
    std::filesystem::create_directories(argv[1]);
    std::vector<std::string> names(argv + 2, argv + argc);  // while modelling: just the presets named
    if (names.empty()) names = facecast::avatar::preset_names();
    for (const std::string& name : names) {
      auto start = std::chrono::steady_clock::now();
      std::string path = std::string(argv[1]) + "/" + name + ".glb";
      facecast::avatar::write_glb(name, path);
      double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("%s: %ju bytes in %.2f s\n", path.c_str(), static_cast<std::uintmax_t>(std::filesystem::file_size(path)),
                  seconds);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "avatars: %s\n", e.what());
    return 1;
  }
  return 0;
}
