#include "avatar/lid_surface.h"

#include <cmath>
#include <thread>

#include "avatar/head_shape.h"
#include "avatar/surface_nets.h"

namespace facecast::avatar {

namespace {

constexpr float kPhiMin = -1.6f, kThetaMin = -1.2f, kStep = 0.025f;
constexpr int kPhiCount = 129, kThetaCount = 101;  // up to +1.6 and +1.3 radians: the lid shells' extent

Vec3 direction(float phi, float theta) {
  return {std::sin(phi) * std::cos(theta), std::sin(theta), std::cos(phi) * std::cos(theta)};
}

}  // namespace

LidSurface::LidSurface(const FaceLayout& L) {
  auto field = [&](Vec3 p) { return face_field(p, L); };
  auto sample_eye = [&](int side) {
    const Vec3 c = L.eye_center[side];
    samples_[side].resize(kPhiCount * kThetaCount);
    for (int i = 0; i < kPhiCount; ++i)
      for (int j = 0; j < kThetaCount; ++j) {
        Vec3 d = direction(kPhiMin + i * kStep, kThetaMin + j * kStep);
        // March out from just inside the eyeball's surface to the first crossing, then bisect.
        float lo = L.eye_radius - 0.004f, hi = lo, far = L.eye_radius + 0.04f;
        while (hi < far && field(c + d * hi) < 0) { lo = hi; hi += 0.0015f; }
        Sample s{far, d};
        if (hi < far) {
          for (int k = 0; k < 10; ++k) {
            float mid = 0.5f * (lo + hi);
            (field(c + d * mid) < 0 ? lo : hi) = mid;
          }
          s.radius = 0.5f * (lo + hi);
          s.normal = normalize(field_gradient(field, c + d * s.radius, 0.0006f));
        }
        samples_[side][i * kThetaCount + j] = s;
      }
  };
  std::thread right(sample_eye, 1);  // one eye per core; each writes only its own table
  sample_eye(0);
  right.join();
}

LidSurface::Sample LidSurface::lookup(int side, float phi, float theta) const {
  float fi = std::clamp((phi - kPhiMin) / kStep, 0.0f, kPhiCount - 1.001f);
  float fj = std::clamp((theta - kThetaMin) / kStep, 0.0f, kThetaCount - 1.001f);
  int i = static_cast<int>(fi), j = static_cast<int>(fj);
  float a = fi - i, b = fj - j;
  const auto& t = samples_[side];
  auto at = [&](int di, int dj) { return t[(i + di) * kThetaCount + (j + dj)]; };
  Sample s00 = at(0, 0), s10 = at(1, 0), s01 = at(0, 1), s11 = at(1, 1);
  Sample out;
  out.radius = lerp(lerp(s00.radius, s10.radius, a), lerp(s01.radius, s11.radius, a), b);
  out.normal = normalize(lerp(lerp(s00.normal, s10.normal, a), lerp(s01.normal, s11.normal, a), b));
  return out;
}

float LidSurface::radius(int side, float phi, float theta) const { return lookup(side, phi, theta).radius; }
Vec3 LidSurface::normal(int side, float phi, float theta) const { return lookup(side, phi, theta).normal; }

}  // namespace facecast::avatar
