// Loads an avatar (our generated GLBs, Ready Player Me / Avaturn GLBs, VRM) into the
// stage and drives it from Facecast frames: morph targets, head and eye rotation.
import * as THREE from 'three';
import { GLTFLoader } from 'three/addons/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'three/addons/libs/meshopt_decoder.module.js';
import { VRMLoaderPlugin, VRMUtils } from '@pixiv/three-vrm';
import { MorphBinding } from './morph-binding.js';
import { VrmBinding } from './vrm-binding.js';

function makeLoader() {
  const loader = new GLTFLoader();
  loader.setMeshoptDecoder(MeshoptDecoder);  // gltfpack-compressed files
  loader.register((parser) => new VRMLoaderPlugin(parser));
  return loader;
}

// A bone that turns the head, if the rig has one (RPM: "Head"; VRM: humanoid head).
function findHeadBone(root, vrm) {
  const humanoidHead = vrm?.humanoid?.getNormalizedBoneNode?.('head');
  if (humanoidHead) return humanoidHead;
  let head = null;
  root.traverse((o) => { if (!head && o.isBone && /^(mixamorig:)?head$/i.test(o.name)) head = o; });
  return head;
}

// Eye bones [left, right] of the avatar (RPM: LeftEye/RightEye; VRM: humanoid
// leftEye/rightEye), or null when the rig has none.
function findEyeBones(root, vrm) {
  if (vrm) {
    const left = vrm.humanoid?.getNormalizedBoneNode?.('leftEye'), right = vrm.humanoid?.getNormalizedBoneNode?.('rightEye');
    return left && right ? [left, right] : null;
  }
  const eyes = [null, null];
  root.traverse((o) => {
    const m = o.isBone && /^(mixamorig:)?(left|right)_?eye$/i.exec(o.name);
    if (m) eyes[m[2].toLowerCase() === 'left' ? 0 : 1] ??= o;
  });
  return eyes[0] && eyes[1] ? eyes : null;
}

// Turns a node by Facecast angles [pitch, yaw, roll] (degrees; pitch + = chin up,
// yaw + = towards the avatar's left, roll + = towards its right shoulder: three.js
// rotations -x, +y, +z of a head facing +z). The rotation is taken in the avatar's
// frame and carried into the node's own frame, so bones with any rest orientation
// (and VRM 0.x models turned to face +z) turn the same way.
class Turner {
  constructor(node, scale = 1) {
    this.node = node;
    this.scale = THREE.MathUtils.DEG2RAD * scale;
    this.rest = node.quaternion.clone();
    node.updateWorldMatrix(true, false);
    this.restWorld = node.getWorldQuaternion(new THREE.Quaternion());
    this.restWorldInverse = this.restWorld.clone().invert();
    this.euler = new THREE.Euler();
    this.q = new THREE.Quaternion();
  }

  turn(pitch, yaw, roll) {
    const k = this.scale;
    this.euler.set(-pitch * k, yaw * k, roll * k, 'YXZ');
    this.q.setFromEuler(this.euler).premultiply(this.restWorldInverse).multiply(this.restWorld);
    this.node.quaternion.copy(this.rest).multiply(this.q);
  }

  reset() { this.node.quaternion.copy(this.rest); }
}

const EYE_LOOK = /^eyeLook(Up|Down|In|Out)(Left|Right)$/;

export class Avatar {
  constructor(gltf, label) {
    this.label = label;
    this.gltf = gltf;
    this.vrm = gltf.userData.vrm ?? null;
    this.root = this.vrm ? this.vrm.scene : gltf.scene;
    if (this.vrm) {
      VRMUtils.rotateVRM0(this.vrm);  // VRM 0.x faces -Z
      this.binding = new VrmBinding(this.vrm);
    } else {
      this.binding = new MorphBinding(this.root);
    }
    this.headBone = findHeadBone(this.root, this.vrm);
    // Without a head bone the whole bust turns: keep it gentle.
    this.head = new Turner(this.headBone ?? this.root, this.headBone ? 1 : 0.6);
    // Eye bones turn from eye_rotation only when no eyeLook* shapes move the eyes.
    const eyeBones = this.hasEyeLookShapes ? null : findEyeBones(this.root, this.vrm);
    this.eyes = eyeBones ? eyeBones.map((b) => new Turner(b)) : null;
    if (this.eyes && this.vrm) {
      // Facecast drives the eye bones: no look* presets on top, and the VRM's own
      // look-at must not follow a target.
      this.binding.presets = this.binding.presets.filter(([preset]) => !preset.startsWith('look'));
      if (this.vrm.lookAt) { this.vrm.lookAt.autoUpdate = false; this.vrm.lookAt.target = null; }
    }
  }

