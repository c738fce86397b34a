#include "support/fixtures.h"

namespace facecast::testing {

std::string fixture(const std::string& name) { return std::string(FACECAST_FIXTURE_DIR) + "/" + name; }

std::string pocketsphinx_testdata(const std::string& relative) {
  return "/usr/share/pocketsphinx/test/data/" + relative;
}

std::string facecast_binary() { return FACECAST_BINARY; }

}  // namespace facecast::testing
