// The processed animation (the "data" of POST /process-audio) and sampling it at a time.

export class FaceAnimation {
  constructor(data) {
    this.data = data;
    this.fps = data.fps;
    this.names = data.blendshape_names;
    this.blendshapes = data.blendshapes;
    this.visemeNames = data.visemes?.names ?? [];
    this.visemes = data.visemes?.frames ?? [];
    this.head = data.head_rotation ?? [];
    this.eyes = data.eye_rotation ?? [];
    this.phonemes = data.phonemes ?? [];
    this.words = data.words ?? [];
    this.frameCount = data.frame_count ?? this.blendshapes.length;
    this.duration = data.duration ?? this.frameCount / this.fps;
    this.scratchHead = [0, 0, 0];
    this.scratchEyes = [0, 0, 0, 0];
    this.scratch = { blendshapes: new Float32Array(52), visemes: new Float32Array(15), head: null, eyes: null };
    this.emotion = data.emotion ?? null;  // {mode, keys: [{time, amazement..sadness}]}: the emotion used
  }

  // The frame at time t (s), linearly interpolated between the two nearest frames.
  // Returns a shared scratch object: copy it to keep it.
  sample(t) {
    const out = this.scratch;
    const n = this.frameCount;
    if (n === 0) return null;
    const x = Math.min(Math.max(t * this.fps, 0), n - 1);
    const i = Math.floor(x), j = Math.min(i + 1, n - 1), f = x - i;
    const mix = (a, b, dst) => { for (let k = 0; k < dst.length; ++k) dst[k] = (a?.[k] ?? 0) * (1 - f) + (b?.[k] ?? 0) * f; };
    mix(this.blendshapes[i], this.blendshapes[j], out.blendshapes);
    mix(this.visemes[i], this.visemes[j], out.visemes);
    if (this.head.length) mix(this.head[i], this.head[j], out.head = this.scratchHead); else out.head = null;
    if (this.eyes.length) mix(this.eyes[i], this.eyes[j], out.eyes = this.scratchEyes); else out.eyes = null;
    return out;
  }

  frameIndexAt(t) { return Math.min(this.frameCount - 1, Math.max(0, Math.round(t * this.fps))); }

  column(name) {
    const k = this.names.indexOf(name);
    return k < 0 ? null : this.blendshapes.map((f) => f[k]);
  }
}