  // True when the avatar has eyeLook* blendshapes (morphs or perfect-sync expressions).
  get hasEyeLookShapes() {
    return !this.binding.missing.some((n) => EYE_LOOK.test(n));
  }

  get kind() { return this.vrm ? (this.binding.perfectSync ? 'VRM (perfect sync)' : 'VRM (presets)') : 'glTF'; }
  get missing() { return this.binding.missing; }

  // The box to frame: the vertices the facial morph targets move (brows to chin),
  // grown to take in the hair and ears; else around the head bone; else the model.
  faceBox() {
    this.root.updateMatrixWorld(true);
    const box = new THREE.Box3(), v = new THREE.Vector3();
    for (const mesh of this.binding.meshes ?? []) {
      const pos = mesh.geometry.attributes.position, targets = mesh.geometry.morphAttributes.position ?? [];
      const moved = new Uint8Array(pos.count);
      for (const t of targets)
        for (let i = 0; i < pos.count; ++i)
          if (!moved[i] && Math.abs(t.getX(i)) + Math.abs(t.getY(i)) + Math.abs(t.getZ(i)) > 1e-4) moved[i] = 1;
      for (let i = 0; i < pos.count; ++i) if (moved[i]) box.expandByPoint(v.fromBufferAttribute(pos, i).applyMatrix4(mesh.matrixWorld));
    }
    if (!box.isEmpty()) {
      const size = box.getSize(new THREE.Vector3());
      box.expandByVector(new THREE.Vector3(size.x * 0.1, size.y * 0.15, 0));
    } else if (this.headBone) {
      const p = this.headBone.getWorldPosition(new THREE.Vector3());
      box.setFromCenterAndSize(p.add(new THREE.Vector3(0, 0.08, 0)), new THREE.Vector3(0.26, 0.3, 0.26));
    } else {
      box.setFromObject(this.root);
    }
    return box;
  }

  // frame: {blendshapes: 52, visemes: 15, head: [pitch, yaw, roll], eyes: [left pitch,
  // left yaw, right pitch, right yaw] degrees} (any may be null).
  apply(frame) {
    this.binding.apply(frame?.blendshapes ?? null, frame?.visemes ?? null);
    const head = frame?.head;
    if (head) this.head.turn(head[0], head[1], head[2]); else this.head.reset();
    if (this.eyes) {
      const eyes = frame?.eyes;
      if (eyes) { this.eyes[0].turn(eyes[0], eyes[1], 0); this.eyes[1].turn(eyes[2], eyes[3], 0); }
      else for (const e of this.eyes) e.reset();
    }
  }

  update(dt) { this.vrm?.update(dt); }

  dispose() {
    this.root.removeFromParent();
    this.root.traverse((o) => {
      if (o.geometry) o.geometry.dispose();
      for (const m of [].concat(o.material ?? [])) m.dispose();
    });
  }
}

// Loads from a URL or a File; throws an Error with a readable message.
export async function loadAvatar(source) {
  const loader = makeLoader();
  const label = typeof source === 'string' ? source.split('/').pop() : source.name;
  let gltf;
  try {
    if (typeof source === 'string') {
      gltf = await loader.loadAsync(source);
    } else {
      const data = await source.arrayBuffer();
      gltf = await new Promise((ok, fail) => loader.parse(data, '', ok, fail));
    }
  } catch (e) {
    const reason = e?.message ?? String(e);
    if (/404|Not Found/i.test(reason))
      throw new Error(`The avatar ${label} is not on the server (run \`make build\`; it generates build/avatars/).`);
    throw new Error(`Could not read the avatar ${label}: ${reason}`);
  }
  const avatar = new Avatar(gltf, label);
  if (avatar.binding.boundCount === 0 && !avatar.binding.useVisemes)
    throw new Error(`${label} has no ARKit-named morph targets (or visemes / VRM expressions) to animate.`);
  return avatar;
}
