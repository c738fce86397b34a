// Eyelids: skin-coloured shells just outside each eyeball whose edges outline an almond
// opening. Blinks and squints slide the edges over the eye (rows stay on the sphere),
// so the lids always cover the eyeball cleanly. Lashes ride on the upper edge.
#include <cmath>

#include "avatar/head_shape.h"
#include "avatar/lid_surface.h"
#include "avatar/surface_nets.h"
#include "avatar/parts.h"

namespace facecast::avatar {

namespace {

constexpr int kColumns = 52;
constexpr float kLateral = 1.55f;  // extent of the shells towards the ear, radians
constexpr float kMedial = 0.90f;   // and towards the nose (stays on its own side)
constexpr float kTop = 1.25f;    // elevation where the upper shell ends, under the brow skin
constexpr float kBottom = -1.1f;

constexpr float kMaxRise = 0.030f;
const Vec3 kLashColor{0.014f, 0.011f, 0.010f};  // furthest the shell rises above the eyeball, metres

// Where the lower shell ends: higher towards the nose, where rays from the eye's centre
// cross the crease between nose and cheek and the face is no longer one radius per direction.
float bottom(float u) { return kBottom + 0.55f * smoothstep(0.1f, -kMedial, u); }

// Openness profile along the lateral coordinate u (0 at the corners).
// The inner corner is nearer the eye's axis than the outer one: further in, the socket's
// rim would hide the eyeball before the lids meet, leaving a blunt skin edge for a corner.
constexpr float kOpeningCentre = 0.0f, kInnerHalf = 0.68f, kOuterHalf = 0.88f;
constexpr float kInnerCorner = kOpeningCentre - kInnerHalf, kOuterCorner = kOpeningCentre + kOuterHalf;
float opening(float u) {
  float t = (u - kOpeningCentre) / (u < kOpeningCentre ? kInnerHalf : kOuterHalf);
  return std::max(0.0f, 1.0f - t * t);
}

struct Edges {
  float upper, lower;  // elevations of the lid edges, radians
};

Edges lid_edges(const FaceLayout& L, float u, const LidPose& pose) {
  float f = opening(u);
  float tilt = L.eye_tilt * u - 0.03f;  // outer corner a little higher: a friendly upturn
  float lower = -0.40f * L.eye_openness * std::pow(f, 0.8f) + tilt + pose.lower_raise * f;
  float upper = 0.50f * L.eye_openness * std::pow(f, 0.7f) + tilt + pose.upper_raise * f;
  // Closed, the upper edge tucks just past the lower one along the opening (not beyond the corners).
  const float overlap = 0.015f * std::min(1.0f, 5.0f * f);
  upper = lerp(upper, lower - overlap, pose.upper_close);
  return {std::max(upper, lower - overlap), lower};
}

Vec3 direction(float phi, float theta) {
  return {std::sin(phi) * std::cos(theta), std::sin(theta), std::cos(phi) * std::cos(theta)};
}

// A grid of rows x kColumns vertices, rows listed edge first.
void add_grid(Mesh& mesh, int rows, bool flip) {
  auto base = static_cast<std::uint32_t>(mesh.positions.size()) - rows * kColumns;
  for (int r = 0; r + 1 < rows; ++r)
    for (int c = 0; c + 1 < kColumns; ++c) {
      std::uint32_t a = base + r * kColumns + c, b = a + 1, d = a + kColumns, e = d + 1;
      if (flip) mesh.indices.insert(mesh.indices.end(), {a, e, b, a, d, e});
      else mesh.indices.insert(mesh.indices.end(), {a, b, e, a, e, d});
    }
}

// Smooth maximum of two radii over a width k.
float smooth_max(float a, float b, float k) {
  float h = clamp01(0.5f + 0.5f * (b - a) / k);
  return lerp(a, b, h) + k * h * (1 - h);
}

// The lid edges, closed up where the face stands well off the eyeball (towards the nose):
// an opening there would be a slit at the face's level onto the socket.
// How far the opening is closed up at u (0 open .. 1 sealed); only towards the corners:
// the middle of the opening, over the iris, always stays open.
float seal_amount(const LidSurface& face, const FaceLayout& L, int side, float u, const Edges& e) {
  float mid = 0.5f * (e.upper + e.lower);
  return smoothstep(0.003f, 0.006f, face.radius(side, side == 0 ? u : -u, mid) - L.eye_radius) * smoothstep(0.55f, 0.3f, opening(u));
}

Edges sealed_edges(const LidSurface& face, const FaceLayout& L, int side, float u, const LidPose& pose) {
  Edges e = lid_edges(L, u, pose);
  float mid = 0.5f * (e.upper + e.lower);
  float far = seal_amount(face, L, side, u, e);
  return {lerp(e.upper, std::max(mid, e.lower - 0.015f), far), lerp(e.lower, mid, far)};
}

// Distance from eye `side`'s centre to its lid shell at (u, theta), `edge_distance`
// radians away from the lid edge: hugging the eyeball at the edge, rising to the face
// over the next ~15 degrees (the lid's fold) and everywhere past the eye's corners.
float shell_radius(const LidSurface& face, const FaceLayout& L, int side, float u, float theta, float sphere_radius,
                   float edge_distance, float* risen = nullptr, float min_rise = 0.0f) {
  float beyond_corner = std::max(kInnerCorner - u, u - kOuterCorner);
  float face_level = face.radius(side, side == 0 ? u : -u, theta) + 0.00003f;
  // Where the face stands well off the eyeball (towards the nose) the lid lies on the face:
  // a fold there would cut through the skin beside the eye's corner.
  float rise = std::max({smoothstep(0.02f, 0.28f, edge_distance), smoothstep(0.0f, 0.08f, beyond_corner),
                         smoothstep(0.003f, 0.007f, face_level - sphere_radius), min_rise});
  float level = lerp(sphere_radius, face_level, rise);
  if (risen) *risen = rise;
  return std::min(smooth_max(sphere_radius, level, 0.0006f), L.eye_radius + kMaxRise);
}

}  // namespace

Mesh make_eyelids(const Preset& preset, const FaceLayout& L, const LidSurface& face, const LidPose pose[2]) {
  Mesh mesh;
  mesh.name = "Eyelids";
  mesh.material = {"Eyelids", {1, 1, 1}, 0.55f, 0.0f, false};
  const Vec3 lips = hex_color(preset.lips);
  const float r_margin = L.eye_radius + 0.00025f, r_lower = L.lid_radius, r_upper = L.lid_radius + 0.0003f;
  // The edge rounds down onto the eyeball along the opening only; past the corners, where
  // the two shells meet, it stays level with the rows behind it (else a crease shows).
  auto margin_radius = [&](float u, float row_radius) { return lerp(row_radius, r_margin, smoothstep(0.0f, 0.15f, opening(u))); };
  // A lid vertex: on the eye's sphere at the edge, folding up to the face's level away
  // from it (same colour and normal as the skin there). The skin under the shell is
  // tucked just below it (tuck_skin_under_lids), so the two meet only at the border.
  std::vector<Vec3> face_normals;  // the face's normal behind each vertex
  // How far each column has risen towards the face so far, rows going out from the edge:
  // a row never sinks back towards the eyeball (near the inner corner, where the face stands
  // off the eye, a raised edge otherwise left a groove in the shell just above the edge).
  float column_rise[kColumns] = {};
  auto place = [&](int side, int column, float u, float theta, float sphere_radius, float edge_distance, float shade,
                   bool is_margin, float liner) {
    const float phi = side == 0 ? u : -u;
    const Vec3 c = L.eye_center[side], d = direction(phi, theta);
    float rise = 0;
    if (is_margin) column_rise[column] = 0;
    float radius = shell_radius(face, L, side, u, theta, sphere_radius, edge_distance, &rise, column_rise[column]);
    column_rise[column] = rise;
    float on_face = rise;  // smooth across the lid, so its shading has no per-row steps
    Vec3 p = c + d * radius;
    mesh.positions.push_back(p);
    // Towards the ear the border takes the skin's own normal (where the eye socket still
    // shapes the skin there, the face's normal showed the border as a faint line at the temple).
    Vec3 normal = face.normal(side, phi, theta);
    float to_skin = smoothstep(kLateral - 0.25f, kLateral - 0.02f, u);
    if (to_skin > 0)
      normal = normalize(lerp(normal, normalize(field_gradient([&](Vec3 x) { return skin_field(x, L); }, p, 0.0006f)), to_skin));
    face_normals.push_back(normal);
    Vec3 skin = skin_color(p, preset, L);
    // The margin is pink only along the opening; past the corners it lies on the face.
    float margin = is_margin ? 0.45f * smoothstep(0.0f, 0.2f, opening(u)) * (1.0f - rise) : 0.0f;
    // On the upper lid, where it folds up to the face, a soft darker crease: the fold reads
    // as a lid rather than skin stretched over the eye.
    float crease = shade > 0 ? 0.12f * bump(edge_distance - 0.34f, 0.12f) * smoothstep(0.0f, 0.5f, opening(u)) : 0.0f;
    Vec3 col = lerp(skin * (1.0f - shade * (1.0f - on_face) - crease), lips, margin);
    // The upper lid's edge is the lash line: dark from near the inner corner, so the eye
    // reads outlined (the lashes themselves are a thin band in front of it).
    col = lerp(col, kLashColor, liner * (1.0f - rise) * smoothstep(kInnerCorner + 0.06f, kInnerCorner + 0.30f, u) * smoothstep(kOuterCorner, kOuterCorner - 0.12f, u));
    mesh.colors.push_back(col);
  };
  for (int side = 0; side < 2; ++side) {
    // Upper lid: margin row, front-of-edge row, then rows up under the brow.
    const int upper_rows = 15;
    for (int r = 0; r < upper_rows; ++r)
      for (int k = 0; k < kColumns; ++k) {
        float u = lerp(-kMedial, kLateral, k / float(kColumns - 1));
        Edges e = sealed_edges(face, L, side, u, pose[side]), rest = sealed_edges(face, L, side, u, LidPose{});
        float t = r < 2 ? 0.0f : (r - 2) / float(upper_rows - 3);
        // Rows far from the edge stay where they rest, so poses move only the lid itself.
        float far = lerp(rest.upper + 0.08f, kTop, std::pow(t, 1.3f));
        float near = r == 0 ? e.upper : r == 1 ? e.upper + 0.03f : lerp(e.upper + 0.08f, kTop, std::pow(t, 1.3f));
        float theta = lerp(near, far, smoothstep(0.25f, 0.6f, t));
        float shade = r <= 1 ? 0.0f : 0.22f * bump(float(r - 2), 3.0f) + 1e-6f;  // soft lid shadow near the lashes
        // Above the lower lid (so a blink slides over it) along the opening; level with it past the corners.
        const float row_r = lerp(r_lower, r_upper, smoothstep(0.0f, 0.15f, opening(u)));
        // Measured from the posed edge near it and from the resting edge far from it, like theta.
        float from_edge = lerp(theta - e.upper, theta - rest.upper, smoothstep(0.25f, 0.6f, t));
        place(side, k, u, theta, r == 0 ? margin_radius(u, row_r) : row_r, from_edge, shade, r == 0, r <= 1 ? 0.92f : 0.0f);
      }
    add_grid(mesh, upper_rows, side == 1);
    const int lower_rows = 11;
    for (int r = 0; r < lower_rows; ++r)
      for (int k = 0; k < kColumns; ++k) {
        float u = lerp(-kMedial, kLateral, k / float(kColumns - 1));
        Edges e = sealed_edges(face, L, side, u, pose[side]), rest = sealed_edges(face, L, side, u, LidPose{});
        float t = r < 2 ? 0.0f : (r - 2) / float(lower_rows - 3);
        // Rows far from the edge stay where they rest, so poses move only the lid itself.
        float far = lerp(rest.lower - 0.08f, bottom(u), std::pow(t, 1.3f));
        float near = r == 0 ? e.lower : r == 1 ? e.lower - 0.03f : lerp(e.lower - 0.08f, bottom(u), std::pow(t, 1.3f));
        float theta = lerp(near, far, smoothstep(0.25f, 0.6f, t));
        float from_edge = lerp(e.lower - theta, rest.lower - theta, smoothstep(0.25f, 0.6f, t));
        place(side, k, u, theta, r == 0 ? margin_radius(u, r_lower) : r_lower, from_edge, 0.0f, r == 0, r == 0 ? 0.30f : 0.0f);  // a faint lower lash line
      }
    add_grid(mesh, lower_rows, side == 0);
  }
  orient_triangles(mesh, [&](Vec3 p) { return p - L.eye_center[p.x > 0 ? 0 : 1]; });
  // The face's normal everywhere, so the lid shades exactly like the skin it meets. (Leaning
  // towards the eyeball's normal where the lid lies on it lit the upper half of a closed lid
  // and the fold above an open one a shade lighter than the skin round them, clearest on
  // darker skin.)
  mesh.normals = face_normals;
  return mesh;
}

void tuck_skin_under_lids(Mesh& skin, const FaceLayout& L, const LidSurface& face) {
  // The skin must stay under the shells in every pose, not just at rest: a raised edge
  // brings the shell down towards the eyeball near it (at the inner corner, where the face
  // stands off the eye, skin tucked only under the resting shell showed through as a light
  // flap on eyeWide/eyeLookUp). Poses: rest, the widest opening (wide and look-up
  // together), and the narrowest (squint, look-down).
  const LidPose poses[] = {LidPose{}, LidPose{0.26f, 0.0f, -0.07f}, LidPose{-0.25f, 0.0f, 0.20f}};
  for (Vec3& p : skin.positions)
    for (int side = 0; side < 2; ++side) {
      const Vec3 c = L.eye_center[side], d = p - c;
      const float r = length(d);
      if (r > L.eye_radius + kMaxRise || r < 1e-6f) continue;
      const float phi = std::atan2(d.x, d.z), theta = std::asin(std::clamp(d.y / r, -1.0f, 1.0f));
      const float u = side == 0 ? phi : -phi;
      if (u < -kMedial || u > kLateral || theta < bottom(u) || theta > kTop) continue;
      Edges widest{-10.0f, 10.0f};
      for (const LidPose& pose : poses) {
        Edges e = sealed_edges(face, L, side, u, pose);
        widest = {std::max(widest.upper, e.upper), std::min(widest.lower, e.lower)};
      }
      // Inside the opening the skin is the socket's wall round the eyeball: sunk just inside
      // the eyeball, which hides it (left in front of the eyeball it showed as a blunt skin
      // edge at the inner corner, in front of the lids' own pointed corner).
      if (theta < widest.upper && theta > widest.lower) {
        float inner_limit = L.eye_radius - 0.0002f;
        if (r > inner_limit && r < face.radius(side, phi, theta) + 0.003f) p = c + d * (inner_limit / r);
        continue;
      }
      const bool upper = theta >= widest.upper;
      const float sphere_r = upper ? lerp(L.lid_radius, L.lid_radius + 0.0003f, smoothstep(0.0f, 0.15f, opening(u))) : L.lid_radius;
      float shell_r = L.eye_radius + kMaxRise;
      for (const LidPose& pose : poses) {
        Edges e = sealed_edges(face, L, side, u, pose);
        shell_r = std::min(shell_r, shell_radius(face, L, side, u, theta, sphere_r, upper ? theta - e.upper : e.lower - theta));
      }
      float face_r = face.radius(side, phi, theta);
      // Clearance under the shell, closing to nothing at its borders where both lie on the face.
      float inner = std::min({u + kMedial, kLateral - u, theta - bottom(u), kTop - theta});
      float clearance = 0.0012f * smoothstep(0.0f, 0.25f, inner) * smoothstep(0.0f, 0.004f, L.eye_radius + kMaxRise - face_r);
      float limit = shell_r - clearance;
      if (r > limit && r < face_r + 0.003f) p = c + d * (limit / r);
    }
}

Mesh make_eyelashes(const FaceLayout& L, const LidSurface& face, const LidPose pose[2]) {
  Mesh mesh;
  mesh.name = "Eyelashes";
  mesh.material = {"Eyelashes", {1, 1, 1}, 0.8f, 0.0f, true};
  // One sleek band per eye rather than separate strands (which read as a furry clump at
  // this scale): thin near the nose, longest towards the outer corner, ending in a small
  // flick that sweeps out and up past the corner.
  const int columns = 40, rows = 3;
  constexpr float kStart = kInnerCorner + 0.16f, kEnd = kOuterCorner - 0.04f;
  for (int side = 0; side < 2; ++side) {
    const float lateral = side == 0 ? 1.0f : -1.0f;
    const Vec3 c = L.eye_center[side];
    for (int r = 0; r < rows; ++r)
      for (int k = 0; k < columns; ++k) {
        float u = lerp(kStart, kEnd, k / float(columns - 1));
        Edges e = lid_edges(L, u, pose[side]);
        float phi = u * lateral, theta = e.upper + 0.010f;
        Vec3 out = direction(phi, theta);
        Vec3 up = direction(phi, theta + 1.5707964f);
        // Tapers to nothing at the inner end, and wherever the opening is sealed (a lash
        // standing off the closed-up lid there shows as a detached tip).
        float grow = smoothstep(kStart, kStart + 0.30f, u) * (1.0f - seal_amount(face, L, side, u, lid_edges(L, u, LidPose{})));
        float length = (0.0007f + 0.0017f * smoothstep(kInnerCorner + 0.3f, kEnd, u)) * grow + 0.0002f;
        float flick = smoothstep(kEnd - 0.30f, kEnd, u) * (1.0f - 0.6f * smoothstep(kEnd - 0.06f, kEnd, u));
        float t = r / float(rows - 1);
        Vec3 p = c + out * (L.lid_radius + 0.0004f) + out * (length * t * 0.75f) + up * (length * t * t * (0.8f + 0.5f * flick)) +
                 Vec3{lateral, 0, 0} * (length * t * (0.15f + 0.9f * flick) * std::max(u, 0.0f));
        mesh.positions.push_back(p);
        mesh.colors.push_back(kLashColor);
      }
    auto base = static_cast<std::uint32_t>(mesh.positions.size()) - rows * columns;
    for (int r = 0; r + 1 < rows; ++r)
      for (int k = 0; k + 1 < columns; ++k) {
        std::uint32_t a = base + r * columns + k, b = a + 1, d = a + columns, e2 = d + 1;
        mesh.indices.insert(mesh.indices.end(), {a, b, e2, a, e2, d});
      }
  }
  compute_face_normals(mesh);
  // Lashes are double sided; face their normals forward so both sides light alike.
  for (auto& n : mesh.normals) if (n.z < 0) n = -n;
  return mesh;
}

}  // namespace facecast::avatar
