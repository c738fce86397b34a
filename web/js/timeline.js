// The timeline under the avatar: waveform, the emotion used (a lane of curves with the
// keys the server reported), curves of the main blendshapes, the viseme lane, phonemes
// and words as text, the user's emotion keyframes, and a playhead that scrubs.
// The static layers are drawn once into an offscreen canvas; each frame only the
// playhead is drawn on top.

const CURVES = [
  ['jawOpen', '#5aa9ff'], ['mouthClose', '#ff6b6b'], ['mouthFunnel', '#ffb45a'],
  ['mouthPucker', '#c38bff'], ['mouthSmileLeft', '#5ad19a'], ['eyeBlinkLeft', '#9aa3b2'],
];
import { EMOTIONS, EMOTION_COLOURS, describeKey } from './emotions.js';

const VISEME_COLOURS = ['#3a3f4b', '#ff6b6b', '#ff9f5a', '#ffd35a', '#c9e05a', '#7ddc6a', '#5ad1a6', '#5ac8d8',
  '#5aa9ff', '#7a8cff', '#a07aff', '#d17aff', '#ff7ad9', '#ff7aa0', '#e0a07a'];

export class Timeline {
  constructor(canvas, { onSeek }) {
    this.canvas = canvas;
    this.onSeek = onSeek;
    this.layer = document.createElement('canvas');
    this.animation = null;
    this.peaks = null;     // [min, max] per pixel column of the waveform
    this.samples = null;
    this.duration = 0;
    this.keyframes = [];
    this.playhead = 0;
    this.dirty = true;
    this.installPointer();
    new ResizeObserver(() => { this.dirty = true; this.draw(this.playhead); }).observe(canvas);
  }

  setAudio(audioBuffer) {
    this.samples = audioBuffer ? audioBuffer.getChannelData(0) : null;
    this.duration = audioBuffer ? audioBuffer.duration : this.duration;
    this.dirty = true;
  }

  setAnimation(animation) {
    this.animation = animation;
    if (animation && !this.samples) this.duration = animation.duration;
    this.dirty = true;
  }

  setKeyframes(keys) { this.keyframes = keys; this.dirty = true; }

  lanes(h) {
    const wave = Math.round(h * 0.2), emotion = Math.round(h * 0.17), curves = Math.round(h * 0.3), viseme = Math.round(h * 0.11);
    const text = Math.floor((h - wave - emotion - curves - viseme) / 2);
    let y = 0;
    const next = (size) => { const lane = [y, size]; y += size; return lane; };
    return { wave: next(wave), emotion: next(emotion), curves: next(curves), viseme: next(viseme), phones: next(text), words: next(text) };
  }

  xOf(t, w) { return this.duration > 0 ? (t / this.duration) * w : 0; }

  renderLayer() {
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    const w = Math.max(1, Math.round(this.canvas.clientWidth * dpr)), h = Math.max(1, Math.round(this.canvas.clientHeight * dpr));
    this.canvas.width = w; this.canvas.height = h;
    this.layer.width = w; this.layer.height = h;
    const g = this.layer.getContext('2d');
    g.clearRect(0, 0, w, h);
    const L = this.lanes(h);
    g.font = `${Math.round(11 * dpr)}px system-ui, sans-serif`;
    g.textBaseline = 'middle';

    if (!this.samples && !this.animation) {
      g.fillStyle = '#6b7380';
      g.fillText('Timeline: give speech and press Process.', 12 * dpr, h / 2);
      return;
    }
    // Waveform: min/max per column.
    if (this.samples) {
      const [y0, lh] = L.wave, mid = y0 + lh / 2, n = this.samples.length;
      g.fillStyle = '#4a6b8f';
      for (let x = 0; x < w; ++x) {
        const a = Math.floor((x / w) * n), b = Math.max(a + 1, Math.floor(((x + 1) / w) * n));
        let lo = 0, hi = 0;
        for (let i = a; i < b; i += Math.max(1, (b - a) >> 6)) { const s = this.samples[i]; if (s < lo) lo = s; if (s > hi) hi = s; }
        g.fillRect(x, mid - hi * lh * 0.48, 1, Math.max(1, (hi - lo) * lh * 0.48));
      }
    }
    const anim = this.animation;
    if (anim) {
      // Curves of the main blendshapes, with a legend.
      const [y0, lh] = L.curves;
      g.strokeStyle = '#262b33'; g.beginPath(); g.moveTo(0, y0 + lh); g.lineTo(w, y0 + lh); g.stroke();
      let legendX = 6 * dpr;
      for (const [name, colour] of CURVES) {
        const values = anim.column(name);
        if (!values) continue;
        g.strokeStyle = colour; g.lineWidth = 1.5 * dpr; g.beginPath();
        values.forEach((v, i) => { const x = this.xOf(i / anim.fps, w), y = y0 + lh - v * (lh - 4 * dpr) - 2 * dpr; i ? g.lineTo(x, y) : g.moveTo(x, y); });
        g.stroke();
        g.fillStyle = colour; g.fillText(name, legendX, y0 + 8 * dpr);
        legendX += g.measureText(name).width + 10 * dpr;
      }
      // Viseme lane: the strongest viseme of each frame.
      const [vy, vh] = L.viseme;
      let runStart = 0, runViseme = -1;
      const flush = (end) => {
        if (runViseme < 0) return;
        const x0 = this.xOf(runStart / anim.fps, w), x1 = this.xOf(end / anim.fps, w);
        g.fillStyle = VISEME_COLOURS[runViseme] ?? '#888'; g.fillRect(x0, vy + 1, Math.max(1, x1 - x0 - 1), vh - 2);
        const label = anim.visemeNames[runViseme] ?? '';
        if (x1 - x0 > g.measureText(label).width + 4) { g.fillStyle = '#101216'; g.fillText(label, x0 + 2, vy + vh / 2); }
      };
      anim.visemes.forEach((frame, i) => {
        let best = 0; for (let k = 1; k < frame.length; ++k) if (frame[k] > frame[best]) best = k;
        if (best !== runViseme) { flush(i); runStart = i; runViseme = best; }
      });
      flush(anim.visemes.length);
      this.drawEmotion(g, anim.emotion, L.emotion, w, dpr);
      this.drawSegments(g, anim.phonemes, 'phoneme', L.phones, w, '#c8ccd6');
      this.drawSegments(g, anim.words, 'word', L.words, w, '#ffffff');
    }
    // Emotion keyframes: diamonds at the top.
    g.fillStyle = '#ffb45a';
    for (const k of this.keyframes) {
      const x = this.xOf(k.time, w), s = 5 * dpr;
      g.beginPath(); g.moveTo(x, 0); g.lineTo(x + s, s); g.lineTo(x, 2 * s); g.lineTo(x - s, s); g.fill();
    }
  }

