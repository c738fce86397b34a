// Minimal 3-vector maths for the avatar generator (metres, glTF axes: +Y up, face looks +Z).
#pragma once
#include <algorithm>
#include <cmath>

namespace facecast::avatar {

struct Vec3 {
  float x = 0, y = 0, z = 0;
  Vec3() = default;
  constexpr Vec3(float x_, float y_, float z_) : x(x_), y(y_), z(z_) {}
  Vec3 operator+(Vec3 o) const { return {x + o.x, y + o.y, z + o.z}; }
  Vec3 operator-(Vec3 o) const { return {x - o.x, y - o.y, z - o.z}; }
  Vec3 operator*(float s) const { return {x * s, y * s, z * s}; }
  Vec3 operator/(float s) const { return {x / s, y / s, z / s}; }
  Vec3 operator-() const { return {-x, -y, -z}; }
  Vec3& operator+=(Vec3 o) { x += o.x; y += o.y; z += o.z; return *this; }
  Vec3& operator-=(Vec3 o) { x -= o.x; y -= o.y; z -= o.z; return *this; }
  Vec3& operator*=(float s) { x *= s; y *= s; z *= s; return *this; }
};

inline float dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
inline Vec3 cross(Vec3 a, Vec3 b) { return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x}; }
inline float length(Vec3 a) { return std::sqrt(dot(a, a)); }
inline Vec3 normalize(Vec3 a) { float l = length(a); return l > 1e-12f ? a / l : Vec3{0, 0, 1}; }
inline Vec3 mul(Vec3 a, Vec3 b) { return {a.x * b.x, a.y * b.y, a.z * b.z}; }
inline Vec3 lerp(Vec3 a, Vec3 b, float t) { return a + (b - a) * t; }
inline float lerp(float a, float b, float t) { return a + (b - a) * t; }
inline float clamp01(float t) { return std::clamp(t, 0.0f, 1.0f); }

// Hermite step from 0 at edge0 to 1 at edge1 (edges may be in either order).
inline float smoothstep(float edge0, float edge1, float v) {
  float t = clamp01((v - edge0) / (edge1 - edge0));
  return t * t * (3 - 2 * t);
}

// Compact bump: 1 at distance 0, 0 at distance >= radius, smooth in between.
inline float bump(float distance, float radius) { return smoothstep(radius, 0.0f, distance); }

// Rotation of point p about an axis through `pivot` (Rodrigues).
inline Vec3 rotate_about(Vec3 p, Vec3 pivot, Vec3 axis, float angle) {
  Vec3 v = p - pivot;
  Vec3 k = normalize(axis);
  float c = std::cos(angle), s = std::sin(angle);
  return pivot + v * c + cross(k, v) * s + k * (dot(k, v) * (1 - c));
}

}  // namespace facecast::avatar
