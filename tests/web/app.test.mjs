// End-to-end tests of the web app against the real server (node:test + playwright-core,
// Debian's headless Chromium). Run by ctest (web.e2e) or: node --test tests/web/app.test.mjs
// Screenshots go to $FACECAST_WEB_SHOTS (build/web-shots); docs/web/ holds copies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import validator from 'gltf-validator';
import { PNG } from './png.mjs';
import { makeVrm } from './make-vrm.mjs';
import { config, startServer, launchBrowser, openApp } from './harness.mjs';

const speechWav = join(config.fixtures, 'speech.wav');
const speechText = join(config.fixtures, 'speech.txt');
let server, browser, page, downloads;

before(async () => {
  await mkdir(config.shots, { recursive: true });
  await mkdir(config.scratch, { recursive: true });
  downloads = await mkdtemp(join(tmpdir(), 'facecast-downloads-'));
  server = await startServer();
  browser = await launchBrowser(join(config.fixtures, 'speech_48000.wav'));
  page = await openApp(browser, server.base);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  if (downloads) await rm(downloads, { recursive: true, force: true });
});

const shot = async (name, target = page) => {
  const file = join(config.shots, name);
  await target.screenshot({ path: file });
  return file;
};

// Uploads the fixture sentence with its transcript and processes it.
async function processSpeech() {
  await page.setInputFiles('#audio-file', speechWav);
  await page.fill('#transcript', (await readFile(speechText, 'utf8')).trim());
  await page.waitForFunction(() => !document.getElementById('process').disabled);
  await page.click('#process');
  await page.waitForFunction(() => window.facecast.state.animation !== null || !document.getElementById('message').hidden,
    null, { timeout: 60_000 });
  const error = await page.evaluate(() => document.getElementById('message').hidden ? null : document.getElementById('message-text').textContent);
  assert.equal(error, null, `processing showed an error: ${error}`);
}

// A copy of a GLB whose morph target names (mesh.extras.targetNames) are renamed.
function renameTargets(glb, rename) {
  const jsonLength = glb.readUInt32LE(12);
  const gltf = JSON.parse(glb.subarray(20, 20 + jsonLength).toString('utf8'));
  for (const mesh of gltf.meshes) if (mesh.extras?.targetNames) mesh.extras.targetNames = mesh.extras.targetNames.map(rename);
  let text = JSON.stringify(gltf);
  text += ' '.repeat((4 - (Buffer.byteLength(text) % 4)) % 4);  // chunks are 4-byte aligned
  const json = Buffer.from(text, 'utf8'), rest = glb.subarray(20 + jsonLength);
  const header = Buffer.alloc(20);
  header.writeUInt32LE(0x46546c67, 0); header.writeUInt32LE(2, 4); header.writeUInt32LE(20 + json.length + rest.length, 8);
  header.writeUInt32LE(json.length, 12); header.writeUInt32LE(0x4e4f534a, 16);
  return Buffer.concat([header, json, rest]);
}

// Opens a collapsed section of the side panel (Export, Live, …) as a user would.
const openSection = (title) => page.evaluate((t) => {
  for (const d of document.querySelectorAll('.panel > details')) if (d.querySelector('summary').textContent === t) d.open = true;
}, title);

// Waits until the render loop has drawn at least two frames after a change.
const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

// Times (s) of the processed clip: the widest open vowel ('aa' viseme), a silence with
// the jaw closed, and the strongest blink of the left eye.
const keyTimes = () => page.evaluate(() => {
  const a = window.facecast.state.animation;
  const aa = a.visemeNames.indexOf('aa'), sil = a.visemeNames.indexOf('sil');
  let open = -1, best = -1, quiet = -1, blink = -1, lid = -1;
  a.visemes.forEach((v, i) => {
    if (v[aa] > 0.5 && a.blendshapes[i][17] > best) { best = a.blendshapes[i][17]; open = i; }
    if (quiet < 0 && v[sil] > 0.9 && a.blendshapes[i][17] < 0.02) quiet = i;
    if (a.blendshapes[i][0] > lid) { lid = a.blendshapes[i][0]; blink = i; }
  });
  return { open: open / a.fps, silence: quiet / a.fps, jaw: best, blink: blink / a.fps, lid };
});