  // The emotion used: each emotion that is ever above 0 as a curve (smoothstep between
  // keys, as the engine interpolates; held before the first and after the last key),
  // a tick at every key labelled with its strongest emotions when there is room.
  drawEmotion(g, emotion, [y0, lh], w, dpr) {
    g.fillStyle = '#181c22'; g.fillRect(0, y0 + 1, w, lh - 2);
    const keys = emotion?.keys ?? [];
    const active = EMOTIONS.filter((e) => keys.some((k) => (k[e] ?? 0) >= 0.01));
    const yOf = (v) => y0 + lh - 2 * dpr - v * (lh - 4 * dpr);
    const valueAt = (e, t) => {
      if (t <= keys[0].time) return keys[0][e] ?? 0;
      for (let i = 1; i < keys.length; ++i) {
        if (t > keys[i].time) continue;
        const a = keys[i - 1], b = keys[i], u = (t - a.time) / Math.max(1e-6, b.time - a.time), s = u * u * (3 - 2 * u);
        return (a[e] ?? 0) + ((b[e] ?? 0) - (a[e] ?? 0)) * s;
      }
      return keys[keys.length - 1][e] ?? 0;
    };
    if (keys.length) {
      const step = Math.max(1, Math.round(2 * dpr));
      for (const e of active) {
        g.strokeStyle = EMOTION_COLOURS[e]; g.lineWidth = 1.5 * dpr; g.beginPath();
        for (let x = 0; x <= w; x += step) { const y = yOf(valueAt(e, (x / w) * this.duration)); x ? g.lineTo(x, y) : g.moveTo(x, y); }
        g.stroke();
      }
    }
    g.fillStyle = '#9aa3b2';
    const mode = emotion ? { auto: 'emotion (auto, per phrase)', keys: 'emotion (keys)', constant: 'emotion' }[emotion.mode] ?? 'emotion' : 'emotion';
    g.fillText(active.length ? mode : `${mode}: neutral`, 4 * dpr, y0 + 7 * dpr);
    // Key ticks with their strongest emotion (the label must fit before the next key).
    keys.forEach((k, i) => {
      const x = this.xOf(k.time, w), nextX = i + 1 < keys.length ? this.xOf(keys[i + 1].time, w) : w;
      g.fillStyle = '#e6e8ee'; g.fillRect(Math.round(x), y0 + lh - 5 * dpr, Math.max(1, dpr), 4 * dpr);
      const label = describeKey(k, 1);
      if (label !== 'neutral' && nextX - x > g.measureText(label).width + 8 * dpr) {
        const top = EMOTIONS.reduce((best, e) => ((k[e] ?? 0) > (k[best] ?? 0) ? e : best), EMOTIONS[0]);
        g.fillStyle = EMOTION_COLOURS[top]; g.fillText(label, x + 3 * dpr, y0 + lh - 11 * dpr);
      }
    });
  }

  drawSegments(g, segments, key, [y0, lh], w, colour) {
    for (const s of segments) {
      const x0 = this.xOf(s.start, w), x1 = this.xOf(s.end, w);
      g.fillStyle = '#20252d'; g.fillRect(x0, y0 + 1, Math.max(1, x1 - x0 - 1), lh - 2);
      const label = s[key] ?? '';
      if (x1 - x0 > g.measureText(label).width + 2) { g.fillStyle = colour; g.fillText(label, x0 + 2, y0 + lh / 2); }
    }
  }

  // Draws the cached layers and the playhead at time t.
  draw(t) {
    this.playhead = t;
    if (this.dirty) { this.renderLayer(); this.dirty = false; }
    const g = this.canvas.getContext('2d');
    g.clearRect(0, 0, this.canvas.width, this.canvas.height);
    g.drawImage(this.layer, 0, 0);
    if (this.duration > 0) {
      const x = this.xOf(t, this.canvas.width);
      g.fillStyle = '#ffffff'; g.fillRect(Math.round(x) - 1, 0, 2, this.canvas.height);
    }
  }

  installPointer() {
    const seekTo = (e) => {
      if (this.duration <= 0) return;
      const r = this.canvas.getBoundingClientRect();
      const t = Math.min(Math.max(0, (e.clientX - r.left) / r.width), 1) * this.duration;
      this.onSeek(t);
    };
    this.canvas.addEventListener('pointerdown', (e) => { this.canvas.setPointerCapture(e.pointerId); seekTo(e); });
    this.canvas.addEventListener('pointermove', (e) => { if (this.canvas.hasPointerCapture(e.pointerId)) seekTo(e); });
  }
}
