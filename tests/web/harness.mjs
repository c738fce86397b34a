// Shared pieces of the web end-to-end tests: the real Facecast server on a free port
// (serving a web root composed of web/ with the build's avatars), and headless
// Debian Chromium through playwright-core.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, symlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const repo = resolve(new URL('../..', import.meta.url).pathname);

// Paths given by ctest (see CMakeLists.txt) or by the environment for a manual run.
export const config = {
  facecast: resolve(process.env.FACECAST_BINARY ?? join(repo, 'build/facecast')),
  avatars: resolve(process.env.FACECAST_AVATAR_DIR ?? join(repo, 'build/avatars')),
  fixtures: resolve(process.env.FACECAST_FIXTURE_DIR ?? join(repo, 'build/fixtures')),
  shots: resolve(process.env.FACECAST_WEB_SHOTS ?? join(repo, 'build/web-shots')),
};
// Files the tests make (VRM avatars): in the build tree, next to its avatars.
config.scratch = resolve(process.env.FACECAST_WEB_SCRATCH ?? join(dirname(config.avatars), 'web-scratch'));

// web/ as the server sees it, but with avatars/ taken from this build.
async function composeWebRoot() {
  const root = await mkdtemp(join(tmpdir(), 'facecast-web-'));
  for (const entry of await readdir(join(repo, 'web'))) {
    if (entry === 'avatars') continue;
    await symlink(join(repo, 'web', entry), join(root, entry));
  }
  await symlink(config.avatars, join(root, 'avatars'));
  return root;
}

// Starts `facecast serve` on 127.0.0.1 with port 0 and waits until /health says ok.
// Resolves with {base, stop()}.
// FACECAST_WEB_BASE=http://host:port/ uses a server that is already running instead.
export async function startServer() {
  if (process.env.FACECAST_WEB_BASE) return { base: process.env.FACECAST_WEB_BASE, log: () => '', stop: async () => {} };
  const webRoot = await composeWebRoot();
  const env = { ...process.env, FACECAST_HOST: '127.0.0.1', FACECAST_PORT: '0', FACECAST_WEB_ROOT: webRoot };
  const child = spawn(config.facecast, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const port = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${log}`)), 30_000);
    const read = (chunk) => {
      log += chunk;
      const m = /listening on http:\/\/[^:]+:(\d+)/.exec(log);
      if (m) { clearTimeout(timer); ok(Number(m[1])); }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`server exited with ${code}:\n${log}`)); });
  });
  const base = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try { if ((await fetch(base + 'health')).ok) break; } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`server never became healthy:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    base,
    log: () => log,
    async stop() {
      child.removeAllListeners('exit');
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      await rm(webRoot, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(fakeMicWav) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required',
      '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${fakeMicWav}`],
  });
}

// A page of the app, loaded with its default avatar; page errors are collected.
export async function openApp(browser, base, viewport = { width: 1280, height: 860 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true, permissions: ['microphone'] });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  await page.goto(base, { waitUntil: 'load' });
  await page.waitForFunction(() => window.facecast?.ready === true, null, { timeout: 60_000 });
  return page;
}