// Screen box (canvas pixels) of the vertices the avatar's jawOpen morph moves: the
// mouth and chin (found by morph name, so it works for GLB and VRM avatars alike).
const mouthRegion = () => page.evaluate(() => {
  const { stage, state } = window.facecast;
  const moves = (d, i) => Math.hypot(d.getX(i), d.getY(i), d.getZ(i)) >= 1e-3;
  let mesh = null, most = 0;  // the mesh whose vertices jawOpen moves most (the skin)
  state.avatar.root.traverse((o) => {
    const d = o.isMesh && o.geometry.morphAttributes.position?.[o.morphTargetDictionary?.jawOpen];
    if (!d) return;
    let n = 0;
    for (let i = 0; i < d.count; ++i) if (moves(d, i)) ++n;
    if (n > most) { most = n; mesh = o; }
  });
  const pos = mesh.geometry.attributes.position, delta = mesh.geometry.morphAttributes.position[mesh.morphTargetDictionary.jawOpen];
  const v = new stage.camera.position.constructor();
  const rect = stage.canvas.getBoundingClientRect();
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  mesh.updateMatrixWorld(true);
  for (let i = 0; i < pos.count; ++i) {
    if (!moves(delta, i)) continue;
    v.fromBufferAttribute(pos, i).applyMatrix4(mesh.matrixWorld).project(stage.camera);
    const x = rect.left + (v.x + 1) / 2 * rect.width, y = rect.top + (1 - v.y) / 2 * rect.height;
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  const sx = stage.canvas.width / rect.width, sy = stage.canvas.height / rect.height;
  const left = Math.max(rect.left, x0), top = Math.max(rect.top, y0);
  return { x: Math.round((left - rect.left) * sx), y: Math.round((top - rect.top) * sy),
    width: Math.round((Math.min(rect.right, x1) - left) * sx), height: Math.round((Math.min(rect.bottom, y1) - top) * sy) };
});

// The canvas as drawn for time t (seek, let the render loop apply the frame, read the
// pixels), saved as name and cropped to region.
async function captureAt(t, name, region) {
  const url = await page.evaluate(async (s) => {
    const { player, stage } = window.facecast;
    await player.seek(s);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return stage.canvas.toDataURL('image/png');
  }, t);
  const png = Buffer.from(url.split(',')[1], 'base64');
  await writeFile(join(config.shots, name), png);
  return PNG.crop(PNG.decode(png), region);
}

test('the default avatar loads with all 52 ARKit shapes bound', async () => {
  const info = await page.evaluate(() => ({
    missing: window.facecast.state.avatar.missing, text: document.getElementById('avatar-info').textContent,
  }));
  assert.deepEqual(info.missing, []);
  assert.match(info.text, /52 of 52/);
  assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), []);  // (no bundled sample is a 404)
  await shot('main.png');
});

test('uploading, processing and playing keeps the face on the audio clock', async () => {
  await processSpeech();
  const summary = await page.evaluate(() => {
    const a = window.facecast.state.animation;
    return { frames: a.frameCount, fps: a.fps, words: a.words.map((w) => w.word), duration: a.duration };
  });
  assert.equal(summary.fps, 30);
  assert.ok(summary.frames > 60, `only ${summary.frames} frames`);
  assert.ok(summary.words.length >= 5, `words: ${summary.words}`);

  // Software WebGL is slow: loop so the clip cannot end between steps, and press
  // buttons directly (playwright's click waits for steady animation frames).
  await page.check('#loop');
  const press = (id) => page.evaluate((i) => document.getElementById(i).click(), id);
  await press('play');
  await page.waitForFunction(() => window.facecast.player.currentTime > 0.6, null, { timeout: 10_000 });
  // While playing, the weights on the mesh are the animation sampled at the audio clock.
  const sync = await page.evaluate(() => new Promise((resolve) => {
    requestAnimationFrame(() => {
      const { player, state } = window.facecast;
      const t = player.currentTime;
      const expected = state.animation.sample(t).blendshapes[17];
      const b = state.avatar.binding.arkit[17][0];
      resolve({ t, expected, applied: b.mesh.morphTargetInfluences[b.index], playing: player.playing });
    });
  }));
  assert.ok(sync.playing);
  // Within about one render frame of motion (the clock advances between apply and read).
  assert.ok(Math.abs(sync.applied - sync.expected) < 0.15, JSON.stringify(sync));
  const paused = await page.evaluate(() => { document.getElementById('play').click(); return window.facecast.player.currentTime; });
  assert.ok(paused > 0 && paused < summary.duration, `paused at ${paused}`);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.facecast.player.currentTime), paused, 'the clock moved while paused');
  await page.uncheck('#loop');
  await shot('playing.png');
});

