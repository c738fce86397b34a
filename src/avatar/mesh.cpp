#include "avatar/mesh.h"

#include <cmath>
#include <utility>

namespace facecast::avatar {

void compute_face_normals(Mesh& mesh) {
  mesh.normals.assign(mesh.positions.size(), Vec3{0, 0, 0});
  for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
    auto a = mesh.indices[t], b = mesh.indices[t + 1], c = mesh.indices[t + 2];
    Vec3 n = cross(mesh.positions[b] - mesh.positions[a], mesh.positions[c] - mesh.positions[a]);
    mesh.normals[a] += n;
    mesh.normals[b] += n;
    mesh.normals[c] += n;
  }
  for (auto& n : mesh.normals) n = normalize(n);
}

void append_geometry(Mesh& mesh, const Mesh& other) {
  auto base = static_cast<std::uint32_t>(mesh.positions.size());
  mesh.positions.insert(mesh.positions.end(), other.positions.begin(), other.positions.end());
  mesh.normals.insert(mesh.normals.end(), other.normals.begin(), other.normals.end());
  mesh.colors.insert(mesh.colors.end(), other.colors.begin(), other.colors.end());
  for (auto i : other.indices) mesh.indices.push_back(base + i);
}

void orient_triangles(Mesh& mesh, const std::function<Vec3(Vec3)>& outward) {
  for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
    Vec3 a = mesh.positions[mesh.indices[t]], b = mesh.positions[mesh.indices[t + 1]],
         c = mesh.positions[mesh.indices[t + 2]];
    Vec3 n = cross(b - a, c - a);
    if (dot(n, outward((a + b + c) / 3.0f)) < 0) std::swap(mesh.indices[t + 1], mesh.indices[t + 2]);
  }
}

static float channel_to_linear(float c) {
  return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

Vec3 srgb_to_linear(Vec3 s) { return {channel_to_linear(s.x), channel_to_linear(s.y), channel_to_linear(s.z)}; }

Vec3 hex_color(std::uint32_t rgb) {
  return srgb_to_linear({((rgb >> 16) & 255) / 255.0f, ((rgb >> 8) & 255) / 255.0f, (rgb & 255) / 255.0f});
}

}  // namespace facecast::avatar
