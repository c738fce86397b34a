// Just enough PNG reading to compare screenshots: 8-bit RGB/RGBA, non-interlaced
// (what Chromium writes), decoded with node's zlib.
import { inflateSync } from 'node:zlib';

function paeth(a, b, c) {
  const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

export const PNG = {
  // Buffer -> {width, height, channels, pixels: Uint8Array}
  decode(buf) {
    if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
    let o = 8, width = 0, height = 0, channels = 0;
    const idat = [];
    while (o < buf.length) {
      const len = buf.readUInt32BE(o), type = buf.toString('ascii', o + 4, o + 8), data = buf.subarray(o + 8, o + 8 + len);
      if (type === 'IHDR') {
        width = data.readUInt32BE(0); height = data.readUInt32BE(4);
        if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
        channels = { 2: 3, 6: 4 }[data[9]];
        if (!channels) throw new Error(`PNG colour type ${data[9]} not supported`);
      } else if (type === 'IDAT') idat.push(data);
      o += 12 + len;
    }
    const raw = inflateSync(Buffer.concat(idat));
    const stride = width * channels, pixels = new Uint8Array(height * stride);
    for (let y = 0; y < height; ++y) {
      const filter = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
      for (let x = 0; x < stride; ++x) {
        const a = x >= channels ? pixels[y * stride + x - channels] : 0, b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
        const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
        const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
        pixels[y * stride + x] = (line[x] + predictor) & 0xff;
      }
    }
    return { width, height, channels, pixels };
  },

  // The rectangle {x, y, width, height} of an image, clamped to it.
  crop(img, r) {
    const x0 = Math.max(0, r.x), y0 = Math.max(0, r.y);
    const w = Math.min(img.width - x0, r.width), h = Math.min(img.height - y0, r.height);
    const pixels = new Uint8Array(w * h * img.channels);
    for (let y = 0; y < h; ++y)
      pixels.set(img.pixels.subarray(((y0 + y) * img.width + x0) * img.channels, ((y0 + y) * img.width + x0 + w) * img.channels), y * w * img.channels);
    return { width: w, height: h, channels: img.channels, pixels };
  },

  // Mean absolute difference of the RGB values (0..255) of two same-sized images.
  meanAbsDiff(p, q) {
    if (p.width !== q.width || p.height !== q.height) throw new Error('images differ in size');
    let sum = 0, n = 0;
    for (let i = 0; i < p.width * p.height; ++i)
      for (let k = 0; k < 3; ++k, ++n) sum += Math.abs(p.pixels[i * p.channels + k] - q.pixels[i * q.channels + k]);
    return sum / n;
  },
};