test('the head of the avatar follows data.head_rotation during playback', async () => {
  const range = await page.evaluate(() => {
    const head = window.facecast.state.animation.head;
    return [0, 1, 2].map((k) => Math.max(...head.map((h) => h[k])) - Math.min(...head.map((h) => h[k])));
  });
  assert.ok(Math.max(...range) > 1, `the processed head hardly moves: pitch/yaw/roll ranges ${range}`);
  await page.check('#loop');
  await page.evaluate(() => window.facecast.player.seek(0));
  await page.evaluate(() => document.getElementById('play').click());
  // For 3 s of playback (longer on a slow machine, until 8 frames are rendered; at most 20 s), on each rendered frame: the head's turn from its rest pose
  // (node = head bone, or the avatar's root when it has none), measured in the
  // avatar's frame (facing +z), beside the angles the animation gives for that time.
  const samples = await page.evaluate(() => new Promise((resolve) => {
    const { player, state } = window.facecast;
    const { node, restWorld } = state.avatar.head;
    const Q = restWorld.constructor, V = node.position.constructor;
    const out = [], start = performance.now();
    const deg = 180 / Math.PI;
    const read = () => {
      const q = node.getWorldQuaternion(new Q()).multiply(restWorld.clone().invert());
      const f = new V(0, 0, 1).applyQuaternion(q), up = new V(0, 1, 0).applyQuaternion(q);
      const side = new V(1, 0, 0).applyQuaternion(q);
      const expected = state.animation.sample(player.currentTime).head;
      out.push({
        t: player.currentTime, q: q.toArray(), expected: [...expected],
        // pitch + = chin up, yaw + = towards the avatar's left (+x), roll + = top towards its right (-x)
        // (roll + lifts the avatar's left side, +x, as the head tilts to its right shoulder)
        actual: [Math.asin(f.y) * deg, Math.atan2(f.x, f.z) * deg, Math.atan2(side.y, up.y) * deg],
      });
      const elapsed = performance.now() - start;
      if (elapsed < 3000 || (out.length < 8 && elapsed < 20000)) requestAnimationFrame(read); else resolve(out);
    };
    requestAnimationFrame(read);
  }));
  await page.evaluate(() => { if (window.facecast.player.playing) document.getElementById('play').click(); });
  await page.uncheck('#loop');
  assert.ok(samples.length >= 8, `only ${samples.length} rendered frames in 20 s`);
  // The head node turns during playback...
  const angle = (a, b) => 2 * Math.acos(Math.min(1, Math.abs(a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3]))) * 180 / Math.PI;
  const turned = Math.max(...samples.map((s) => angle(s.q, samples[0].q)));
  assert.ok(turned > 0.5, `the head turned only ${turned.toFixed(2)} degrees during playback`);
  // ...and follows the animation on every axis that moves: same sign, a steady
  // fraction (a bust without a head bone turns gently), close fit.
  const report = [];
  for (let k = 0; k < 3; ++k) {
    const x = samples.map((s) => s.expected[k]), y = samples.map((s) => s.actual[k]);
    const mx = x.reduce((a, b) => a + b) / x.length, my = y.reduce((a, b) => a + b) / y.length;
    let sxx = 0, sxy = 0, syy = 0;
    for (let i = 0; i < x.length; ++i) { sxx += (x[i] - mx) ** 2; sxy += (x[i] - mx) * (y[i] - my); syy += (y[i] - my) ** 2; }
    const spread = Math.max(...x) - Math.min(...x);
    report.push(`${['pitch', 'yaw', 'roll'][k]}: spread ${spread.toFixed(2)} deg, slope ${(sxy / sxx).toFixed(2)}, r ${(sxy / Math.sqrt(sxx * syy)).toFixed(3)}`);
    if (spread < 0.5) continue;  // too still in these 3 s to measure
    const slope = sxy / sxx, r = sxy / Math.sqrt(sxx * syy);
    assert.ok(slope > 0.4 && slope < 1.1, `${report.at(-1)}: the head does not follow head_rotation`);
    assert.ok(r > 0.9, `${report.at(-1)}: the head does not follow head_rotation`);
  }
  console.log(`head over ${samples.length} frames, turned up to ${turned.toFixed(1)} deg; ${report.join('; ')}`);
});

test('a rig with head and eye bones: bones turn by head_rotation and eye_rotation', async () => {
  // A small RPM-like rig made in the page: Head and LeftEye/RightEye bones with odd rest
  // orientations (exporters differ), one mesh with a jawOpen morph and no eyeLook* morphs.
  const result = await page.evaluate(async () => {
    const THREE = await import('three');
    const { Avatar } = await import('./js/avatar.js');
    const rig = (withEyeLook) => {
      const scene = new THREE.Group();
      const head = Object.assign(new THREE.Bone(), { name: 'Head' });
      head.quaternion.setFromEuler(new THREE.Euler(0.4, -1.2, 0.3));
      scene.add(head);
      for (const [name, x] of [['LeftEye', 0.03], ['RightEye', -0.03]]) {
        const eye = Object.assign(new THREE.Bone(), { name });
        eye.position.set(x, 0.05, 0.08);
        eye.quaternion.setFromEuler(new THREE.Euler(-0.7, 2.1, 0.2));
        head.add(eye);
      }
      const geometry = new THREE.BoxGeometry(0.1, 0.1, 0.1);
      const targets = withEyeLook ? ['jawOpen', 'eyeLookUpLeft', 'eyeLookUpRight', 'eyeLookDownLeft', 'eyeLookDownRight',
        'eyeLookInLeft', 'eyeLookInRight', 'eyeLookOutLeft', 'eyeLookOutRight'] : ['jawOpen'];
      geometry.morphAttributes.position = targets.map(() => geometry.attributes.position.clone());
      const mesh = new THREE.Mesh(geometry, new THREE.MeshBasicMaterial());
      mesh.updateMorphTargets();
      mesh.morphTargetDictionary = Object.fromEntries(targets.map((n, i) => [n, i]));
      scene.add(mesh);
      return new Avatar({ scene, userData: {} }, 'rig');
    };
    // Where a node's +z (its rest forward, in the avatar's frame) points after a frame.
    const forward = (avatar, name, frame) => {
      let node = null;
      avatar.root.traverse((o) => { if (o.name === name) node = o; });
      avatar.apply(null);
      avatar.root.updateMatrixWorld(true);
      const rest = node.getWorldQuaternion(new THREE.Quaternion());
      avatar.apply(frame);
      avatar.root.updateMatrixWorld(true);
      const q = node.getWorldQuaternion(new THREE.Quaternion()).multiply(rest.invert());
      const f = new THREE.Vector3(0, 0, 1).applyQuaternion(q), up = new THREE.Vector3(0, 1, 0).applyQuaternion(q);
      const deg = 180 / Math.PI;
      // Roll read from the up vector is exact only without pitch and yaw (frames below).
      return { pitch: Math.asin(f.y) * deg, yaw: Math.atan2(f.x, f.z) * deg, roll: Math.atan2(-up.x, up.y) * deg };
    };
    const bones = rig(false), morphs = rig(true);
    const blank = new Array(52).fill(0);
    return {
      eyesDriven: !!bones.eyes, eyesDrivenWithMorphs: !!morphs.eyes,
      head: forward(bones, 'Head', { blendshapes: blank, head: [8, -12, 0], eyes: null }),
      roll: forward(bones, 'Head', { blendshapes: blank, head: [0, 0, 5], eyes: null }),
      left: forward(bones, 'LeftEye', { blendshapes: blank, head: [0, 0, 0], eyes: [10, 15, -4, -6] }),
      right: forward(bones, 'RightEye', { blendshapes: blank, head: [0, 0, 0], eyes: [10, 15, -4, -6] }),
    };
  });
  const near = (actual, expected, what) => assert.ok(Math.abs(actual - expected) < 0.3, `${what}: ${actual} (expected ${expected})`);
  assert.equal(result.eyesDriven, true, 'eye bones not driven without eyeLook morphs');
  assert.equal(result.eyesDrivenWithMorphs, false, 'eye bones driven although eyeLook morphs move the eyes');
  // pitch + = chin up, yaw + = towards the avatar's left, roll + = towards its right shoulder.
  near(result.head.pitch, 8, 'head pitch'); near(result.head.yaw, -12, 'head yaw'); near(result.roll.roll, 5, 'head roll');
  near(result.left.pitch, 10, 'left eye pitch'); near(result.left.yaw, 15, 'left eye yaw');
  near(result.right.pitch, -4, 'right eye pitch'); near(result.right.yaw, -6, 'right eye yaw');
});

