// Clothing: a rounded torso with shoulders and a collar around the neck, per style.
#include <cmath>

#include "avatar/parts.h"
#include "avatar/sdf.h"
#include "avatar/simplify.h"
#include "avatar/surface_nets.h"

namespace facecast::avatar {

using namespace sdf;

namespace {

float clothing_field(Vec3 q, const Preset& preset, const FaceLayout& L) {
  const Vec3 p = q - Vec3{0, 0.03f, 0};  // shoulders sit a little higher than first modelled
  // Shoulders slope down from the neck like a person's, not a coat hanger's.
  Vec3 m{std::fabs(p.x), p.y, p.z};
  float torso = capsule(m, {0, -0.212f, -0.032f}, {0.130f, -0.248f, -0.034f}, 0.048f, 0.052f);  // shoulders
  torso = smooth_union(torso, ellipsoid(p, {0, -0.33f, -0.024f}, {0.172f, 0.13f, 0.090f}), 0.06f);
  torso = smooth_union(torso, ellipsoid(p, {0, -0.29f, 0.010f}, {0.110f, 0.07f, 0.060f}), 0.04f);  // chest
  torso = std::max(torso, -0.42f - p.y);
  const float neck_hole = 0.0465f;
  float neck = length(Vec3{p.x, 0, p.z + 0.028f});
  switch (preset.clothing) {
    case Clothing::turtleneck: {
      float collar = smooth_intersect(neck - 0.058f, p.y + 0.150f, 0.006f);
      torso = smooth_union(torso, collar, 0.02f);
      break;
    }
    case Clothing::crew_neck: {
      float rib = length(Vec3{neck - 0.055f, p.y + 0.196f, 0}) - 0.006f;
      torso = smooth_union(torso, rib, 0.004f);
      break;
    }
    case Clothing::hoodie: {
      // The lowered hood: a soft roll lying round the back of the neck onto the shoulders.
      Vec3 r{p.x, p.y + 0.168f, p.z + 0.032f};
      float roll = std::hypot(std::hypot(r.x, r.z * 1.1f) - 0.074f, r.y * 1.1f) - 0.024f;
      float hood = smooth_intersect(roll, r.z + 0.012f, 0.02f);
      float rib = length(Vec3{neck - 0.056f, p.y + 0.19f, 0}) - 0.008f;
      torso = smooth_union(smooth_union(torso, hood, 0.03f), rib, 0.006f);
      break;
    }
  }
  (void)L;
  return smooth_intersect(torso, neck_hole - neck, 0.003f);
}

}  // namespace

Mesh make_clothing(const Preset& preset, const FaceLayout& L) {
  GridBox box{{-0.25f, -0.40f, -0.16f}, {0.25f, -0.10f, 0.12f}, 0.0030f};
  Mesh mesh = mesh_field([&](Vec3 p) { return clothing_field(p, preset, L); }, box);
  mesh.name = "Clothing";
  mesh.material = {"Clothing", {1, 1, 1}, 0.9f, 0.0f, false};
  SurfacePart part = as_surface_part(std::move(mesh), VertexKind::fixed);
  simplify_part(part, 0.0003f);
  const Vec3 color = hex_color(preset.cloth);
  part.mesh.colors.resize(part.open.size());
  // Plain colour: a knit pattern sampled at the mesh's ~3 mm vertices only aliased into
  // blotches that made the cloth look lumpy.
  for (std::size_t v = 0; v < part.open.size(); ++v) part.mesh.colors[v] = color;
  return part.mesh;
}

}  // namespace facecast::avatar
