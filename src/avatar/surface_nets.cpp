#include "avatar/surface_nets.h"

#include <algorithm>
#include <array>
#include <thread>
#include <cmath>
#include <cstdint>
#include <vector>

namespace facecast::avatar {

Vec3 field_gradient(const DistanceField& f, Vec3 p, float h) {
  return Vec3{f({p.x + h, p.y, p.z}) - f({p.x - h, p.y, p.z}), f({p.x, p.y + h, p.z}) - f({p.x, p.y - h, p.z}),
              f({p.x, p.y, p.z + h}) - f({p.x, p.y, p.z - h})} /
         (2 * h);
}

namespace {

struct Grid {
  int nx, ny, nz;  // sample counts per axis
  std::size_t at(int i, int j, int k) const { return (static_cast<std::size_t>(k) * ny + j) * nx + i; }
};

// Moves a point onto the zero level along the gradient (a few Newton steps).
Vec3 project_to_surface(const DistanceField& f, Vec3 p, float h) {
  for (int it = 0; it < 4; ++it) {
    float d = f(p);
    Vec3 g = field_gradient(f, p, h);
    float g2 = dot(g, g);
    if (g2 < 1e-8f) break;
    Vec3 step = g * (d / g2);
    if (length(step) > 2 * h) step = normalize(step) * (2 * h);  // stay near the cell
    p -= step;
    if (std::fabs(d) < 1e-6f) break;
  }
  return p;
}

}  // namespace

Mesh mesh_field(const DistanceField& field, const GridBox& box) {
  const float c = box.cell;
  Grid g{static_cast<int>(std::ceil((box.max.x - box.min.x) / c)) + 1,
         static_cast<int>(std::ceil((box.max.y - box.min.y) / c)) + 1,
         static_cast<int>(std::ceil((box.max.z - box.min.z) / c)) + 1};
  auto node = [&](int i, int j, int k) { return box.min + Vec3{i * c, j * c, k * c}; };

  // Sampling dominates the cost; slabs of the grid are independent, so use every core
  // (the result does not depend on the number of threads).
  std::vector<float> value(static_cast<std::size_t>(g.nx) * g.ny * g.nz);
  const int workers = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w)
    threads.emplace_back([&, w] {
      for (int k = w; k < g.nz; k += workers)
        for (int j = 0; j < g.ny; ++j)
          for (int i = 0; i < g.nx; ++i) value[g.at(i, j, k)] = field(node(i, j, k));
    });
  for (auto& t : threads) t.join();

  // One vertex per cell that the surface crosses, at the mean of its edge crossings.
  Mesh mesh;
  std::vector<std::int32_t> cell_vertex(value.size(), -1);
  static const std::array<std::array<int, 6>, 12> edges = {{{0, 0, 0, 1, 0, 0}, {0, 1, 0, 1, 1, 0}, {0, 0, 1, 1, 0, 1},
                                                            {0, 1, 1, 1, 1, 1}, {0, 0, 0, 0, 1, 0}, {1, 0, 0, 1, 1, 0},
                                                            {0, 0, 1, 0, 1, 1}, {1, 0, 1, 1, 1, 1}, {0, 0, 0, 0, 0, 1},
                                                            {1, 0, 0, 1, 0, 1}, {0, 1, 0, 0, 1, 1}, {1, 1, 0, 1, 1, 1}}};
  for (int k = 0; k + 1 < g.nz; ++k)
    for (int j = 0; j + 1 < g.ny; ++j)
      for (int i = 0; i + 1 < g.nx; ++i) {
        Vec3 sum{0, 0, 0};
        int crossings = 0;
        for (const auto& e : edges) {
          float a = value[g.at(i + e[0], j + e[1], k + e[2])];
          float b = value[g.at(i + e[3], j + e[4], k + e[5])];
          if ((a < 0) == (b < 0)) continue;
          float t = a / (a - b);
          sum += lerp(node(i + e[0], j + e[1], k + e[2]), node(i + e[3], j + e[4], k + e[5]), t);
          ++crossings;
        }
        if (!crossings) continue;
        cell_vertex[g.at(i, j, k)] = static_cast<std::int32_t>(mesh.positions.size());
        mesh.positions.push_back(sum / static_cast<float>(crossings));
      }

  // One quad per grid edge with a sign change, joining the four cells around it.
  auto emit = [&](std::array<std::size_t, 4> cells) {
    std::array<std::int32_t, 4> v{};
    for (int n = 0; n < 4; ++n) {
      v[n] = cell_vertex[cells[n]];
      if (v[n] < 0) return;
    }
    auto u = [&](int n) { return static_cast<std::uint32_t>(v[n]); };
    mesh.indices.insert(mesh.indices.end(), {u(0), u(1), u(2), u(0), u(2), u(3)});
  };
  for (int k = 1; k + 1 < g.nz; ++k)
    for (int j = 1; j + 1 < g.ny; ++j)
      for (int i = 1; i + 1 < g.nx; ++i) {
        bool inside = value[g.at(i, j, k)] < 0;
        if (inside != (value[g.at(i + 1, j, k)] < 0))
          emit({g.at(i, j - 1, k - 1), g.at(i, j, k - 1), g.at(i, j, k), g.at(i, j - 1, k)});
        if (inside != (value[g.at(i, j + 1, k)] < 0))
          emit({g.at(i - 1, j, k - 1), g.at(i, j, k - 1), g.at(i, j, k), g.at(i - 1, j, k)});
        if (inside != (value[g.at(i, j, k + 1)] < 0))
          emit({g.at(i - 1, j - 1, k), g.at(i, j - 1, k), g.at(i, j, k), g.at(i - 1, j, k)});
      }

  const float h = c * 0.5f;
  mesh.normals.resize(mesh.positions.size());
  threads.clear();
  for (int w = 0; w < workers; ++w)
    threads.emplace_back([&, w] {
      for (std::size_t v = w; v < mesh.positions.size(); v += workers) {
        mesh.positions[v] = project_to_surface(field, mesh.positions[v], h);
        mesh.normals[v] = normalize(field_gradient(field, mesh.positions[v], h));
      }
    });
  for (auto& t : threads) t.join();
  orient_triangles(mesh, [&](Vec3 p) { return field_gradient(field, p, h); });
  return mesh;
}

}  // namespace facecast::avatar
