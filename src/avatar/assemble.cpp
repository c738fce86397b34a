#include "avatar/assemble.h"

#include "avatar/avatar.h"
#include "avatar/combinations.h"
#include "avatar/face_layout.h"
#include "avatar/face_rig.h"
#include "avatar/lid_surface.h"
#include "avatar/parts.h"

namespace facecast::avatar {

namespace {

using ShapeDeltas = std::vector<std::vector<Vec3>>;  // [ARKit shape][vertex]

ShapeDeltas surface_deltas(const SurfacePart& part, const FaceLayout& L) {
  ShapeDeltas out(kBlendshapeCount);
  for (std::size_t s = 0; s < kBlendshapeCount; ++s) {
    out[s].resize(part.open.size());
    for (std::size_t v = 0; v < part.open.size(); ++v)
      out[s][v] = surface_delta(static_cast<Blendshape>(s), part.mesh.positions[v], part.open[v], part.kinds[v], L);
  }
  return out;
}

ShapeDeltas eye_deltas(const Mesh& eye, int side, const FaceLayout& L) {
  ShapeDeltas out(kBlendshapeCount);
  const Vec3 c = L.eye_center[side];
  for (std::size_t s = 0; s < kBlendshapeCount; ++s) {
    EyeTurn turn = eye_turn(static_cast<Blendshape>(s), side);
    const float recess = eye_recess(static_cast<Blendshape>(s), side);
    out[s].resize(eye.positions.size());
    for (std::size_t v = 0; v < eye.positions.size(); ++v) {
      Vec3 p = rotate_about(eye.positions[v], c, {0, 1, 0}, turn.yaw);
      p = rotate_about(p, c, {1, 0, 0}, turn.pitch);
      // The front cap (within ~65 degrees of the axis, where the lid passes) sinks radially.
      Vec3 n = normalize(eye.positions[v] - c);
      p -= n * (recess * smoothstep(1.45f, 1.1f, std::acos(std::clamp(n.z, -1.0f, 1.0f))));
      out[s][v] = p - eye.positions[v];
    }
  }
  return out;
}

// Lids and lashes are rebuilt in each shape's pose; the target is the difference.
template <typename Build>
ShapeDeltas posed_deltas(const Mesh& neutral, Build build) {
  ShapeDeltas out(kBlendshapeCount);
  for (std::size_t s = 0; s < kBlendshapeCount; ++s) {
    LidPose pose[2] = {lid_pose(static_cast<Blendshape>(s), 0), lid_pose(static_cast<Blendshape>(s), 1)};
    Mesh posed = build(pose);
    out[s].resize(neutral.positions.size());
    for (std::size_t v = 0; v < neutral.positions.size(); ++v) out[s][v] = posed.positions[v] - neutral.positions[v];
  }
  return out;
}

// Names every target: the 52 ARKit shapes, then the combinations built from them.
void attach_targets(Mesh& mesh, ShapeDeltas deltas) {
  mesh.targets.clear();
  for (std::size_t s = 0; s < kBlendshapeCount; ++s)
    mesh.targets.push_back({std::string(kBlendshapeNames[s]), std::move(deltas[s])});
  for (const Combination& combo : combinations()) {
    std::vector<Vec3> sum(mesh.positions.size(), Vec3{0, 0, 0});
    for (const auto& [shape, weight] : combo.parts)
      for (std::size_t v = 0; v < sum.size(); ++v) sum[v] += mesh.targets[shape].deltas[v] * weight;
    mesh.targets.push_back({combo.name, std::move(sum)});
  }
}

}  // namespace

std::vector<Mesh> assemble_avatar(const Preset& preset) {
  const FaceLayout L = make_layout(preset);
  std::vector<Mesh> meshes;
  const LidSurface face(L);
  SurfacePart skin = make_skin(preset, L);
  tuck_skin_under_lids(skin.mesh, L, face);
  for (SurfacePart part : {std::move(skin), make_brows(preset, L), make_teeth(L), make_tongue(L)}) {
    ShapeDeltas deltas = surface_deltas(part, L);
    attach_targets(part.mesh, std::move(deltas));
    meshes.push_back(std::move(part.mesh));
  }
  for (int side = 0; side < 2; ++side) {
    Mesh eye = make_eye(preset, L, side);
    attach_targets(eye, eye_deltas(eye, side, L));
    meshes.push_back(std::move(eye));
  }
  const LidPose rest[2] = {};
  Mesh lids = make_eyelids(preset, L, face, rest);
  ShapeDeltas lid_deltas = posed_deltas(lids, [&](const LidPose* pose) { return make_eyelids(preset, L, face, pose); });
  // The shells lie on the face: they also move with it (cheeks, brows), or the skin under them would show through.
  for (std::size_t s = 0; s < kBlendshapeCount; ++s)
    for (std::size_t v = 0; v < lids.positions.size(); ++v)
      lid_deltas[s][v] += surface_delta(static_cast<Blendshape>(s), lids.positions[v], lids.positions[v], VertexKind::skin, L);
  attach_targets(lids, std::move(lid_deltas));
  meshes.push_back(std::move(lids));
  Mesh lashes = make_eyelashes(L, face, rest);
  attach_targets(lashes, posed_deltas(lashes, [&](const LidPose* pose) { return make_eyelashes(L, face, pose); }));
  meshes.push_back(std::move(lashes));
  meshes.push_back(make_hair(preset, L));
  meshes.push_back(make_clothing(preset, L));
  return meshes;
}

std::vector<std::string> morph_target_names() {
  std::vector<std::string> names(kBlendshapeNames.begin(), kBlendshapeNames.end());
  for (const Combination& combo : combinations()) names.push_back(combo.name);
  return names;
}

}  // namespace facecast::avatar
