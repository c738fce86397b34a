#include "avatar/simplify.h"

#include <cstdint>
#include <limits>

#include <meshoptimizer.h>

namespace facecast::avatar {

void simplify_part(SurfacePart& part, float max_error_m) {
  Mesh& m = part.mesh;
  if (m.indices.empty()) return;
  float extent = meshopt_simplifyScale(&m.positions[0].x, m.positions.size(), sizeof(Vec3));
  std::vector<std::uint32_t> kept(m.indices.size());
  kept.resize(meshopt_simplify(kept.data(), m.indices.data(), m.indices.size(), &m.positions[0].x, m.positions.size(),
                               sizeof(Vec3), 0, max_error_m / extent, 0, nullptr));
  std::vector<std::uint32_t> source = kept;  // vertex cache order renders faster
  meshopt_optimizeVertexCache(kept.data(), source.data(), source.size(), m.positions.size());
  // Renumber the vertices still referenced, in first-use order (deterministic).
  std::vector<std::uint32_t> remap(m.positions.size(), std::numeric_limits<std::uint32_t>::max());
  SurfacePart out;
  out.mesh.name = m.name;
  out.mesh.material = m.material;
  for (auto& index : kept) {
    if (remap[index] == std::numeric_limits<std::uint32_t>::max()) {
      remap[index] = static_cast<std::uint32_t>(out.mesh.positions.size());
      out.mesh.positions.push_back(m.positions[index]);
      out.mesh.normals.push_back(m.normals[index]);
      if (!m.colors.empty()) out.mesh.colors.push_back(m.colors[index]);
      out.open.push_back(part.open[index]);
      out.kinds.push_back(part.kinds[index]);
    }
    index = remap[index];
  }
  out.mesh.indices = std::move(kept);
  part = std::move(out);
}

}  // namespace facecast::avatar
