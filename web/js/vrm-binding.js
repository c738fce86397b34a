// Drives a VRM (npm @pixiv/three-vrm) from Facecast frames. "Perfect sync" VRMs carry
// the 52 ARKit shapes as custom expressions (any casing): those are driven 1:1.
// Other VRMs only have the presets, so ARKit weights are folded onto them.
import { ARKIT_NAMES } from './morph-binding.js';

const A = Object.fromEntries(ARKIT_NAMES.map((n, i) => [n, i]));
const V = { sil: 0, PP: 1, FF: 2, TH: 3, DD: 4, kk: 5, CH: 6, SS: 7, nn: 8, RR: 9, aa: 10, E: 11, I: 12, O: 13, U: 14 };
const clamp01 = (x) => Math.min(1, Math.max(0, x));

// Preset weight from a frame: vowels from the visemes (with the jaw as a floor for 'aa'),
// blinks, gaze and a few emotion presets from the ARKit shapes.
const PRESET_FOLDS = {
  aa: (b, v) => Math.max(v[V.aa], b[A.jawOpen] * 0.8),
  ih: (b, v) => v[V.I] + 0.5 * v[V.CH] + 0.4 * v[V.SS],
  ee: (b, v) => v[V.E] + 0.3 * v[V.DD] + 0.3 * v[V.nn],
  oh: (b, v) => v[V.O] + 0.5 * b[A.mouthFunnel],
  ou: (b, v) => v[V.U] + 0.6 * b[A.mouthPucker],
  // Both eyes, for VRMs with no per-eye blinks (dropped below when they have them).
  blink: (b) => 0.5 * (b[A.eyeBlinkLeft] + b[A.eyeBlinkRight]),
  blinkLeft: (b) => b[A.eyeBlinkLeft],
  blinkRight: (b) => b[A.eyeBlinkRight],
  happy: (b) => 0.5 * (b[A.mouthSmileLeft] + b[A.mouthSmileRight]),
  sad: (b) => 0.5 * (b[A.mouthFrownLeft] + b[A.mouthFrownRight]),
  angry: (b) => 0.5 * (b[A.browDownLeft] + b[A.browDownRight]),
  surprised: (b) => Math.min(b[A.browInnerUp], 0.5 * (b[A.eyeWideLeft] + b[A.eyeWideRight])),
  lookUp: (b) => 0.5 * (b[A.eyeLookUpLeft] + b[A.eyeLookUpRight]),
  lookDown: (b) => 0.5 * (b[A.eyeLookDownLeft] + b[A.eyeLookDownRight]),
  // The avatar's left eye looks out (to its left) and the right eye looks in together.
  lookLeft: (b) => 0.5 * (b[A.eyeLookOutLeft] + b[A.eyeLookInRight]),
  lookRight: (b) => 0.5 * (b[A.eyeLookInLeft] + b[A.eyeLookOutRight]),
};

export class VrmBinding {
  constructor(vrm) {
    this.vrm = vrm;
    const manager = vrm.expressionManager;
    const byLower = new Map();
    for (const e of manager?.expressions ?? []) byLower.set(e.expressionName.toLowerCase(), e.expressionName);
    this.arkit = ARKIT_NAMES.map((n) => byLower.get(n.toLowerCase()) ?? null);
    const found = this.arkit.filter(Boolean).length;
    this.perfectSync = found >= 40;
    this.presets = Object.keys(PRESET_FOLDS).filter((p) => byLower.has(p.toLowerCase())).map((p) => [p, byLower.get(p.toLowerCase())]);
    // 'blink' and the per-eye blinks add up on the lids: with either per-eye one, 'blink' stays off.
    if (byLower.has('blinkleft') || byLower.has('blinkright')) this.presets = this.presets.filter(([p]) => p !== 'blink');
    this.missing = this.perfectSync ? ARKIT_NAMES.filter((_, i) => !this.arkit[i]) : ARKIT_NAMES.slice();
    this.meshes = [];
  }

  get boundCount() { return ARKIT_NAMES.length - this.missing.length; }
  get useVisemes() { return !this.perfectSync; }

  reset() {
    const manager = this.vrm.expressionManager;
    for (const e of manager?.expressions ?? []) manager.setValue(e.expressionName, 0);
  }

  apply(blendshapes, visemes) {
    const manager = this.vrm.expressionManager;
    if (!manager) return;
    const b = blendshapes ?? new Array(52).fill(0);
    const v = visemes ?? new Array(15).fill(0);
    if (this.perfectSync) {
      for (let i = 0; i < this.arkit.length; ++i) if (this.arkit[i]) manager.setValue(this.arkit[i], b[i]);
    } else {
      for (const [preset, name] of this.presets) manager.setValue(name, clamp01(PRESET_FOLDS[preset](b, v)));
    }
  }
}
