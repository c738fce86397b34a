// Build tool: writes every preset avatar as <out_dir>/<preset>.glb.
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>

#include "avatar/avatar.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  try {
    std::filesystem::create_directories(argv[1]);
    for (const std::string& name : facecast::avatar::preset_names()) {
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