test('an open vowel and a silence look different in the mouth region', async () => {
  const times = await keyTimes();
  assert.ok(times.open > 0 && times.silence >= 0, JSON.stringify(times));
  const region = await mouthRegion();
  assert.ok(region.width > 20 && region.height > 10, `mouth region ${JSON.stringify(region)}`);
  const capture = (t, name) => captureAt(t, name, region);
  const open = await capture(times.open, 'face_open_vowel.png');
  const rest = await capture(times.silence, 'face_silence.png');
  const again = await capture(times.open, 'face_open_vowel_again.png');
  const diff = PNG.meanAbsDiff(open, rest), repeat = PNG.meanAbsDiff(open, again);
  console.log(`mouth region ${Math.round(region.width)}x${Math.round(region.height)} px: vowel vs silence differ by ${diff.toFixed(2)} / 255, vowel vs same vowel ${repeat.toFixed(2)}`);
  assert.ok(diff > 4, `vowel and silence look alike (${diff.toFixed(2)})`);
  assert.ok(repeat < diff / 4, `the same frame renders differently (${repeat.toFixed(2)})`);
  await page.evaluate((s) => window.facecast.player.seek(s), times.open);
  await settle();
  await shot('timeline_open_vowel.png');
});

test('exports: JSON, Live Link CSV, Audio2Face JSON (also at 29.97 fps), a valid animated .glb and a WebM video whose sound animates', async () => {
  const save = async (button) => {
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.click(button)]);
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    return readFile(file);
  };
  await openSection('Export');
  const json = JSON.parse(await save('#export-json'));
  assert.equal(json.success, true);
  assert.equal(json.data.blendshapes[0].length, 52);

  // The CSV is the animation on screen, even after a control has moved since it was processed.
  const moveLowerFace = (v) => page.evaluate((value) => {
    const input = document.querySelector('#controls input[data-control="lower_face_strength"]');
    input.value = value; input.dispatchEvent(new Event('input'));
  }, v);
  await moveLowerFace(0.3);
  const csv = (await save('#export-csv')).toString('utf8').split('\n');
  await moveLowerFace(1);
  assert.match(csv[0], /^Timecode,BlendShapeCount,EyeBlinkLeft,/);
  assert.equal(csv[1].split(',').length, csv[0].split(',').length);
  const jawColumn = csv[0].split(',').indexOf('JawOpen');
  const csvJaw = csv.slice(1).filter((row) => row).map((row) => Number(row.split(',')[jawColumn]));
  const jsonJaw = json.data.blendshapes.map((row) => row[17]);
  assert.equal(csvJaw.length, jsonJaw.length);
  assert.ok(csvJaw.every((v, i) => Math.abs(v - jsonJaw[i]) < 1e-3), 'the CSV is not the animation on screen');

  const a2f = JSON.parse(await save('#export-a2f'));
  assert.deepEqual(a2f.facsNames, json.data.blendshape_names);
  assert.deepEqual(a2f.weightMat, json.data.blendshapes, 'the Audio2Face JSON is not the animation on screen');
  assert.equal(a2f.rotations.length, a2f.numFrames);

  // For 29.97 fps video: the frames at the exact NTSC rate, the timecode each frame's own time.
  await page.selectOption('#export-fps', '29.97');
  const ntscJson = JSON.parse(await save('#export-json'));
  const ntscCsv = (await save('#export-csv')).toString('utf8').split('\n');
  await page.selectOption('#export-fps', '');
  assert.equal(ntscJson.data.fps, 30000 / 1001);
  assert.equal(ntscJson.data.frame_count, Math.ceil(ntscJson.data.duration * 30000 / 1001 - 1e-9));
  assert.equal(ntscCsv.filter((row) => row).length, ntscJson.data.frame_count + 1);
  assert.match(ntscCsv[31], /^00:00:01:00\.060,61,/, 'frame 30 at 29.97 fps is 1.001 s');

  const glb = await save('#export-glb');
  const report = await validator.validateBytes(new Uint8Array(glb), { maxIssues: 20 });
  assert.equal(report.issues.numErrors, 0, JSON.stringify(report.issues.messages));
  const gltfJson = JSON.parse(glb.subarray(20, 20 + glb.readUInt32LE(12)).toString('utf8'));
  const channels = gltfJson.animations?.[0]?.channels ?? [];
  assert.ok(channels.some((c) => c.target.path === 'weights'), 'no morph-weight animation channel');

  const webm = await save('#export-webm');
  assert.ok(webm.length > 10_000, `video of ${webm.length} bytes`);
  assert.equal(webm.readUInt32BE(0), 0x1a45dfa3, 'not an EBML (WebM) file');
  // Written live by the browser's MediaRecorder (segment and clusters of unknown
  // size, VP8/VP9 video beside Opus sound): the server animates its sound track.
  const form = new FormData();
  form.append('file', new Blob([webm], { type: 'video/webm' }), 'export.webm');
  const fromVideo = await (await fetch(new URL('process-audio', server.base), { method: 'POST', body: form })).json();
  assert.equal(fromVideo.success, true, JSON.stringify(fromVideo.error));
  assert.ok(Math.abs(fromVideo.data.duration - json.data.duration) < 0.5,
    `the video's sound lasts ${fromVideo.data.duration} s, the clip ${json.data.duration} s`);
  assert.ok(fromVideo.data.phonemes.length > 10, `${fromVideo.data.phonemes.length} phones heard in the video's sound`);
  await shot('exports.png');
});

