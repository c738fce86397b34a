// Makes VRM avatars for the web tests from one of our generated GLBs (no VRM file is
// packaged anywhere we may use). The GLB's meshes and morph targets stay as they are;
// the glTF JSON gains what a VRM exporter writes:
// - a minimal humanoid skeleton (the 15 bones three-vrm requires, plus eyes), the meshes
//   hung under the head bone as on a rigid bust;
// - VRM 0.x (`VRM`, model facing -Z as UniVRM writes it) or VRM 1.0 (`VRMC_vrm`);
// - expressions bound to the morph targets, one of two kinds:
//   'perfect-sync': the 52 ARKit shapes as custom expressions named as VRoid perfect-sync
//   tools name them ("JawOpen"), plus the usual presets;
//   'presets': only the standard presets (aa ih ou ee oh, blink, joy, look*, ...).
// Usage: node tests/web/make-vrm.mjs in.glb out.vrm perfect-sync|presets [0|1]
import { readFile, writeFile } from 'node:fs/promises';
import { ARKIT_NAMES } from '../../web/js/morph-binding.js';

const GLB_MAGIC = 0x46546c67, CHUNK_JSON = 0x4e4f534a;

export function readGlb(glb) {
  if (glb.readUInt32LE(0) !== GLB_MAGIC) throw new Error('not a GLB file');
  const jsonLength = glb.readUInt32LE(12);
  return { gltf: JSON.parse(glb.subarray(20, 20 + jsonLength).toString('utf8')), rest: glb.subarray(20 + jsonLength) };
}

export function writeGlb(gltf, rest) {
  let text = JSON.stringify(gltf);
  text += ' '.repeat((4 - (Buffer.byteLength(text) % 4)) % 4);  // chunks are 4-byte aligned
  const json = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(20);
  header.writeUInt32LE(GLB_MAGIC, 0); header.writeUInt32LE(2, 4); header.writeUInt32LE(20 + json.length + rest.length, 8);
  header.writeUInt32LE(json.length, 12); header.writeUInt32LE(CHUNK_JSON, 16);
  return Buffer.concat([header, json, rest]);
}

// Bone name -> [parent, translation from the parent]. The bust's origin is near the
// middle of the head; the head bone sits at the base of the skull as in a real rig.
const SKELETON = {
  hips: [null, [0, -0.75, 0]], spine: ['hips', [0, 0.2, 0]], chest: ['spine', [0, 0.2, 0]],
  neck: ['chest', [0, 0.15, 0]], head: ['neck', [0, 0.08, 0]],
  leftEye: ['head', [0.035, 0.13, 0.065]], rightEye: ['head', [-0.035, 0.13, 0.065]],
  leftUpperLeg: ['hips', [0.09, -0.05, 0]], leftLowerLeg: ['leftUpperLeg', [0, -0.42, 0]], leftFoot: ['leftLowerLeg', [0, -0.4, 0]],
  rightUpperLeg: ['hips', [-0.09, -0.05, 0]], rightLowerLeg: ['rightUpperLeg', [0, -0.42, 0]], rightFoot: ['rightLowerLeg', [0, -0.4, 0]],
  leftUpperArm: ['chest', [0.18, 0.1, 0]], leftLowerArm: ['leftUpperArm', [0.27, 0, 0]], leftHand: ['leftLowerArm', [0.25, 0, 0]],
  rightUpperArm: ['chest', [-0.18, 0.1, 0]], rightLowerArm: ['rightUpperArm', [-0.27, 0, 0]], rightHand: ['rightLowerArm', [-0.25, 0, 0]],
};

// Adds the skeleton under the scene's root node and moves the meshes under the head.
// Returns bone name -> node index.
function addSkeleton(gltf) {
  const root = gltf.nodes[gltf.scenes[gltf.scene ?? 0].nodes[0]];
  const meshNodes = root.children ?? [];
  const bones = {}, world = {};
  for (const [name, [parent, t]] of Object.entries(SKELETON)) {
    bones[name] = gltf.nodes.length;
    world[name] = parent ? world[parent].map((x, i) => x + t[i]) : t;
    gltf.nodes.push({ name: `J_${name}`, translation: t, children: [] });
    if (parent) gltf.nodes[bones[parent]].children.push(bones[name]);
  }
  for (const b of Object.values(bones)) if (!gltf.nodes[b].children.length) delete gltf.nodes[b].children;
  // The eye bones go to the middle of the eyeballs (which then turn with them).
  for (const side of ['Left', 'Right']) {
    const m = meshNodes.find((i) => gltf.nodes[i].name === `Eye${side}`);
    if (m === undefined) continue;
    const { min, max } = gltf.accessors[gltf.meshes[gltf.nodes[m].mesh].primitives[0].attributes.POSITION];
    const bone = `${side.toLowerCase()}Eye`;
    world[bone] = min.map((x, i) => (x + max[i]) / 2);
    gltf.nodes[bones[bone]].translation = world[bone].map((x, i) => x - world.head[i]);
  }
  for (const m of meshNodes) {  // each mesh under its bone, kept where it was
    const bone = { EyeLeft: 'leftEye', EyeRight: 'rightEye' }[gltf.nodes[m].name] ?? 'head';
    const node = gltf.nodes[bones[bone]];
    node.children = [...(node.children ?? []), m];
    const t = gltf.nodes[m].translation ?? [0, 0, 0];
    gltf.nodes[m].translation = t.map((x, i) => x - world[bone][i]);
  }
  root.children = [bones.hips];
  return { bones, root };
}

