// Audio playback whose clock drives the face. The position comes from the AudioContext's
// output timestamp (what is audible now), never from timers, so face and sound stay in
// sync at any speed, after seeks and across loops.

export class Player {
  constructor() {
    this.ctx = null;
    this.buffer = null;
    this.source = null;
    this.offset = 0;        // media time (s) at startedAt
    this.startedAt = 0;     // context time when the current source started
    this.rate = 1;
    this.loop = false;
    this.playing = false;
    this.extraOutputs = new Set();  // e.g. a MediaStreamDestination while recording video
    this.onEnded = () => {};
  }

  context() {
    if (!this.ctx) this.ctx = new AudioContext({ latencyHint: 'interactive' });
    return this.ctx;
  }

  get duration() { return this.buffer ? this.buffer.duration : 0; }

  // Decodes an encoded file (ArrayBuffer) for playback; returns the AudioBuffer.
  async load(arrayBuffer) {
    this.stop();
    const ctx = this.context();
    try {
      this.buffer = await ctx.decodeAudioData(arrayBuffer.slice(0));
    } catch {
      this.buffer = null;
      throw new Error('This browser cannot play the file (it may still be processed by the server).');
    }
    this.offset = 0;
    return this.buffer;
  }

  // Context time that is being heard right now (output latency accounted for).
  audibleContextTime() {
    const ctx = this.ctx;
    const stamp = ctx.getOutputTimestamp?.();
    if (stamp && stamp.contextTime > 0 && stamp.performanceTime > 0)
      return stamp.contextTime + Math.max(0, performance.now() - stamp.performanceTime) / 1000;
    return ctx.currentTime - (ctx.outputLatency || ctx.baseLatency || 0);
  }

  // Current media position in seconds.
  get currentTime() {
    if (!this.playing) return this.offset;
    const elapsed = Math.max(0, this.audibleContextTime() - this.startedAt) * this.rate;
    let t = this.offset + elapsed;
    if (this.loop && this.duration > 0) t %= this.duration;
    return Math.min(t, this.duration);
  }

  async play() {
    if (!this.buffer || this.playing) return;
    const ctx = this.context();
    if (ctx.state === 'suspended') await ctx.resume();
    if (this.offset >= this.duration - 1e-3) this.offset = 0;
    const source = ctx.createBufferSource();
    source.buffer = this.buffer;
    source.playbackRate.value = this.rate;
    source.loop = this.loop;
    source.connect(ctx.destination);
    for (const node of this.extraOutputs) source.connect(node);
    source.onended = () => {
      if (this.source !== source) return;  // replaced by a seek or stop
      this.playing = false;
      this.source = null;
      this.offset = this.duration;
      this.onEnded();
    };
    this.startedAt = ctx.currentTime;
    source.start(ctx.currentTime, this.offset);
    this.source = source;
    this.playing = true;
  }

  pause() {
    if (!this.playing) return;
    this.offset = this.currentTime;
    this.halt();
  }

  stop() {
    this.halt();
    this.offset = 0;
  }

  halt() {
    const source = this.source;
    this.source = null;
    this.playing = false;
    if (source) { try { source.stop(); } catch { /* already stopped */ } source.disconnect(); }
  }

  async seek(t) {
    const wasPlaying = this.playing;
    this.halt();
    this.offset = Math.min(Math.max(0, t), this.duration);
    if (wasPlaying) await this.play();
  }

  async setRate(rate) {
    const t = this.currentTime, wasPlaying = this.playing;
    this.rate = rate;
    if (wasPlaying) { this.halt(); this.offset = t; await this.play(); }
  }

  async setLoop(loop) {
    const t = this.currentTime, wasPlaying = this.playing;
    this.loop = loop;
    if (wasPlaying) { this.halt(); this.offset = t; await this.play(); }
  }
}