test('auto emotion: the keys the server estimated are shown; face controls are sent', async () => {
  const before = await page.evaluate(() => Math.max(...window.facecast.state.animation.head.flat().map(Math.abs)));
  await openSection('Emotion');
  await openSection('Face controls');
  await page.selectOption('#emotion-source', 'auto');
  assert.ok(await page.isDisabled('#emotions input[data-emotion="joy"]'), 'sliders stay active in auto mode');
  // A face control away from its default goes with the request (head motion off).
  await page.evaluate(() => {
    const input = document.querySelector('#controls input[data-control="head_motion"]');
    input.value = 0; input.dispatchEvent(new Event('input'));
  });
  await page.fill('#seed', '7');
  // The fields of the request as the page sends them (the upload's body is not
  // visible to the test runner): every FormData sent is noted.
  await page.evaluate(() => {
    const send = XMLHttpRequest.prototype.send;
    window.sentForms = [];
    XMLHttpRequest.prototype.send = function (body) {
      if (body instanceof FormData) window.sentForms.push(Object.fromEntries([...body.entries()].filter(([k]) => k !== 'file')));
      return send.call(this, body);
    };
  });
  await processSpeech();
  const sent = await page.evaluate(() => window.sentForms.at(-1));
  assert.equal(sent.emotion, 'auto');
  assert.equal(sent.head_motion, '0.00');
  assert.equal(sent.seed, '7');
  assert.ok(!('gaze_strength' in sent), `a control at its default was sent: ${JSON.stringify(sent)}`);

  const result = await page.evaluate(() => ({
    emotion: window.facecast.state.animation.emotion,
    head: Math.max(...window.facecast.state.animation.head.flat().map(Math.abs)),
    title: document.querySelector('#emotion-used .hint')?.textContent ?? '',
    rows: [...document.querySelectorAll('#emotion-used li')].map((li) => li.textContent),
  }));
  assert.equal(result.emotion.mode, 'auto');
  assert.ok(result.emotion.keys.length >= 1, 'no estimated keys');
  assert.match(result.title, /estimated from the voice, \d+ phrase key/);
  assert.equal(result.rows.length, result.emotion.keys.length);
  // Each row: the key's time and its strongest emotions with their values.
  result.emotion.keys.forEach((k, i) => {
    assert.ok(result.rows[i].startsWith(`${k.time.toFixed(2)} s`), result.rows[i]);
    const top = Object.entries(k).filter(([n]) => n !== 'time').sort((a, b) => b[1] - a[1])[0];
    if (top[1] >= 0.01) assert.ok(result.rows[i].includes(`${top[0]} ${top[1].toFixed(2)}`), `${result.rows[i]} lacks ${top}`);
  });
  assert.ok(result.head < before * 0.2, `head motion 0 still moves the head ${result.head} (was ${before})`);
  console.log(`auto emotion: ${result.rows.join(' | ')}; head max ${before.toFixed(2)} -> ${result.head.toFixed(2)} deg`);
  await settle();
  await page.screenshot({ path: join(config.shots, 'emotion_auto.png'), fullPage: true });

  await page.click('#reset-controls');
  assert.equal(await page.inputValue('#seed'), '');
  await page.selectOption('#emotion-source', 'manual');
  assert.deepEqual(await page.evaluate(() => ({ ...window.facecast.emotions.fields(), ...window.facecast.controls.fields() })), {});
});

