// The ten emotions (Audio2Face-3D's set), each 0..1: as sliders, as keyframes on the
// timeline, or "auto" (the server estimates them per phrase from the voice's pitch,
// energy and rate). Sent with POST /process-audio as request fields:
//   emotion      = "joy=0.70,anger=0.20"           (constants, the CLI's --emotion syntax)
//   emotion      = "auto"                           (estimated; reported back as keys)
//   emotion_keys = '[{"time":1.2,"joy":0.8}, ...]'  (keyframes, interpolated by the engine)
// Nothing is sent while every slider is 0 and there are no keyframes.
// After processing, showUsed() lists the emotion the server actually used (data.emotion).

export const EMOTIONS = ['amazement', 'anger', 'cheekiness', 'disgust', 'fear', 'grief', 'joy', 'outofbreath', 'pain', 'sadness'];

// One colour per emotion, shared with the timeline's emotion lane.
export const EMOTION_COLOURS = {
  amazement: '#ffd35a', anger: '#ff6b6b', cheekiness: '#ff7ad9', disgust: '#9ccf5a', fear: '#a07aff',
  grief: '#7a8cff', joy: '#5ad19a', outofbreath: '#5ac8d8', pain: '#ff9f5a', sadness: '#5aa9ff',
};

// "joy 0.42, amazement 0.10" for the strongest emotions of a key, or "neutral".
export function describeKey(key, most = 3) {
  const top = EMOTIONS.map((e) => [e, key[e] ?? 0]).filter(([, v]) => v >= 0.01).sort((a, b) => b[1] - a[1]).slice(0, most);
  return top.length ? top.map(([e, v]) => `${e} ${v.toFixed(2)}`).join(', ') : 'neutral';
}

export class EmotionPanel {
  // container: where the sliders go; source: the <select> sliders/auto; used: where
  // the emotion used by the last processing is listed.
  constructor(container, { source, used, onChange }) {
    this.values = Object.fromEntries(EMOTIONS.map((e) => [e, 0]));
    this.keyframes = [];
    this.source = source;
    this.used = used;
    this.onChange = onChange;
    this.inputs = [];
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
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = EMOTION_COLOURS[name];
      label.append(swatch, name, input, output);
      container.append(label);
      this.inputs.push(input);
    }
    source.addEventListener('change', () => { this.syncDisabled(); this.onChange(); });
    this.syncDisabled();
  }

  get auto() { return this.source.value === 'auto'; }

  // In auto mode the server chooses: the sliders are shown but not used.
  syncDisabled() {
    for (const input of this.inputs) input.disabled = this.auto;
    this.source.closest('details')?.classList.toggle('auto', this.auto);
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

  constants() {
    return EMOTIONS.filter((e) => this.values[e] > 0).map((e) => `${e}=${this.values[e].toFixed(2)}`).join(',');
  }

  // Request fields for the current state (empty object when neutral).
  fields() {
    if (this.auto) return { emotion: 'auto' };
    if (this.keyframes.length) return { emotion_keys: JSON.stringify(this.keyframes) };
    const constants = this.constants();
    return constants ? { emotion: constants } : {};
  }

  // Fields of a live stream's settings message: always names the emotion, so moving
  // every slider back to 0 returns to neutral. Keyframes have no meaning live.
  liveFields() { return { emotion: this.auto ? 'auto' : this.constants() }; }

  // Shows the emotion the server used (data.emotion: {mode, keys}), or clears it.
  showUsed(emotion) {
    this.used.replaceChildren();
    this.used.hidden = !emotion;
    if (!emotion) return;
    const keys = emotion.keys ?? [];
    const title = document.createElement('p');
    title.className = 'hint';
    title.textContent = {
      auto: `Used: estimated from the voice, ${keys.length} phrase key${keys.length === 1 ? '' : 's'}`,
      keys: `Used: ${keys.length} keyframe${keys.length === 1 ? '' : 's'}, interpolated`,
      constant: 'Used: constant emotion',
    }[emotion.mode] ?? `Used: ${emotion.mode}`;
    const list = document.createElement('ol');
    list.className = 'emotion-keys';
    for (const key of keys) {
      const item = document.createElement('li');
      const time = document.createElement('span');
      time.className = 'time';
      time.textContent = `${key.time.toFixed(2)} s`;
      item.append(time, describeKey(key));
      list.append(item);
    }
    this.used.append(title, list);
  }
}
