// Renders avatar screenshots into docs/avatar/ with three.js in headless Chromium.
// Usage: node tools/avatar/screenshots.mjs [path/to/avatar.glb ...]
// (default: build/avatars/*.glb; the first file gets the full set, others a bust shot).
import { createServer } from 'node:http';
import { readFile, writeFile, mkdir, readdir } from 'node:fs/promises';
import { extname, join, resolve, basename } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(new URL('../..', import.meta.url).pathname);
const outDir = process.env.OUT_DIR ?? join(root, 'docs/avatar');
const buildDir = process.env.BUILD_DIR ?? 'build';
let files = process.argv.slice(2);
if (!files.length) {
  const dir = join(root, buildDir, 'avatars');
  files = (await readdir(dir)).filter((f) => f.endsWith('.glb')).sort().map((f) => join(dir, f));
  const ada = files.findIndex((f) => basename(f) === 'ada.glb');  // the default avatar first
  if (ada > 0) files.unshift(...files.splice(ada, 1));
}

const types = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.glb': 'model/gltf-binary' };
const server = createServer(async (req, res) => {
  const url = decodeURIComponent(req.url.split('?')[0]);
  const path = url.startsWith('/glb/') ? files[Number(url.slice(5))] : join(root, url);
  if (!path || (!url.startsWith('/glb/') && !path.startsWith(root))) { res.writeHead(404); res.end(); return; }
  try {
    const body = await readFile(url === '/' ? join(root, 'tools/avatar/viewer.html') : path);
    res.writeHead(200, { 'content-type': url === '/' ? 'text/html' : types[extname(path)] ?? 'application/octet-stream' });
    res.end(body);
  } catch { res.writeHead(404); res.end(); }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const save = async (name, dataUrl) => {
  await writeFile(join(outDir, name), Buffer.from(dataUrl.split(',')[1], 'base64'));
  console.log('wrote', join('docs/avatar', name));
};
const visemes = ['sil', 'PP', 'FF', 'TH', 'DD', 'kk', 'CH', 'SS', 'nn', 'RR', 'aa', 'E', 'I', 'O', 'U'].map((v) => `viseme_${v}`);

try {
  await mkdir(outDir, { recursive: true });
  for (let f = 0; f < files.length; ++f) {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(base + '/');
    await page.waitForFunction(() => window.ready === true);
    const names = await page.evaluate((u) => window.loadAvatar(u), `/glb/${f}`);
    if (process.env.HIDE) await page.evaluate((h) => window.hideMeshes(h.split(',')), process.env.HIDE);  // e.g. HIDE=Eyelids
    const preset = basename(files[f], '.glb');
    const shot = (weights, view, w, h) => page.evaluate(([a, b, c, d]) => window.renderShot(a, b, c, d), [weights, view, w, h]);
    await save(`${preset}_bust.png`, await shot({}, 'bust', 480, 480));
    if (process.env.QUICK) {  // fast look while modelling: a few views on one sheet
      const t = async (label, w, v) => ({ label, url: await shot(w, v, 360, 360) });
      const quick = [await t('front', {}, 'face'), await t('three-quarter', {}, 'threeQuarter'), await t('profile', {}, 'profile'),
        await t('eyes', {}, 'eyes'), await t('mouth', {}, 'mouth'), await t('jawOpen', { jawOpen: 1 }, 'mouth'),
        await t('smile', { mouthSmile: 1 }, 'face'), await t('blink', { eyesClosed: 1 }, 'eyes'),
        await t('left eye', {}, 'eyeLeft'), await t('left eye closed', { eyeBlinkLeft: 1 }, 'eyeLeft')];
      await save(`quick_${preset}.png`, await page.evaluate(([q]) => window.contactSheet(q, 5, 360, 360), [quick]));
      if (process.env.SHAPES) {  // e.g. SHAPES=mouthPressLeft,cheekPuff: those targets close up
        const tiles = [];
        // A tile per entry; `a+b` sets several at once, `a:0.5` a partial weight.
        const weightsOf = (s) => Object.fromEntries(s.split('+').map((p) => { const [n, w] = p.split(':'); return [n, w ? Number(w) : 1]; }));
        for (const s of process.env.SHAPES.split(',')) tiles.push(await t(s, weightsOf(s), process.env.VIEW ?? 'mouth'));
        await save(`shapes_${preset}.png`, await page.evaluate(([q]) => window.contactSheet(q, 5, 360, 360), [tiles]));
      }
      await page.close(); continue;
    }
    if (f > 0) { await page.close(); continue; }
    const singles = { neutral: {}, jawOpen: { jawOpen: 1 }, smile: { mouthSmileLeft: 1, mouthSmileRight: 1 },
      blink: { eyeBlinkLeft: 1, eyeBlinkRight: 1 }, pucker: { mouthPucker: 1 }, funnel: { mouthFunnel: 1 } };
    for (const [label, weights] of Object.entries(singles)) await save(`${label}.png`, await shot(weights, 'face', 360, 400));
    const tile = async (label, weights, view) => ({ label, url: await shot(weights, view, 240, 240) });
    const visemeTiles = [];
    for (const v of visemes) visemeTiles.push(await tile(v, { [v]: 1 }, 'mouth'));
    await save('visemes.png', await page.evaluate(([t]) => window.contactSheet(t, 5, 200, 200), [visemeTiles]));
    const arkit = names.filter((n) => !n.startsWith('viseme_') && !['mouthOpen', 'mouthSmile', 'eyesClosed', 'eyesLookUp', 'eyesLookDown'].includes(n));
    const sheet = [await tile('neutral', {}, 'face')];
    for (const n of arkit) sheet.push(await tile(n, { [n]: 1 }, 'face'));
    await save('all52.png', await page.evaluate(([t]) => window.contactSheet(t, 9, 180, 180), [sheet]));
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
