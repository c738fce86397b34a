// Wires the app together: stage + avatar, speech input, processing, playback on the
// audio clock, timeline, emotion, live mode and exports.
import * as api from './api.js';
import { Stage } from './scene.js';
import { loadAvatar } from './avatar.js';
import { Player } from './player.js';
import { FaceAnimation } from './animation.js';
import { Timeline } from './timeline.js';
import { EmotionPanel } from './emotions.js';
import { FaceControls } from './controls.js';
import { LiveSession } from './live.js';
import { openMicrophone, encodeWav } from './microphone.js';
import { download, jsonBlob, glbBlob, recordVideo } from './exports.js';

const $ = (id) => document.getElementById(id);
const ui = {
  status: $('server-status'), message: $('message'), messageText: $('message-text'),
  viewport: $('viewport'), loading: $('avatar-loading'), preset: $('preset'), avatarFile: $('avatar-file'),
  avatarInfo: $('avatar-info'), missingWrap: $('missing-wrap'), missingSummary: $('missing-summary'), missingList: $('missing-list'),
  dropzone: $('dropzone'), audioFile: $('audio-file'), record: $('record'), sample: $('sample'), audioInfo: $('audio-info'),
  transcript: $('transcript'), mode: $('mode'), process: $('process'), progress: $('progress'), processInfo: $('process-info'),
  play: $('play'), stop: $('stop'), loop: $('loop'), speed: $('speed'), clock: $('clock'),
  live: $('live'), liveInfo: $('live-info'), liveBadge: $('live-badge'), liveLatency: $('live-latency'),
  exportInfo: $('export-info'), keysInfo: $('keys-info'), liveSettings: $('live-settings'),
};

// State of the app, also read by the end-to-end tests through window.facecast.
const state = {
  avatar: null, audioFile: null, audioBuffer: null, response: null, animation: null,
  live: null, liveFrame: null, recording: null, busy: false,
};

function showMessage(text, kind = 'error') {
  ui.messageText.textContent = text;
  ui.message.dataset.kind = kind;
  ui.message.hidden = false;
}
function clearMessage() { ui.message.hidden = true; }
$('message-close').onclick = clearMessage;

const stage = new Stage(ui.viewport);
const player = new Player();
const timeline = new Timeline($('timeline'), { onSeek: (t) => { player.seek(t); } });
const emotions = new EmotionPanel($('emotions'), {
  source: $('emotion-source'), used: $('emotion-used'),
  onChange: () => { showEmotionState(); sendLiveSettingsSoon(); },
});
function showEmotionState() {
  timeline.setKeyframes(emotions.auto ? [] : emotions.keyframes);
  const apply = state.live ? 'Sent to the live stream as you change it.' : 'Re-process to apply.';
  ui.keysInfo.textContent = emotions.auto
    ? `The server estimates the emotion per phrase from pitch, energy and rate. ${apply}`
    : emotions.keyframes.length
      ? `${emotions.keyframes.length} keyframe(s): they replace the sliders${state.live ? ' (not used live)' : ''}. ${apply}`
      : `No keyframes: the sliders apply to the whole clip. ${apply}`;
}
const controls = new FaceControls($('controls'), { seed: $('seed'), reset: $('reset-controls'), onChange: () => sendLiveSettingsSoon() });

// --- server status -----------------------------------------------------------
async function checkServer() {
  const h = await api.health();
  ui.status.dataset.state = h.state;
  ui.status.textContent = {
    ok: 'server: ready', loading: 'server: loading model…', busy: 'server: busy, retry shortly',
    draining: 'server: shutting down', error: 'server: model failed', down: 'server: unreachable',
  }[h.state];
  if (h.state === 'down') showMessage(h.detail);
  else if (h.state === 'error') showMessage('The server could not load its speech model (see the server log).');
  return h.state;
}

// --- avatar ------------------------------------------------------------------
async function setAvatar(source) {
  ui.loading.hidden = false;
  ui.loading.textContent = 'Loading avatar…';
  try {
    const avatar = await loadAvatar(source);
    state.avatar?.dispose();
    state.avatar = avatar;
    stage.scene.add(avatar.root);
    stage.frame(avatar.faceBox());
    const missing = avatar.missing;
    ui.avatarInfo.textContent = `${avatar.label}: ${avatar.kind}, ${52 - missing.length} of 52 ARKit shapes` +
      (avatar.binding.useVisemes ? ' (driven by visemes)' : '');
    ui.missingWrap.hidden = missing.length === 0;
    ui.missingSummary.textContent = `Missing ${missing.length} shape(s)`;
    ui.missingList.textContent = missing.join(', ');
    ui.loading.hidden = true;
    updateButtons();
  } catch (e) {
    ui.loading.textContent = state.avatar ? '' : 'No avatar';
    ui.loading.hidden = !!state.avatar;
    showMessage(e.message);
  }
}
ui.preset.onchange = () => setAvatar(ui.preset.value);
ui.avatarFile.onchange = () => { if (ui.avatarFile.files[0]) setAvatar(ui.avatarFile.files[0]); };

