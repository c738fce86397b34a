// Where tests find their input files.
#pragma once
#include <string>

namespace facecast::testing {

// A file made by tests/fixtures/make-fixtures.sh (see tests/fixtures/README.md).
std::string fixture(const std::string& name);
// Debian's pocketsphinx-testdata: real recorded speech with transcripts.
std::string pocketsphinx_testdata(const std::string& relative);
// The facecast binary built with the tests.
std::string facecast_binary();

}  // namespace facecast::testing