// VRM 1.0 preset name -> [VRM 0.x preset name, morph targets of our avatars it sets].
const PRESETS = {
  aa: ['a', ['viseme_aa']], ih: ['i', ['viseme_I']], ou: ['u', ['viseme_U']], ee: ['e', ['viseme_E']], oh: ['o', ['viseme_O']],
  blink: ['blink', ['eyesClosed']], blinkLeft: ['blink_l', ['eyeBlinkLeft']], blinkRight: ['blink_r', ['eyeBlinkRight']],
  happy: ['joy', ['mouthSmile']], sad: ['sorrow', ['mouthFrownLeft', 'mouthFrownRight']],
  angry: ['angry', ['browDownLeft', 'browDownRight']],
  lookUp: ['lookup', ['eyesLookUp']], lookDown: ['lookdown', ['eyesLookDown']],
  lookLeft: ['lookleft', ['eyeLookOutLeft', 'eyeLookInRight']], lookRight: ['lookright', ['eyeLookInLeft', 'eyeLookOutRight']],
};

// Expression name -> {preset (VRM 1.0 name) or null, targets}.
function expressionsFor(variant, presetNames) {
  const list = Object.entries(PRESETS).filter(([p]) => presetNames.includes(p)).map(([p, [, targets]]) => ({ name: p, preset: p, targets }));
  if (variant === 'perfect-sync')
    for (const n of ARKIT_NAMES) list.push({ name: n[0].toUpperCase() + n.slice(1), preset: null, targets: [n] });
  return list;
}

// Every (mesh index, node index, morph index) where a target of that name exists.
function targetsNamed(gltf, name) {
  const out = [];
  gltf.nodes.forEach((node, nodeIndex) => {
    if (node.mesh === undefined) return;
    const index = gltf.meshes[node.mesh].extras?.targetNames?.indexOf(name) ?? -1;
    if (index >= 0) out.push({ mesh: node.mesh, node: nodeIndex, index });
  });
  return out;
}

function addVrm0(gltf, bones, expressions, title) {
  const groups = [{ name: 'Neutral', presetName: 'neutral', binds: [], materialValues: [], isBinary: false }];
  for (const e of expressions) {
    groups.push({
      name: e.preset ? PRESETS[e.preset][0].toUpperCase() : e.name,
      presetName: e.preset ? PRESETS[e.preset][0] : 'unknown',
      binds: e.targets.flatMap((t) => targetsNamed(gltf, t).map(({ mesh, index }) => ({ mesh, index, weight: 100 }))),
      materialValues: [], isBinary: false,
    });
  }
  gltf.extensions.VRM = {
    exporterVersion: 'facecast-tests', specVersion: '0.0',
    meta: {
      title, version: '1', author: 'Facecast tests', contactInformation: '', reference: '', texture: -1,
      allowedUserName: 'Everyone', violentUssageName: 'Disallow', sexualUssageName: 'Disallow',
      commercialUssageName: 'Allow', otherPermissionUrl: '', licenseName: 'CC0', otherLicenseUrl: '',
    },
    humanoid: { humanBones: Object.entries(bones).map(([bone, node]) => ({ bone, node, useDefaultValues: true })) },
    blendShapeMaster: { blendShapeGroups: groups },
    secondaryAnimation: { boneGroups: [], colliderGroups: [] },
    materialProperties: [],
  };
}

function addVrm1(gltf, bones, expressions, title) {
  const preset = {}, custom = {};
  for (const e of expressions) {
    const binds = e.targets.flatMap((t) => targetsNamed(gltf, t).map(({ node, index }) => ({ node, index, weight: 1 })));
    (e.preset ? preset : custom)[e.name] = { morphTargetBinds: binds, isBinary: false };
  }
  gltf.extensions.VRMC_vrm = {
    specVersion: '1.0',
    meta: {
      name: title, version: '1', authors: ['Facecast tests'], licenseUrl: 'https://vrm.dev/licenses/1.0/',
      avatarPermission: 'everyone', commercialUsage: 'corporation', allowRedistribution: true, modification: 'allowModification',
    },
    humanoid: { humanBones: Object.fromEntries(Object.entries(bones).map(([bone, node]) => [bone, { node }])) },
    expressions: { preset, custom },
  };
}

// glb: Buffer of one of our avatars; variant: 'perfect-sync' | 'presets'; version: 0 | 1;
// presets: the VRM 1.0 names of the presets to include (default: all known).
export function makeVrm(glb, { variant, version = 0, presets = Object.keys(PRESETS), title = 'Facecast test avatar' }) {
  if (!['perfect-sync', 'presets'].includes(variant)) throw new Error(`unknown variant ${variant}`);
  const { gltf, rest } = readGlb(glb);
  const { bones, root } = addSkeleton(gltf);
  gltf.extensions ??= {};
  const expressions = expressionsFor(variant, presets);
  if (version === 0) {
    addVrm0(gltf, bones, expressions, title);
    root.rotation = [0, 1, 0, 0];  // VRM 0.x models face -Z
  } else {
    addVrm1(gltf, bones, expressions, title);
  }
  gltf.extensionsUsed = [...new Set([...(gltf.extensionsUsed ?? []), version === 0 ? 'VRM' : 'VRMC_vrm'])];
  return writeGlb(gltf, rest);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [input, output, variant, version = '0'] = process.argv.slice(2);
  if (!output) {
    console.error('usage: node make-vrm.mjs in.glb out.vrm perfect-sync|presets [0|1]');
    process.exit(2);
  }
  await writeFile(output, makeVrm(await readFile(input), { variant, version: Number(version) }));
}
