#include "avatar/glb_writer.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include <nlohmann/json.hpp>

namespace facecast::avatar {

namespace {

using nlohmann::json;

constexpr int kFloat = 5126, kUint16 = 5123, kUint32 = 5125;
constexpr int kArrayBuffer = 34962, kElementArrayBuffer = 34963;
// Deltas below this (metres) are stored as zero; far below what a viewer can see.
constexpr float kDeltaEpsilon = 2e-6f;

class GltfBuilder {
 public:
  json doc = json::object();
  std::vector<std::byte> bin;

  GltfBuilder() {
    doc["accessors"] = json::array();
    doc["bufferViews"] = json::array();
  }

  int add_view(const void* data, std::size_t size, int target) {
    while (bin.size() % 4) bin.push_back(std::byte{0});
    json view = {{"buffer", 0}, {"byteOffset", bin.size()}, {"byteLength", size}};
    if (target) view["target"] = target;
    const auto* bytes = static_cast<const std::byte*>(data);
    bin.insert(bin.end(), bytes, bytes + size);
    doc["bufferViews"].push_back(view);
    return static_cast<int>(doc["bufferViews"].size()) - 1;
  }

  int add_accessor(json accessor) {
    doc["accessors"].push_back(std::move(accessor));
    return static_cast<int>(doc["accessors"].size()) - 1;
  }

  int add_vec3(const std::vector<Vec3>& values, bool with_bounds) {
    int view = add_view(values.data(), values.size() * sizeof(Vec3), kArrayBuffer);
    json a = {{"bufferView", view}, {"componentType", kFloat}, {"count", values.size()}, {"type", "VEC3"}};
    if (with_bounds) add_bounds(a, values);
    return add_accessor(a);
  }

  int add_indices(const std::vector<std::uint32_t>& indices, std::size_t vertex_count) {
    json a = {{"componentType", kUint32}, {"count", indices.size()}, {"type", "SCALAR"}};
    if (vertex_count <= 65535) {
      std::vector<std::uint16_t> small(indices.begin(), indices.end());
      a["bufferView"] = add_view(small.data(), small.size() * 2, kElementArrayBuffer);
      a["componentType"] = kUint16;
    } else {
      a["bufferView"] = add_view(indices.data(), indices.size() * 4, kElementArrayBuffer);
    }
    return add_accessor(a);
  }

  // A morph target's position deltas: only the moving vertices are stored.
  int add_sparse_deltas(const std::vector<Vec3>& deltas, std::size_t vertex_count) {
    std::vector<std::uint32_t> moved;
    std::vector<Vec3> values;
    std::vector<Vec3> dense(vertex_count, Vec3{0, 0, 0});
    for (std::size_t v = 0; v < deltas.size(); ++v) {
      const Vec3& d = deltas[v];
      if (std::fabs(d.x) < kDeltaEpsilon && std::fabs(d.y) < kDeltaEpsilon && std::fabs(d.z) < kDeltaEpsilon) continue;
      moved.push_back(static_cast<std::uint32_t>(v));
      values.push_back(d);
      dense[v] = d;
    }
    json a = {{"componentType", kFloat}, {"count", vertex_count}, {"type", "VEC3"}};
    add_bounds(a, dense);
    if (!moved.empty()) {
      json indices = {{"byteOffset", 0}};
      if (vertex_count <= 65535) {
        std::vector<std::uint16_t> small(moved.begin(), moved.end());
        indices["bufferView"] = add_view(small.data(), small.size() * 2, 0);
        indices["componentType"] = kUint16;
      } else {
        indices["bufferView"] = add_view(moved.data(), moved.size() * 4, 0);
        indices["componentType"] = kUint32;
      }
      a["sparse"] = {{"count", moved.size()},
                     {"indices", indices},
                     {"values", {{"bufferView", add_view(values.data(), values.size() * sizeof(Vec3), 0)}, {"byteOffset", 0}}}};
    }
    return add_accessor(a);
  }