// --- speech input ------------------------------------------------------------
const ACCEPTED = /\.(wav|mp3|flac|ogg|oga|opus|webm|weba|mka)$/i;
async function setAudio(file, transcript) {
  clearMessage();
  if (!ACCEPTED.test(file.name) && !file.type.startsWith('audio/')) {
    showMessage(`${file.name} is not an audio file Facecast reads (WAV, MP3, FLAC, OGG, Opus, WebM).`);
    return;
  }
  state.audioFile = file;
  state.response = null; state.animation = null;
  timeline.setAnimation(null);
  emotions.showUsed(null);
  if (transcript !== undefined) ui.transcript.value = transcript;
  ui.audioInfo.textContent = `${file.name} (${(file.size / 1024).toFixed(0)} KB)`;
  try {
    state.audioBuffer = await player.load(await file.arrayBuffer());
    ui.audioInfo.textContent += `, ${state.audioBuffer.duration.toFixed(2)} s`;
  } catch (e) {
    state.audioBuffer = null;
    ui.audioInfo.textContent += ` — ${e.message}`;
  }
  timeline.setAudio(state.audioBuffer);
  updateButtons();
}
ui.audioFile.onchange = () => { if (ui.audioFile.files[0]) setAudio(ui.audioFile.files[0]); };
ui.dropzone.addEventListener('dragover', (e) => { e.preventDefault(); ui.dropzone.classList.add('over'); });
ui.dropzone.addEventListener('dragleave', () => ui.dropzone.classList.remove('over'));
ui.dropzone.addEventListener('drop', (e) => {
  e.preventDefault(); ui.dropzone.classList.remove('over');
  const file = e.dataTransfer.files[0];
  if (file) setAudio(file);
});
// A file dropped anywhere else must not make the browser open it and leave the app.
for (const type of ['dragover', 'drop']) window.addEventListener(type, (e) => e.preventDefault());

// Bundled samples (made by the build/`make run` under build/sample, served as samples/).
async function findSamples() {
  for (const name of ['hello']) {
    try {
      const res = await fetch(`samples/${name}.wav`, { method: 'HEAD' });
      if (res.ok) ui.sample.append(new Option(`${name}.wav`, name));
    } catch { /* no samples */ }
  }
  ui.sample.hidden = ui.sample.options.length <= 1;
}
ui.sample.onchange = async () => {
  const name = ui.sample.value;
  if (!name) return;
  const [audio, text] = await Promise.all([fetch(`samples/${name}.wav`), fetch(`samples/${name}.txt`)]);
  const transcript = text.ok ? (await text.text()).trim() : '';
  await setAudio(new File([await audio.blob()], `${name}.wav`, { type: 'audio/wav' }), transcript);
};

ui.record.onclick = async () => {
  if (state.recording) {
    const { mic, chunks } = state.recording;
    state.recording = null;
    mic.stop();
    ui.record.textContent = '● Record';
    await setAudio(new File([encodeWav(chunks, mic.sampleRate)], 'recording.wav', { type: 'audio/wav' }));
    return;
  }
  // A second press while the microphone opens would open (and leak) a second one.
  ui.record.disabled = true;
  try {
    const chunks = [];
    const mic = await openMicrophone((c) => chunks.push(c));
    state.recording = { mic, chunks };
    ui.record.textContent = '■ Stop recording';
  } catch (e) { showMessage(e.message); } finally { ui.record.disabled = false; }
};

// --- processing --------------------------------------------------------------
function showProgress(fraction, phase) {
  ui.progress.hidden = false;
  if (phase === 'upload') { ui.progress.value = fraction * 0.3; ui.processInfo.textContent = `Uploading… ${(fraction * 100).toFixed(0)} %`; }
  else { ui.progress.removeAttribute('value'); ui.processInfo.textContent = 'Analysing speech…'; }
}

// The form's fields now (mode, transcript, emotion, face controls).
function currentFields() {
  // format json: the app reads our JSON, whatever format the server is configured to answer in.
  const fields = { mode: ui.mode.value, format: 'json', transcript: ui.transcript.value.trim(), ...emotions.fields(), ...controls.fields() };
  if (fields.mode === 'auto') delete fields.mode;
  return fields;
}