test('a custom GLB avatar loads; a broken one shows a message', async () => {
  await page.setInputFiles('#avatar-file', join(config.avatars, 'kofi.glb'));
  await page.waitForFunction(() => /kofi\.glb/.test(document.getElementById('avatar-info').textContent), null, { timeout: 30_000 });
  assert.match(await page.textContent('#avatar-info'), /52 of 52/);
  await shot('custom_avatar.png');

  // Exporters name targets differently ("blendShape1.JAWOPEN"): matched case-insensitively.
  const renamed = renameTargets(await readFile(join(config.avatars, 'mei.glb')), (n) => `blendShape1.${n.toUpperCase()}`);
  await page.setInputFiles('#avatar-file', { name: 'renamed.glb', mimeType: 'model/gltf-binary', buffer: renamed });
  await page.waitForFunction(() => /renamed\.glb/.test(document.getElementById('avatar-info').textContent), null, { timeout: 30_000 });
  assert.match(await page.textContent('#avatar-info'), /52 of 52/);
  await page.setInputFiles('#avatar-file', { name: 'broken.glb', mimeType: 'model/gltf-binary', buffer: Buffer.from('not a glb file') });
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await page.textContent('#message-text'), /Could not read the avatar broken\.glb/);
  await page.click('#message-close');
});

test('errors show up as messages: refused file, server unreachable', async () => {
  await page.setInputFiles('#audio-file', { name: 'noise.wav', mimeType: 'audio/wav', buffer: Buffer.from('RIFF....WAVEjunkjunkjunk') });
  await page.click('#process');
  await page.waitForSelector('#message:not([hidden])', { timeout: 30_000 });
  const refused = await page.textContent('#message-text');
  assert.match(refused, /^Processing failed: /);
  assert.ok(refused.length > 'Processing failed: '.length + 10, refused);
  await shot('error_refused.png');
  await page.click('#message-close');

  await page.route('**/process-audio', (route) => route.abort('connectionrefused'));
  await page.click('#process');
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await page.textContent('#message-text'), /cannot be reached/);
  await page.unroute('**/process-audio');
  await page.click('#message-close');
});