 private:
  static void add_bounds(json& accessor, const std::vector<Vec3>& values) {
    float lo[3] = {std::numeric_limits<float>::max(), std::numeric_limits<float>::max(), std::numeric_limits<float>::max()};
    float hi[3] = {std::numeric_limits<float>::lowest(), std::numeric_limits<float>::lowest(),
                   std::numeric_limits<float>::lowest()};
    for (const Vec3& v : values) {
      const float c[3] = {v.x, v.y, v.z};
      for (int i = 0; i < 3; ++i) {
        lo[i] = std::min(lo[i], c[i]);
        hi[i] = std::max(hi[i], c[i]);
      }
    }
    accessor["min"] = {lo[0], lo[1], lo[2]};
    accessor["max"] = {hi[0], hi[1], hi[2]};
  }
};

void append_u32(std::vector<std::byte>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::byte>((v >> (8 * i)) & 255));
}

}  // namespace

std::vector<std::byte> write_glb_bytes(const std::vector<Mesh>& meshes, const std::string& root_name) {
  GltfBuilder b;
  b.doc["asset"] = {{"version", "2.0"}, {"generator", "Facecast avatar generator"}};
  json gltf_meshes = json::array(), nodes = json::array(), materials = json::array(), children = json::array();
  nodes.push_back({{"name", root_name}});
  for (const Mesh& mesh : meshes) {
    const Material& m = mesh.material;
    json material = {{"name", m.name},
                     {"pbrMetallicRoughness",
                      {{"baseColorFactor", {m.base_color.x, m.base_color.y, m.base_color.z, 1.0}},
                       {"metallicFactor", m.metallic},
                       {"roughnessFactor", m.roughness}}}};
    if (m.double_sided) material["doubleSided"] = true;
    materials.push_back(material);

    json attributes = {{"POSITION", b.add_vec3(mesh.positions, true)}, {"NORMAL", b.add_vec3(mesh.normals, false)}};
    if (!mesh.colors.empty()) attributes["COLOR_0"] = b.add_vec3(mesh.colors, false);
    json primitive = {{"attributes", attributes},
                      {"indices", b.add_indices(mesh.indices, mesh.positions.size())},
                      {"material", materials.size() - 1},
                      {"mode", 4}};
    json gltf_mesh = {{"name", mesh.name}};
    if (!mesh.targets.empty()) {
      json targets = json::array(), names = json::array(), weights = json::array();
      for (const MorphTarget& t : mesh.targets) {
        targets.push_back({{"POSITION", b.add_sparse_deltas(t.deltas, mesh.positions.size())}});
        names.push_back(t.name);
        weights.push_back(0.0);
      }
      primitive["targets"] = targets;
      gltf_mesh["weights"] = weights;
      gltf_mesh["extras"] = {{"targetNames", names}};
    }
    gltf_mesh["primitives"] = json::array({primitive});
    gltf_meshes.push_back(gltf_mesh);
    nodes.push_back({{"name", mesh.name}, {"mesh", gltf_meshes.size() - 1}});
    children.push_back(nodes.size() - 1);
  }
  nodes[0]["children"] = children;
  b.doc["materials"] = materials;
  b.doc["meshes"] = gltf_meshes;
  b.doc["nodes"] = nodes;
  b.doc["scenes"] = json::array({{{"name", root_name}, {"nodes", {0}}}});
  b.doc["scene"] = 0;
  while (b.bin.size() % 4) b.bin.push_back(std::byte{0});
  b.doc["buffers"] = json::array({{{"byteLength", b.bin.size()}}});

  std::string text = b.doc.dump();
  while (text.size() % 4) text.push_back(' ');
  std::vector<std::byte> out;
  append_u32(out, 0x46546C67);  // "glTF"
  append_u32(out, 2);
  append_u32(out, static_cast<std::uint32_t>(12 + 8 + text.size() + 8 + b.bin.size()));
  append_u32(out, static_cast<std::uint32_t>(text.size()));
  append_u32(out, 0x4E4F534A);  // "JSON"
  for (char c : text) out.push_back(static_cast<std::byte>(c));
  append_u32(out, static_cast<std::uint32_t>(b.bin.size()));
  append_u32(out, 0x004E4942);  // "BIN"
  out.insert(out.end(), b.bin.begin(), b.bin.end());
  return out;
}

}  // namespace facecast::avatar
