// Binds ARKit blendshape names to the morph targets of every mesh of an avatar.
// Names match case-insensitively and ignore a "prefix." or "prefix_" some exporters add
// (e.g. "blendShape1.jawOpen", "ARKit_JawOpen"), so RPM/Avaturn/our own GLBs all work.

export const ARKIT_NAMES = [
  'eyeBlinkLeft', 'eyeLookDownLeft', 'eyeLookInLeft', 'eyeLookOutLeft', 'eyeLookUpLeft', 'eyeSquintLeft',
  'eyeWideLeft', 'eyeBlinkRight', 'eyeLookDownRight', 'eyeLookInRight', 'eyeLookOutRight', 'eyeLookUpRight',
  'eyeSquintRight', 'eyeWideRight', 'jawForward', 'jawLeft', 'jawRight', 'jawOpen', 'mouthClose', 'mouthFunnel',
  'mouthPucker', 'mouthLeft', 'mouthRight', 'mouthSmileLeft', 'mouthSmileRight', 'mouthFrownLeft',
  'mouthFrownRight', 'mouthDimpleLeft', 'mouthDimpleRight', 'mouthStretchLeft', 'mouthStretchRight',
  'mouthRollLower', 'mouthRollUpper', 'mouthShrugLower', 'mouthShrugUpper', 'mouthPressLeft',
  'mouthPressRight', 'mouthLowerDownLeft', 'mouthLowerDownRight', 'mouthUpperUpLeft', 'mouthUpperUpRight',
  'browDownLeft', 'browDownRight', 'browInnerUp', 'browOuterUpLeft', 'browOuterUpRight', 'cheekPuff',
  'cheekSquintLeft', 'cheekSquintRight', 'noseSneerLeft', 'noseSneerRight', 'tongueOut',
];
export const VISEME_NAMES = ['sil', 'PP', 'FF', 'TH', 'DD', 'kk', 'CH', 'SS', 'nn', 'RR', 'aa', 'E', 'I', 'O', 'U'];

// Lower-case keys a target name may be known by: the whole name and the part after a separator.
function nameKeys(name) {
  const lower = String(name).toLowerCase();
  const keys = [lower];
  const cut = Math.max(lower.lastIndexOf('.'), lower.lastIndexOf(':'), lower.lastIndexOf('|'));
  if (cut >= 0) keys.push(lower.slice(cut + 1));
  const underscore = lower.indexOf('_');
  if (underscore >= 0 && !lower.startsWith('viseme_')) keys.push(lower.slice(underscore + 1));
  return keys;
}

// Every mesh with morph targets under root, and a map lower-case name -> [{mesh, index}].
function collectTargets(root) {
  const meshes = [];
  const byName = new Map();
  root.traverse((o) => {
    if (!o.isMesh || !o.morphTargetDictionary || !o.morphTargetInfluences) return;
    meshes.push(o);
    for (const [name, index] of Object.entries(o.morphTargetDictionary)) {
      for (const key of nameKeys(name)) {
        if (!byName.has(key)) byName.set(key, []);
        const list = byName.get(key);
        if (!list.some((t) => t.mesh === o)) list.push({ mesh: o, index });
      }
    }
  });
  return { meshes, byName };
}

// Drives morph targets from frames of the Facecast JSON (52 ARKit weights, 15 visemes).
export class MorphBinding {
  constructor(root) {
    const { meshes, byName } = collectTargets(root);
    this.meshes = meshes;
    this.arkit = ARKIT_NAMES.map((n) => byName.get(n.toLowerCase()) ?? []);
    this.visemes = VISEME_NAMES.map((v) => byName.get(`viseme_${v}`.toLowerCase()) ?? []);
    this.missing = ARKIT_NAMES.filter((_, i) => this.arkit[i].length === 0);
    // Avatars made for visemes only (no jawOpen) are driven by the viseme weights instead.
    const hasJaw = this.arkit[ARKIT_NAMES.indexOf('jawOpen')].length > 0;
    this.useVisemes = !hasJaw && this.visemes.some((t) => t.length > 0);
  }

  get boundCount() { return ARKIT_NAMES.length - this.missing.length; }

  reset() {
    for (const m of this.meshes) m.morphTargetInfluences.fill(0);
  }

  // blendshapes: 52 numbers in Apple order; visemes: 15 numbers (optional).
  apply(blendshapes, visemes) {
    for (let i = 0; i < this.arkit.length; ++i) {
      const w = blendshapes ? blendshapes[i] : 0;
      for (const t of this.arkit[i]) t.mesh.morphTargetInfluences[t.index] = w;
    }
    if (this.useVisemes) {
      for (let i = 0; i < this.visemes.length; ++i) {
        const w = visemes ? visemes[i] : 0;
        for (const t of this.visemes[i]) t.mesh.morphTargetInfluences[t.index] = w;
      }
    }
  }
}
