// facecast: the command-line entry point. Errors become exit codes here only.
#include <cstdio>
#include <cstring>

#include "core/names.h"

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "names") == 0) {
    for (auto name : facecast::kBlendshapeNames) std::printf("%.*s\n", int(name.size()), name.data());
    return 0;
  }
  std::fprintf(stderr, "usage: facecast names\n");
  return 2;
}
