// Exports of a processed clip: the JSON answer, Live Link Face CSV and Audio2Face's
// weight JSON (asked from the server with format=csv / a2f: main.js), the avatar as .glb with the animation baked into morph-target
// tracks (plays in any glTF viewer or Blender), and a WebM video of the canvas + audio.
import * as THREE from 'three';
import { GLTFExporter } from 'three/addons/exporters/GLTFExporter.js';

export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);  // after the browser has taken it
}

export function jsonBlob(response) {
  return new Blob([JSON.stringify(response)], { type: 'application/json' });
}

// Every mesh of the avatar that has morph targets.
function morphMeshes(root) {
  const meshes = [];
  root.traverse((o) => { if (o.isMesh && o.morphTargetInfluences?.length) meshes.push(o); });
  return meshes;
}

// One morphTargetInfluences track per mesh, sampled at every frame of the animation
// through the avatar's own binding (so name matching, viseme mode and VRM folding apply).
export function bakeClip(avatar, animation, name = 'facecast') {
  const meshes = morphMeshes(avatar.root);
  const n = animation.frameCount;
  const times = new Float32Array(n);
  const values = meshes.map((m) => new Float32Array(n * m.morphTargetInfluences.length));
  for (let f = 0; f < n; ++f) {
    times[f] = f / animation.fps;
    avatar.binding.apply(animation.blendshapes[f], animation.visemes[f] ?? null);
    avatar.vrm?.expressionManager?.update();
    meshes.forEach((m, k) => values[k].set(m.morphTargetInfluences, f * m.morphTargetInfluences.length));
  }
  avatar.binding.reset();
  avatar.vrm?.expressionManager?.update();
  const tracks = meshes.map((m, k) => new THREE.NumberKeyframeTrack(`${m.uuid}.morphTargetInfluences`, times, values[k]));
  return new THREE.AnimationClip(name, animation.duration, tracks);
}

export async function glbBlob(avatar, animation) {
  const clip = bakeClip(avatar, animation);
  const headQuat = avatar.root.quaternion.clone();
  const exporter = new GLTFExporter();
  const result = await exporter.parseAsync(avatar.root, { binary: true, animations: [clip], onlyVisible: true });
  avatar.root.quaternion.copy(headQuat);
  return new Blob([result], { type: 'model/gltf-binary' });
}

// Records the canvas and the player's audio while the clip plays once from the start.
// Resolves with a WebM blob. The player's clock keeps the face in sync as usual.
export async function recordVideo(canvas, player, onProgress = () => {}) {
  if (typeof MediaRecorder === 'undefined') throw new Error('This browser cannot record video (no MediaRecorder).');
  const mime = ['video/webm;codecs=vp9,opus', 'video/webm;codecs=vp8,opus', 'video/webm']
    .find((m) => MediaRecorder.isTypeSupported(m));
  if (!mime) throw new Error('This browser cannot record WebM video.');
  const ctx = player.context();
  const audioOut = ctx.createMediaStreamDestination();
  const stream = new MediaStream([...canvas.captureStream(30).getVideoTracks(), ...audioOut.stream.getAudioTracks()]);
  const recorder = new MediaRecorder(stream, { mimeType: mime, videoBitsPerSecond: 4_000_000 });
  const parts = [];
  recorder.ondataavailable = (e) => { if (e.data.size) parts.push(e.data); };
  const stopped = new Promise((ok) => { recorder.onstop = ok; });

  const loop = player.loop;
  await player.setLoop(false);
  player.stop();
  player.extraOutputs.add(audioOut);
  const previousEnded = player.onEnded;
  const ended = new Promise((ok) => { player.onEnded = () => { previousEnded(); ok(); }; });
  recorder.start(250);
  await player.play();
  const progress = setInterval(() => onProgress(player.currentTime / player.duration), 250);  // UI only
  await ended;
  clearInterval(progress);
  recorder.stop();
  await stopped;
  player.onEnded = previousEnded;
  player.extraOutputs.delete(audioOut);
  await player.setLoop(loop);
  for (const track of stream.getTracks()) track.stop();
  return new Blob(parts, { type: 'video/webm' });
}
