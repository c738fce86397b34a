// Face controls, as in Audio2Face's post-processing: strengths and offsets sent as
// request fields (the names of the server's settings), plus the seed of the
// stochastic motion (blinks, gaze). Values left at the server's defaults are not
// sent with a request, so the server's own defaults apply.

export const CONTROLS = [
  { key: 'emotion_strength', label: 'Emotion', min: 0, max: 2, value: 1, title: 'Scale of every emotion input, 0..2' },
  { key: 'head_motion', label: 'Head motion', min: 0, max: 2, value: 1, title: 'Nods, tilts and drift of the head, 0..2' },
  { key: 'gaze_strength', label: 'Gaze', min: 0, max: 2, value: 1, title: 'Saccades, look-aways and the sad downcast look of the eyes, 0..2' },
  { key: 'blink_strength', label: 'Blinks', min: 0, max: 1, value: 1, title: 'How far blinks close the lids, 0 (no blinks)..1' },
  { key: 'eyelid_open_offset', label: 'Eyelids', min: -0.5, max: 0.5, value: 0, title: 'Resting lid opening, -0.5 (heavy lids)..0.5 (wide eyes)' },
  { key: 'upper_face_strength', label: 'Upper face', min: 0, max: 2, value: 1, title: 'Scale of eye and brow motion, 0..2' },
  { key: 'lower_face_strength', label: 'Lower face', min: 0, max: 2, value: 1, title: 'Scale of mouth and jaw motion, 0..2' },
];

export class FaceControls {
  // container: where the sliders go; seed: the seed <input>; reset: a button.
  constructor(container, { seed, reset, onChange }) {
    this.values = Object.fromEntries(CONTROLS.map((c) => [c.key, c.value]));
    this.seed = seed;
    this.onChange = onChange;
    this.rows = [];
    for (const c of CONTROLS) {
      const label = document.createElement('label');
      label.title = c.title;
      const input = Object.assign(document.createElement('input'), { type: 'range', min: c.min, max: c.max, step: 0.05, value: c.value });
      input.dataset.control = c.key;
      const output = document.createElement('output');
      const show = () => { output.textContent = this.values[c.key].toFixed(2); };
      input.addEventListener('input', () => { this.values[c.key] = Number(input.value); show(); this.onChange(); });
      show();
      label.append(c.label, input, output);
      container.append(label);
      this.rows.push({ c, input, show });
    }
    seed.addEventListener('change', () => this.onChange());
    reset.addEventListener('click', () => {
      for (const { c, input, show } of this.rows) { this.values[c.key] = c.value; input.value = c.value; show(); }
      seed.value = '';
      this.onChange();
    });
  }

  // The seed typed in (a whole number 0..2^32-1) or null for the default.
  seedValue() {
    const text = this.seed.value.trim();
    return /^\d+$/.test(text) && Number(text) <= 4294967295 ? text : null;
  }

  // Request fields: only what differs from the defaults.
  fields() {
    const out = {};
    for (const c of CONTROLS) if (Math.abs(this.values[c.key] - c.value) > 1e-9) out[c.key] = this.values[c.key].toFixed(2);
    const seed = this.seedValue();
    if (seed !== null) out.seed = seed;
    return out;
  }

  // A live stream's settings message: every control, so a return to a default applies too.
  liveFields() {
    return Object.fromEntries(CONTROLS.map((c) => [c.key, this.values[c.key].toFixed(2)]));
  }
}