// Drops a file (name, MIME type, bytes) on the drop zone as the browser does: dragenter,
// dragover, drop, with a DataTransfer holding the File. Returns whether the zone took
// the drag (dragover and drop default-prevented, highlighted while over it).
const dropFile = (name, type, bytes) => page.evaluate(({ name, type, base64 }) => {
  const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const transfer = new DataTransfer();
  transfer.items.add(new File([data], name, { type }));
  const zone = document.getElementById('dropzone');
  const fire = (kind) => zone.dispatchEvent(new DragEvent(kind, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  fire('dragenter');
  const overTaken = !fire('dragover');
  const highlighted = zone.classList.contains('over');
  const dropTaken = !fire('drop');
  return { overTaken, highlighted, dropTaken, highlightedAfter: zone.classList.contains('over') };
}, { name, type, base64: bytes.toString('base64') });

test('an audio file dropped on the drop zone is taken and processed', async () => {
  await page.evaluate(() => window.facecast.player.stop());
  const refused = await dropFile('notes.txt', 'text/plain', Buffer.from('not audio'));
  assert.ok(refused.overTaken && refused.dropTaken, JSON.stringify(refused));
  await page.waitForSelector('#message:not([hidden])');
  assert.match(await page.textContent('#message-text'), /notes\.txt is not an audio file/);
  // Buttons pressed directly: playwright's click waits for steady frames (slow in software GL).
  const press = (id) => page.evaluate((i) => document.getElementById(i).click(), id);
  await press('message-close');

  // Opus with no MIME type (as some desktops hand it over): taken by its extension.
  const drop = await dropFile('dropped speech.opus', '', await readFile(join(config.fixtures, 'speech.opus')));
  assert.deepEqual(drop, { overTaken: true, highlighted: true, dropTaken: true, highlightedAfter: false });
  // Taken: named, decoded for playback (duration shown), Process enabled.
  await page.waitForFunction(() => /s$/.test(document.getElementById('audio-info').textContent), null, { timeout: 10_000 });
  const info = await page.textContent('#audio-info');
  assert.match(info, /^dropped speech\.opus \(\d+ KB\), \d+\.\d\d s$/);
  assert.equal(await page.isDisabled('#process'), false);
  assert.equal(await page.isDisabled('#play'), false);
  assert.equal(await page.evaluate(() => window.facecast.state.audioFile.name), 'dropped speech.opus');

  // With a word in another script: the app says it was not read.
  await page.evaluate((text) => { document.getElementById('transcript').value = text; },
    `${(await readFile(speechText, 'utf8')).trim()} (\u043c\u0438\u0440)`);
  await press('process');
  await page.waitForFunction(() => window.facecast.state.animation !== null || !document.getElementById('message').hidden,
    null, { timeout: 60_000 });
  assert.equal(await page.isHidden('#message'), true, await page.textContent('#message-text'));
  const result = await page.evaluate(() => {
    const { state } = window.facecast;
    return { frames: state.animation.frameCount, fps: state.animation.fps, duration: state.audioBuffer.duration, words: state.animation.words.length };
  });
  assert.ok(Math.abs(result.frames / result.fps - result.duration) < 0.1, JSON.stringify(result));
  assert.ok(result.words >= 5, JSON.stringify(result));
  const processed = await page.textContent('#process-info');
  assert.match(processed, /^\d+ frames at 30 fps/);
  assert.match(processed, /not read \(not in Latin letters\): '\u043c\u0438\u0440'/);
  console.log(`dropped ${info}: ${processed}`);
});

// Makes a VRM from our generated avatar (see make-vrm.mjs), loads it through "your
// avatar" and returns what the app reports about it.
async function loadVrm(name, options, { validate = false } = {}) {
  const file = join(config.scratch, name);
  const vrm = makeVrm(await readFile(join(config.avatars, 'ada.glb')), options);
  if (validate) {  // the glTF under the VRM extension is valid (1.5 s: done once)
    const report = await validator.validateBytes(new Uint8Array(vrm), { maxIssues: 20 });
    assert.equal(report.issues.numErrors, 0, JSON.stringify(report.issues.messages));
  }
  await writeFile(file, vrm);
  await page.setInputFiles('#avatar-file', file);
  await page.waitForFunction((n) => document.getElementById('avatar-info').textContent.startsWith(n) ||
    !document.getElementById('message').hidden, name, { timeout: 30_000 });
  assert.equal(await page.isHidden('#message'), true, await page.textContent('#message-text'));
  return page.evaluate(() => ({
    text: document.getElementById('avatar-info').textContent,
    isVrm: !!window.facecast.state.avatar.vrm,
    missing: window.facecast.state.avatar.missing,
    missingShown: !document.getElementById('missing-wrap').hidden,
    summary: document.getElementById('missing-summary').textContent,
    list: document.getElementById('missing-list').textContent,
  }));
}

// At time t of the processed clip (player seeked, frame rendered): VRM expression
// values, the weights on the morph targets of the avatar's skin (what is drawn), the
// frame's own weights, and the canvas when `shot` names a file to save it as.
async function vrmAt(t, expressions, morphs, shot = null) {
  const state = await page.evaluate(async ({ t, expressions, morphs, shot }) => {
    const { player, state, stage } = window.facecast;
    await player.seek(t);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const vrm = state.avatar.vrm;
    let skin = null;
    vrm.scene.traverse((o) => { if (o.isMesh && o.name === 'Skin') skin = o; });
    const frame = state.animation.sample(player.currentTime);
    return {
      expression: Object.fromEntries(expressions.map((n) => [n, vrm.expressionManager.getValue(n)])),
      morph: Object.fromEntries(morphs.map((n) => [n, skin.morphTargetInfluences[skin.morphTargetDictionary[n]]])),
      jawOpen: frame.blendshapes[17], eyeBlinkLeft: frame.blendshapes[0],
      canvas: shot ? stage.canvas.toDataURL('image/png') : null,
    };
  }, { t, expressions, morphs, shot });
  if (shot) {
    const png = Buffer.from(state.canvas.split(',')[1], 'base64');
    await writeFile(join(config.shots, shot), png);
    state.canvas = PNG.decode(png);
  }
  return state;
}

// Where the tip of the nose (the skin's vertex furthest forward) moves when the head
// is turned by yaw +20 (towards the avatar's left) or pitch +10 (chin up), in the
// avatar's frame (it faces +z on the stage): the VRM's humanoid head bone must carry it.
const noseMoves = () => page.evaluate(() => {
  const { state } = window.facecast;
  const avatar = state.avatar;
  let skin = null;
  avatar.root.traverse((o) => { if (o.isMesh && o.name === 'Skin') skin = o; });
  const pos = skin.geometry.attributes.position;
  let tip = 0;
  for (let i = 1; i < pos.count; ++i) if (pos.getZ(i) > pos.getZ(tip)) tip = i;
  const nose = (head) => {
    avatar.apply({ blendshapes: new Array(52).fill(0), head });
    avatar.update(0);
    avatar.root.updateMatrixWorld(true);
    return new skin.position.constructor().fromBufferAttribute(pos, tip).applyMatrix4(skin.matrixWorld);
  };
  const rest = nose([0, 0, 0]), yaw = nose([0, 20, 0]), pitch = nose([10, 0, 0]);
  nose(null);
  return { yawX: yaw.x - rest.x, pitchY: pitch.y - rest.y, facing: rest.z };
});

// What vrmAt read, for messages (without the pixels).
const values = (state) => JSON.stringify({ ...state, canvas: undefined });

// How much the mouth region differs between two canvases (mean absolute, of 255).
async function mouthDiff(a, b) {
  const region = await mouthRegion();
  assert.ok(region.width > 20 && region.height > 10, `mouth region ${JSON.stringify(region)}`);
  return PNG.meanAbsDiff(PNG.crop(a, region), PNG.crop(b, region));
}

test('a perfect-sync VRM: the 52 ARKit expressions are driven 1:1', async () => {
  const times = await keyTimes();
  const info = await loadVrm('perfect_sync.vrm', { variant: 'perfect-sync', version: 0 }, { validate: true });
  assert.ok(info.isVrm);
  assert.equal(info.text, 'perfect_sync.vrm: VRM (perfect sync), 52 of 52 ARKit shapes');
  assert.deepEqual(info.missing, []);
  assert.equal(info.missingShown, false);
  // A VRM 0.x faces -Z: turned to the camera, its head turns the way Facecast's angles say.
  const nose = await noseMoves();
  assert.ok(nose.facing > 0 && nose.yawX > 0.01 && nose.pitchY > 0.005, `head of the VRM: ${JSON.stringify(nose)}`);

  const open = await vrmAt(times.open, ['JawOpen', 'aa'], ['jawOpen', 'viseme_aa'], 'vrm_perfect_sync_open_vowel.png');
  const quiet = await vrmAt(times.silence, ['JawOpen', 'aa'], ['jawOpen', 'viseme_aa'], 'vrm_perfect_sync_silence.png');
  // JawOpen (named as perfect-sync tools name it) carries the frame's jawOpen, and so
  // does the morph it binds; the 'aa' preset stays off (no double mouth).
  assert.ok(open.jawOpen > 0.3, values(open));
  assert.ok(Math.abs(open.expression.JawOpen - open.jawOpen) < 1e-6, values(open));
  assert.ok(Math.abs(open.morph.jawOpen - open.jawOpen) < 1e-6, values(open));
  assert.equal(open.expression.aa, 0);
  assert.equal(open.morph.viseme_aa, 0);
  assert.ok(quiet.morph.jawOpen < 0.05, values(quiet));
  const diff = await mouthDiff(open.canvas, quiet.canvas);
  assert.ok(diff > 4, `vowel and silence look alike on the VRM (${diff.toFixed(2)})`);
  console.log(`perfect-sync VRM: jawOpen ${open.morph.jawOpen.toFixed(2)} in the vowel, ${quiet.morph.jawOpen.toFixed(2)} in silence; mouth region differs by ${diff.toFixed(2)} / 255`);
});

test('a VRM with presets only: ARKit weights fold onto aa/ih/ou/ee/oh and blinks', async () => {
  const times = await keyTimes();
  assert.ok(times.lid > 0.5, `no blink in the clip: ${JSON.stringify(times)}`);
  // VRM 0.x with the usual presets (Blink_L/Blink_R too), then VRM 1.0 with the vowels
  // and a single 'blink' (no per-eye blinks): both must open the mouth and blink.
  const variants = [
    { file: 'presets.vrm', version: 0, presets: undefined, blink: ['blinkLeft', 'eyeBlinkLeft'], pixels: true },
    { file: 'presets_v1.vrm', version: 1, presets: ['aa', 'ih', 'ou', 'ee', 'oh', 'blink'], blink: ['blink', 'eyesClosed'] },
  ];
  for (const v of variants) {
    const info = await loadVrm(v.file, { variant: 'presets', version: v.version, presets: v.presets });
    assert.equal(info.text, `${v.file}: VRM (presets), 0 of 52 ARKit shapes (driven by visemes)`);
    assert.equal(info.missing.length, 52);
    assert.ok(info.missingShown);
    assert.equal(info.summary, 'Missing 52 shape(s)');
    assert.match(info.list, /^eyeBlinkLeft, .*jawOpen, .*tongueOut$/);
    const nose = await noseMoves();
    assert.ok(nose.facing > 0 && nose.yawX > 0.01 && nose.pitchY > 0.005, `head of ${v.file}: ${JSON.stringify(nose)}`);

    const [blinkExpression, blinkMorph] = v.blink;
    const name = v.file.replace('.vrm', '');
    const open = await vrmAt(times.open, ['aa', blinkExpression], ['viseme_aa', 'jawOpen'], v.pixels && `vrm_${name}_open_vowel.png`);
    const quiet = await vrmAt(times.silence, ['aa'], ['viseme_aa'], v.pixels && `vrm_${name}_silence.png`);
    const blink = await vrmAt(times.blink, [...new Set([blinkExpression, 'blink'])], [blinkMorph, 'eyesClosed']);
    const report = `${v.file}: open ${values(open)}, silence ${values(quiet)}, blink ${values(blink)}`;
    assert.ok(open.expression.aa > 0.3 && open.morph.viseme_aa > 0.3, report);
    assert.equal(open.morph.jawOpen, 0, report);  // not bound by any preset
    assert.ok(quiet.expression.aa < 0.05 && quiet.morph.viseme_aa < 0.05, report);
    assert.ok(blink.expression[blinkExpression] > 0.4 && blink.morph[blinkMorph] > 0.4, report);
    // With per-eye blinks, 'blink' stays off (both would close the lids twice over).
    if (blinkExpression !== 'blink') assert.ok(blink.expression.blink === 0 && blink.morph.eyesClosed === 0, report);
    const diff = v.pixels ? await mouthDiff(open.canvas, quiet.canvas) : NaN;
    if (v.pixels) assert.ok(diff > 4, `${v.file}: vowel and silence look alike (${diff.toFixed(2)})`);
    console.log(`${v.file}: aa ${open.morph.viseme_aa.toFixed(2)} in the vowel, ${quiet.morph.viseme_aa.toFixed(2)} in silence, ` +
      `${blinkExpression} ${blink.expression[blinkExpression].toFixed(2)} at a blink` + (v.pixels ? `; mouth region differs by ${diff.toFixed(2)} / 255` : ''));
  }
});

test('the layout fits a phone-sized screen', async () => {
  const phone = await openApp(browser, server.base, { width: 390, height: 844 });
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await shot('phone.png', phone);
  await phone.close();
  assert.deepEqual(page.errors.filter((e) => !/Failed to load resource/.test(e)), []);
});