// What of the transcript was not used: words not found in the audio, text in
// another script (the server lists both; the CLI warns of them on stderr).
function transcriptNote(d) {
  const quoted = (list) => `'${list.slice(0, 6).join(' ')}${list.length > 6 ? ' …' : ''}'`;
  const notes = [];
  const unaligned = (d.unaligned_words ?? []).map((w) => w.word);
  if (unaligned.length) notes.push(`${unaligned.length} transcript word${unaligned.length > 1 ? 's' : ''} not found in the audio: ${quoted(unaligned)}`);
  if (d.unread_transcript?.length) notes.push(`not read (not in Latin letters): ${quoted(d.unread_transcript)}`);
  return notes.length ? `. ${notes.join('; ')}` : '';
}

ui.process.onclick = async () => {
  if (!state.audioFile || state.busy) return;
  clearMessage();
  state.busy = true; updateButtons();
  player.stop();
  const started = performance.now();
  try {
    const fields = currentFields();
    const response = await api.processAudio(state.audioFile, fields, showProgress);
    state.response = response;
    state.processedWith = fields;  // the CSV and Audio2Face exports ask for the same animation
    state.animation = new FaceAnimation(response.data);
    timeline.setAnimation(state.animation);
    const d = response.data;
    emotions.showUsed(d.emotion ?? null);
    ui.processInfo.textContent = `${d.frame_count} frames at ${+d.fps.toFixed(3)} fps, mode ${d.mode}, ` +
      `${d.words.length} words; server ${Math.round(d.processing_ms)} ms, round trip ${Math.round(performance.now() - started)} ms` +
      transcriptNote(d);
  } catch (e) {
    ui.processInfo.textContent = '';
    showMessage(`Processing failed: ${e.message}`);
  } finally {
    ui.progress.hidden = true; ui.progress.value = 0;
    state.busy = false; updateButtons();
  }
};

// --- playback ----------------------------------------------------------------
ui.play.onclick = async () => {
  if (player.playing) player.pause(); else await player.play();
  updateButtons();
};
ui.stop.onclick = () => { player.stop(); updateButtons(); };
ui.loop.onchange = () => player.setLoop(ui.loop.checked);
ui.speed.onchange = () => player.setRate(Number(ui.speed.value));
player.onEnded = () => updateButtons();

// Each rendered frame: the face follows the audio clock (or the live stream).
stage.onFrame((dt) => {
  const avatar = state.avatar;
  const t = player.currentTime;
  if (avatar) {
    if (state.live) avatar.apply(state.liveFrame);
    else if (state.animation) avatar.apply(state.animation.sample(t));
    avatar.update(dt);
  }
  timeline.draw(t);
  ui.clock.textContent = `${t.toFixed(2)} / ${(state.animation?.duration ?? player.duration).toFixed(2)} s`;
  if (state.live) {
    const l = state.live.latency();
    ui.liveLatency.textContent = l ? `${Math.round(l.median)} ms` : '– ms';
    ui.liveInfo.textContent = `${state.live.framesReceived} frames received` +
      (l ? `; latency median ${Math.round(l.median)} ms, p95 ${Math.round(l.p95)} ms` : '');
  }
});

// --- emotion keyframes -------------------------------------------------------
$('add-key').onclick = () => emotions.addKeyframe(player.currentTime);
$('clear-keys').onclick = () => emotions.clearKeyframes();

// --- live mode ---------------------------------------------------------------
// Emotion and face controls changed during a stream go to the server as a settings
// message (at most one per 150 ms, the last change always sent); the server applies
// them to the frames to come and acknowledges each.
let liveSettingsTimer = null, liveSettingsLast = 0;
function sendLiveSettingsSoon() {
  if (!state.live || liveSettingsTimer) return;
  const wait = Math.max(0, liveSettingsLast + 150 - performance.now());
  liveSettingsTimer = setTimeout(() => {
    liveSettingsTimer = null;
    liveSettingsLast = performance.now();
    if (state.live?.sendSettings({ ...emotions.liveFields(), ...controls.liveFields() })) {
      ui.liveSettings.hidden = false;
      ui.liveSettings.dataset.state = 'pending';
      ui.liveSettings.textContent = 'Settings sent…';
    }
  }, wait);
}

function showSettingsApplied({ applied, acked, pending, ms }) {
  ui.liveSettings.hidden = false;
  ui.liveSettings.dataset.state = applied ? (pending ? 'pending' : 'applied') : 'refused';
  ui.liveSettings.textContent = applied
    ? `✓ Settings applied by the server (${acked} change${acked === 1 ? '' : 's'}${ms === null ? '' : `, acknowledged in ${Math.round(ms)} ms`})`
    : 'The server did not apply the settings.';
}

