// Where the face surface (without eye sockets) lies around each eye, seen from the eye's
// centre: the eyelid shells rise to just under it away from the lid edge, so lids and
// skin meet without a visible rim. Sampled once per avatar, looked up per lid vertex.
#pragma once
#include <vector>

#include "avatar/face_layout.h"

namespace facecast::avatar {

class LidSurface {
 public:
  explicit LidSurface(const FaceLayout& L);
  // Distance from eye `side`'s centre to the face along direction (phi, theta) and the
  // face's outward normal there. phi: + towards +X; theta: elevation.
  float radius(int side, float phi, float theta) const;
  Vec3 normal(int side, float phi, float theta) const;

 private:
  struct Sample {
    float radius;
    Vec3 normal;
  };
  Sample lookup(int side, float phi, float theta) const;
  std::vector<Sample> samples_[2];
};

}  // namespace facecast::avatar
