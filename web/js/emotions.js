// The ten emotions (Audio2Face-3D's set), each 0..1, as sliders, plus keyframes on the
// timeline. Sent with POST /process-audio as request fields:
//   emotion      = "joy=0.70,anger=0.20"           (constants, the CLI's --emotion syntax)
//   emotion_keys = '[{"time":1.2,"joy":0.8}, ...]'  (keyframes, interpolated by the engine)
// Nothing is sent while every slider is 0 and there are no keyframes.

export const EMOTIONS = ['amazement', 'anger', 'cheekiness', 'disgust', 'fear', 'grief', 'joy', 'outofbreath', 'pain', 'sadness'];

export class EmotionPanel {
  constructor(container, { onChange }) {
    this.values = Object.fromEntries(EMOTIONS.map((e) => [e, 0]));
    this.keyframes = [];
    this.onChange = onChange;
    for (const name of EMOTIONS) {
      const label = document.createElement('label');
      const input = Object.assign(document.createElement('input'), { type: 'range', min: 0, max: 1, step: 0.05, value: 0 });
      input.dataset.emotion = name;
      const output = document.createElement('output');
      output.textContent = '0.00';
      input.addEventListener('input', () => {
        this.values[name] = Number(input.value);
        output.textContent = this.values[name].toFixed(2);
        this.onChange();
      });
      label.append(name, input, output);
      container.append(label);
    }
  }

  addKeyframe(time) {
    const key = { time: Math.round(time * 1000) / 1000 };
    for (const e of EMOTIONS) if (this.values[e] > 0) key[e] = this.values[e];
    this.keyframes = this.keyframes.filter((k) => Math.abs(k.time - key.time) > 1e-3);
    this.keyframes.push(key);
    this.keyframes.sort((a, b) => a.time - b.time);
    this.onChange();
  }

  clearKeyframes() { this.keyframes = []; this.onChange(); }

  // Request fields for the current state (empty object when neutral).
  fields() {
    if (this.keyframes.length) return { emotion_keys: JSON.stringify(this.keyframes) };
    const active = EMOTIONS.filter((e) => this.values[e] > 0);
    return active.length ? { emotion: active.map((e) => `${e}=${this.values[e].toFixed(2)}`).join(',') } : {};
  }
}
