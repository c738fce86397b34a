// Facecast's default avatars: stylised head-and-shoulders characters generated from
// signed distance fields, with the 52 ARKit morph targets, 15 visemes and the
// Ready Player Me extras (mouthOpen, mouthSmile, eyesClosed, eyesLookUp, eyesLookDown),
// written as glTF 2.0 binary. Output is deterministic for a given preset.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace facecast::avatar {

// Names of the built-in presets; the first is the default.
std::vector<std::string> preset_names();

// The GLB of one preset. Throws facecast::Error(InvalidArgument) for an unknown preset.
std::vector<std::byte> build_glb(std::string_view preset);

// Writes build_glb(preset) to path. Throws facecast::Error(NotFound) when the file
// cannot be written.
void write_glb(std::string_view preset, const std::string& path);

// Names of all morph targets every moving mesh carries, in file order.
std::vector<std::string> morph_target_names();

}  // namespace facecast::avatar
