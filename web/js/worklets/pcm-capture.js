// AudioWorklet processor: forwards the first input channel to the main thread in
// chunks of `chunkFrames` samples (20 ms at 48 kHz by default), as Float32Arrays.
class PcmCapture extends AudioWorkletProcessor {
  constructor(options) {
    super();
    this.chunkFrames = options?.processorOptions?.chunkFrames ?? 960;
    this.chunk = new Float32Array(this.chunkFrames);
    this.filled = 0;
  }

  process(inputs) {
    const channel = inputs[0]?.[0];
    if (!channel) return true;  // no input yet (device starting)
    let read = 0;
    while (read < channel.length) {
      const n = Math.min(channel.length - read, this.chunkFrames - this.filled);
      this.chunk.set(channel.subarray(read, read + n), this.filled);
      this.filled += n;
      read += n;
      if (this.filled === this.chunkFrames) {
        this.port.postMessage(this.chunk, [this.chunk.buffer]);  // ownership moves to the main thread
        this.chunk = new Float32Array(this.chunkFrames);
        this.filled = 0;
      }
    }
    return true;
  }
}
registerProcessor('pcm-capture', PcmCapture);
