// Live mode: microphone -> AudioWorklet -> WebSocket /stream -> frames on the avatar.
// Latency is measured per frame: from the moment the audio for the frame's instant was
// sent to the moment the frame arrived (the server's processing plus the network).
import { streamUrl } from './api.js';
import { openMicrophone } from './microphone.js';

export class LiveSession {
  // onFrame({blendshapes, visemes, head, eyes}), onStatus(text), onEnd(errorMessage|null),
  // onSettingsApplied({applied, sent, acked, pending, ms}) when the server answers a settings message;
  // settings: the start message's fields, or a function giving them when the stream starts.
  constructor({ onFrame, onStatus, onEnd, onSettingsApplied = () => {}, settings = {} }) {
    Object.assign(this, { onFrame, onStatus, onEnd, onSettingsApplied, settings });
    this.settingsSent = 0;   // mid-stream settings messages sent
    this.settingsAcked = 0;  // ... and acknowledged with applied:true
    this.settingsSentAt = [];  // performance.now() of each unacknowledged message, oldest first
    this.sentSamples = 0;
    this.sendLog = [];       // [samples sent so far, performance.now()] per chunk
    this.latencies = [];     // ms, the most recent frames
    this.framesReceived = 0;
    this.ended = false;
    this.started = false;  // the start message is sent: audio may follow
    this.stopped = false;  // stop() was called
  }

  // The microphone first (its permission prompt may stay open for a while),
  // then the stream, whose start message the server expects within its
  // request timeout. Audio is sent only after start.
  async start() {
    this.mic = await openMicrophone((chunk) => this.send(chunk));
    if (this.stopped) throw this.closeMicrophone(new Error('Live mode was stopped before it started.'));
    this.ws = new WebSocket(streamUrl());
    this.ws.binaryType = 'arraybuffer';
    try {
      await new Promise((ok, fail) => {
        this.ws.onopen = ok;
        this.ws.onerror = () => fail(new Error('Could not open the live stream: is the Facecast server running?'));
      });
    } catch (e) {
      throw this.closeMicrophone(e);
    }
    this.ws.onerror = null;
    this.ws.onmessage = (e) => this.receive(e.data);
    this.ws.onclose = () => this.finish(this.ended ? null : 'The live stream was closed by the server.');
    this.sampleRate = this.mic.sampleRate;
    this.ws.send(JSON.stringify({ type: 'start', sample_rate: this.sampleRate, encoding: 'pcm_f32le', channels: 1, fps: 30,
      ...(typeof this.settings === 'function' ? this.settings() : this.settings) }));
    this.started = true;
  }

  // Stops the microphone of a stream that did not start; returns the error to throw.
  closeMicrophone(error) {
    this.mic?.stop();
    this.mic = null;
    this.ended = true;
    return error;
  }

  // New face controls and emotion for the frames to come ({"type":"settings",...}).
  // The server answers each with {"type":"settings","applied":true}, in order.
  sendSettings(fields) {
    if (this.ws?.readyState !== WebSocket.OPEN || !this.sampleRate) return false;
    this.ws.send(JSON.stringify({ type: 'settings', ...fields }));
    this.settingsSent += 1;
    this.settingsSentAt.push(performance.now());
    return true;
  }

  send(chunk) {
    if (!this.started || this.ws?.readyState !== WebSocket.OPEN) return;
    this.ws.send(chunk.buffer);  // Float32 little-endian (every browser platform is LE)
    this.sentSamples += chunk.length;
    this.sendLog.push([this.sentSamples, performance.now()]);
    if (this.sendLog.length > 3000) this.sendLog.splice(0, 1000);
  }

  // When the audio up to sample s was sent (ms), or null if no longer logged.
  sentAt(s) {
    const log = this.sendLog;
    let lo = 0, hi = log.length - 1;
    if (hi < 0 || log[hi][0] < s || log[0][0] - 2048 > s) return null;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (log[mid][0] >= s) hi = mid; else lo = mid + 1; }
    return log[lo][1];
  }

  receive(data) {
    if (typeof data !== 'string') return;
    let msg;
    try { msg = JSON.parse(data); } catch { return; }
    if (msg.type === 'frames') {
      const now = performance.now();
      const n = msg.blendshapes?.length ?? 0;
      for (let i = 0; i < n; ++i) {
        const t = (msg.start + i) / msg.fps;
        const sent = this.sentAt(Math.ceil(t * this.sampleRate));
        if (sent !== null) this.latencies.push(now - sent);
      }
      if (this.latencies.length > 300) this.latencies.splice(0, this.latencies.length - 300);
      this.framesReceived += n;
      if (n > 0) {
        const last = n - 1;
        this.onFrame({ blendshapes: msg.blendshapes[last], visemes: msg.visemes?.[last] ?? null, head: msg.head_rotation?.[last] ?? null,
          eyes: msg.eye_rotation?.[last] ?? null });
      }
    } else if (msg.type === 'settings') {
      const sentAt = this.settingsSentAt.shift();
      if (msg.applied) this.settingsAcked += 1;
      this.onSettingsApplied({ applied: !!msg.applied, sent: this.settingsSent, acked: this.settingsAcked,
        pending: this.settingsSentAt.length, ms: sentAt === undefined ? null : performance.now() - sentAt });
    } else if (msg.type === 'error') {
      this.finish(`Live stream error: ${msg.message}`);
    } else if (msg.type === 'end') {
      this.ended = true;
      this.finish(null);
    }
  }

  // Median and 95th percentile of the recent frame latencies (ms), or null before any.
  latency() {
    if (!this.latencies.length) return null;
    const s = this.latencies.slice().sort((a, b) => a - b);
    return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] };
  }

  stop() {
    this.stopped = true;
    this.mic?.stop();
    this.mic = null;
    if (this.ws?.readyState === WebSocket.OPEN) {
      this.ended = true;
      this.ws.send(JSON.stringify({ type: 'stop' }));
      setTimeout(() => this.ws?.close(), 1500);  // the server's "end" normally arrives first
    }
  }

  finish(error) {
    if (this.finished) return;
    this.finished = true;
    this.mic?.stop();
    this.mic = null;
    this.onEnd(error);
  }
}
