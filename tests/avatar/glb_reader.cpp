#include "avatar/glb_reader.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace facecast::avatar::testing {

namespace {

using nlohmann::json;

std::uint32_t u32(const std::vector<std::byte>& b, std::size_t at) {
  if (at + 4 > b.size()) throw std::runtime_error("GLB truncated");
  std::uint32_t v;
  std::memcpy(&v, b.data() + at, 4);
  return v;
}

class Accessors {
 public:
  Accessors(const json& doc, const std::byte* bin, std::size_t bin_size) : doc_(doc), bin_(bin), bin_size_(bin_size) {}

  std::vector<Vec3> vec3(int index) const {
    const json& a = doc_["accessors"][index];
    if (a["type"] != "VEC3" || a["componentType"] != 5126) throw std::runtime_error("expected float VEC3 accessor");
    std::size_t count = a["count"];
    std::vector<Vec3> out(count, Vec3{0, 0, 0});
    if (a.contains("bufferView")) {
      const std::byte* src = view(a["bufferView"], a.value("byteOffset", 0), count * 12);
      std::memcpy(out.data(), src, count * 12);
    }
    if (a.contains("sparse")) {
      const json& s = a["sparse"];
      std::size_t n = s["count"];
      int type = s["indices"]["componentType"];
      std::size_t width = type == 5123 ? 2 : 4;
      const std::byte* idx = view(s["indices"]["bufferView"], s["indices"].value("byteOffset", 0), n * width);
      const std::byte* val = view(s["values"]["bufferView"], s["values"].value("byteOffset", 0), n * 12);
      for (std::size_t i = 0; i < n; ++i) {
        std::uint32_t v = 0;
        std::memcpy(&v, idx + i * width, width);
        if (v >= count) throw std::runtime_error("sparse index out of range");
        std::memcpy(&out[v], val + i * 12, 12);
      }
    }
    return out;
  }

 private:
  const std::byte* view(int index, std::size_t offset, std::size_t size) const {
    const json& v = doc_["bufferViews"][index];
    std::size_t start = v.value("byteOffset", 0) + offset;
    if (start + size > bin_size_ || offset + size > static_cast<std::size_t>(v["byteLength"]))
      throw std::runtime_error("accessor outside its buffer view");
    return bin_ + start;
  }
  const json& doc_;
  const std::byte* bin_;
  std::size_t bin_size_;
};

}  // namespace

const ReadMesh& ReadGlb::mesh(const std::string& name) const {
  for (const auto& m : meshes)
    if (m.name == name) return m;
  throw std::runtime_error("no mesh named " + name);
}

ReadGlb read_glb(const std::vector<std::byte>& b) {
  if (u32(b, 0) != 0x46546C67 || u32(b, 4) != 2) throw std::runtime_error("not a glTF 2 binary");
  std::uint32_t json_len = u32(b, 12);
  if (u32(b, 16) != 0x4E4F534A) throw std::runtime_error("first chunk is not JSON");
  json doc = json::parse(reinterpret_cast<const char*>(b.data() + 20), reinterpret_cast<const char*>(b.data() + 20 + json_len));
  std::size_t bin_at = 20 + json_len;
  std::uint32_t bin_len = u32(b, bin_at);
  if (u32(b, bin_at + 4) != 0x004E4942 || bin_at + 8 + bin_len > b.size()) throw std::runtime_error("bad BIN chunk");
  Accessors acc(doc, b.data() + bin_at + 8, bin_len);
  ReadGlb out;
  for (const json& m : doc["meshes"]) {
    ReadMesh mesh;
    mesh.name = m.value("name", "");
    const json& prim = m["primitives"][0];
    mesh.positions = acc.vec3(prim["attributes"]["POSITION"]);
    if (prim.contains("targets")) {
      const json& names = m["extras"]["targetNames"];
      if (names.size() != prim["targets"].size()) throw std::runtime_error("targetNames count differs from targets");
      for (std::size_t t = 0; t < names.size(); ++t) {
        mesh.targets[names[t]] = acc.vec3(prim["targets"][t]["POSITION"]);
        mesh.target_order.push_back(names[t]);
      }
    }
    out.meshes.push_back(std::move(mesh));
  }
  return out;
}

std::vector<std::byte> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::vector<char> chars((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::byte> out(chars.size());
  std::memcpy(out.data(), chars.data(), chars.size());
  return out;
}

}  // namespace facecast::avatar::testing
