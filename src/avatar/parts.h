// Builders for each part of the avatar. A part is a mesh plus what the rig needs to
// move it: the positions as modelled before the lips were closed ("open"), and a kind.
#pragma once
#include <vector>

#include "avatar/face_layout.h"
#include "avatar/mesh.h"

namespace facecast::avatar {

// How the rig treats a vertex.
enum class VertexKind : unsigned char { skin, upper_teeth, lower_teeth, tongue, fixed };

struct SurfacePart {
  Mesh mesh;
  std::vector<Vec3> open;          // pre-closure positions, used to tell upper from lower lip
  std::vector<VertexKind> kinds;   // one per vertex
};

SurfacePart make_skin(const Preset& preset, const FaceLayout& L);
SurfacePart make_brows(const Preset& preset, const FaceLayout& L);
SurfacePart make_teeth(const FaceLayout& L);
SurfacePart make_tongue(const FaceLayout& L);
Mesh make_hair(const Preset& preset, const FaceLayout& L);
Mesh make_clothing(const Preset& preset, const FaceLayout& L);

// Eyeball of eye `side` (0 = left, +X; 1 = right), looking along +Z.
Mesh make_eye(const Preset& preset, const FaceLayout& L, int side);

// Pose of the lid edges of one eye, in radians of elevation around the eye centre.
struct LidPose {
  float upper_raise = 0;   // + opens the upper lid further
  float upper_close = 0;   // 0..1: 1 brings the upper edge down onto the lower edge
  float lower_raise = 0;   // + lifts the lower lid
};
// Both eyes' lids (skin-coloured shells sliding over the eyeballs) and lashes.
class LidSurface;
Mesh make_eyelids(const Preset& preset, const FaceLayout& L, const LidSurface& face, const LidPose pose[2]);
// Moves the skin that lies under the lid shells just below them (the shells lie on the
// face's level, so the two meet only at the shells' borders).
void tuck_skin_under_lids(Mesh& skin, const FaceLayout& L, const LidSurface& face);
Mesh make_eyelashes(const FaceLayout& L, const LidSurface& face, const LidPose pose[2]);

// Colour of the skin at p (lips, blush, mouth interior); lids use it to match the face.
Vec3 skin_color(Vec3 p, const Preset& preset, const FaceLayout& L);

// Helper for parts built from a field: wraps a field mesh as a part of one kind.
SurfacePart as_surface_part(Mesh mesh, VertexKind kind);

}  // namespace facecast::avatar