ui.live.onclick = async () => {
  if (state.live) { state.live.stop(); return; }
  clearMessage();
  player.pause();
  const session = new LiveSession({
    // Keyframes have no meaning live: the sliders (or auto) and the controls are sent.
    settings: () => ({ ...(emotions.liveFields().emotion ? emotions.liveFields() : {}), ...controls.fields() }),
    onFrame: (frame) => { state.liveFrame = frame; },
    onSettingsApplied: showSettingsApplied,
    onStatus: () => {},
    onEnd: (error) => {
      if (state.live !== session) return;
      state.live = null; state.liveFrame = null;
      ui.live.textContent = 'Start live'; ui.liveBadge.hidden = true;
      showEmotionState();
      if (error) showMessage(error);
      updateButtons();
    },
  });
  ui.live.textContent = 'Starting…';
  ui.live.disabled = true;  // a second press while the microphone prompt is open would stop a stream not yet started
  try {
    state.live = session;
    await session.start();
    if (state.live !== session) return;  // ended while starting (onEnd has reset the button)
    ui.live.textContent = 'Stop live'; ui.liveBadge.hidden = false;
    ui.liveSettings.hidden = true;
    showEmotionState();
  } catch (e) {
    if (state.live === session) state.live = null;
    ui.live.textContent = 'Start live';
    showMessage(e.message);
  } finally {
    ui.live.disabled = false;
    updateButtons();
  }
};

// --- exports -----------------------------------------------------------------
const baseName = () => (state.audioFile?.name ?? 'facecast').replace(/\.[^.]+$/, '');
async function runExport(label, job) {
  clearMessage();
  ui.exportInfo.textContent = `${label}…`;
  state.busy = true; updateButtons();
  try { ui.exportInfo.textContent = await job(); } catch (e) {
    ui.exportInfo.textContent = '';
    showMessage(`${label} failed: ${e.message}`);
  } finally { state.busy = false; updateButtons(); }
}
// The animation on screen in a server-made format: the same audio and fields again
// (same seed, same frames), not whatever the form holds now; at the frame rate
// chosen for export, else the one on screen.
const exportFps = () => $('export-fps').value || state.animation.fps;
const exportsOnScreenRate = () => !$('export-fps').value || Number($('export-fps').value) === +state.animation.fps.toFixed(2);
const processedAs = (format) =>
  api.processAudio(state.audioFile, { ...state.processedWith, format, fps: exportFps() }, () => {});
// The JSON answer at the export rate: the one on screen when the rates agree.
const responseForExport = async () => (exportsOnScreenRate() ? state.response : processedAs('json'));
$('export-json').onclick = () => runExport('JSON export', async () => {
  download(jsonBlob(await responseForExport()), `${baseName()}.facecast.json`);
  return `Saved ${baseName()}.facecast.json`;
});
$('export-csv').onclick = () => runExport('CSV export', async () => {
  download(new Blob([await processedAs('csv')], { type: 'text/csv' }), `${baseName()}.csv`);
  return `Saved ${baseName()}.csv (Live Link Face layout)`;
});
$('export-a2f').onclick = () => runExport('Audio2Face export', async () => {
  download(new Blob([await processedAs('a2f')], { type: 'application/json' }), `${baseName()}_bsweight.json`);
  return `Saved ${baseName()}_bsweight.json (Audio2Face blendshape weights)`;
});
$('export-glb').onclick = () => runExport('GLB export', async () => {
  const response = await responseForExport();
  const blob = await glbBlob(state.avatar, response === state.response ? state.animation : new FaceAnimation(response.data));
  download(blob, `${baseName()}.glb`);
  return `Saved ${baseName()}.glb (${(blob.size / 1e6).toFixed(1)} MB, morph-target animation)`;
});
$('export-webm').onclick = () => runExport('Video export', async () => {
  const blob = await recordVideo(stage.canvas, player, (f) => { ui.exportInfo.textContent = `Recording video… ${(f * 100).toFixed(0)} %`; });
  download(blob, `${baseName()}.webm`);
  return `Saved ${baseName()}.webm (${(blob.size / 1e6).toFixed(1)} MB)`;
});

// --- buttons -----------------------------------------------------------------
function updateButtons() {
  const hasAnim = !!state.animation, live = !!state.live;
  ui.process.disabled = !state.audioFile || state.busy || live;
  ui.play.disabled = !state.audioBuffer || live;
  ui.stop.disabled = !state.audioBuffer || live;
  ui.play.textContent = player.playing ? 'Pause' : 'Play';
  $('export-json').disabled = !hasAnim || state.busy;
  $('export-csv').disabled = !hasAnim || state.busy;
  $('export-a2f').disabled = !hasAnim || state.busy;
  $('export-glb').disabled = !hasAnim || !state.avatar || state.busy;
  $('export-webm').disabled = !hasAnim || !state.audioBuffer || !state.avatar || state.busy;
}

// --- start -------------------------------------------------------------------
window.facecast = { state, player, stage, timeline, emotions, controls };
checkServer();
findSamples();
await setAvatar(ui.preset.value);
window.facecast.ready = true;
