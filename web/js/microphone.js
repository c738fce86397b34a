// The microphone as a stream of Float32 chunks (AudioWorklet), shared by live mode and
// recording; and a WAV encoder so recordings go to the server in a format it reads.

const WORKLET_URL = new URL('./worklets/pcm-capture.js', import.meta.url);

export class MicrophoneError extends Error {}

// Opens the microphone; onChunk(Float32Array) is called every ~20 ms.
// Resolves with {sampleRate, stop()}. Throws MicrophoneError with a readable message.
export async function openMicrophone(onChunk) {
  if (!navigator.mediaDevices?.getUserMedia)
    throw new MicrophoneError('This page cannot use the microphone here (it needs https or localhost).');
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: true, noiseSuppression: false, autoGainControl: true },
    });
  } catch (e) {
    if (e.name === 'NotAllowedError' || e.name === 'SecurityError')
      throw new MicrophoneError('Microphone access was denied. Allow it in the browser\'s site settings and try again.');
    if (e.name === 'NotFoundError') throw new MicrophoneError('No microphone was found.');
    throw new MicrophoneError(`The microphone could not be opened: ${e.message}`);
  }
  const ctx = new AudioContext({ latencyHint: 'interactive' });
  await ctx.audioWorklet.addModule(WORKLET_URL);
  const source = ctx.createMediaStreamSource(stream);
  const chunkFrames = Math.round(ctx.sampleRate * 0.02);
  const node = new AudioWorkletNode(ctx, 'pcm-capture', { processorOptions: { chunkFrames } });
  node.port.onmessage = (e) => onChunk(e.data);
  const mute = ctx.createGain();
  mute.gain.value = 0;  // keeps the graph pulling without echoing the voice
  source.connect(node).connect(mute).connect(ctx.destination);
  if (ctx.state === 'suspended') await ctx.resume();
  return {
    sampleRate: ctx.sampleRate,
    stop() {
      node.port.onmessage = null;
      for (const track of stream.getTracks()) track.stop();
      ctx.close();
    },
  };
}

// 16-bit PCM mono WAV of the given Float32 chunks.
export function encodeWav(chunks, sampleRate) {
  const n = chunks.reduce((s, c) => s + c.length, 0);
  const view = new DataView(new ArrayBuffer(44 + n * 2));
  const text = (o, s) => { for (let i = 0; i < s.length; ++i) view.setUint8(o + i, s.charCodeAt(i)); };
  text(0, 'RIFF'); view.setUint32(4, 36 + n * 2, true); text(8, 'WAVE');
  text(12, 'fmt '); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true); view.setUint32(28, sampleRate * 2, true); view.setUint16(32, 2, true);
  view.setUint16(34, 16, true); text(36, 'data'); view.setUint32(40, n * 2, true);
  let o = 44;
  for (const c of chunks) for (let i = 0; i < c.length; ++i, o += 2) view.setInt16(o, Math.max(-1, Math.min(1, c[i])) * 32767, true);
  return new Blob([view.buffer], { type: 'audio/wav' });
}
