// Help texts of `facecast --help` and each command's `--help`.
#pragma once
#include <string>

namespace facecast::cli {

std::string main_help();
std::string animate_help();  // lists every setting of core's setting_catalog()
std::string live_help();
std::string serve_help();  // server settings first
std::string names_help();
std::string avatar_help();
std::string version_text();

}  // namespace facecast::cli
