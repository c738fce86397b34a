// The Facecast HTTP API as the app uses it (same origin as the page).
// Every failure becomes an ApiError whose message a user can act on.

export class ApiError extends Error {
  constructor(message, { status = 0, code = '' } = {}) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const SERVER_DOWN = 'The Facecast server cannot be reached. Is `facecast serve` running?';

// Text of a server error body {"success":false,"error":{"code","message"}}, or a fallback.
function errorFromBody(status, text) {
  try {
    const body = JSON.parse(text);
    if (body?.error?.message) return new ApiError(body.error.message, { status, code: body.error.code ?? '' });
  } catch { /* not JSON: fall through */ }
  if (status === 413) return new ApiError('The file is too large for the server.', { status, code: 'too_large' });
  if (status === 503) return new ApiError('The server is busy; try again in a moment.', { status, code: 'busy' });
  return new ApiError(`The server answered ${status}.`, { status });
}

async function getJson(path) {
  let res;
  try {
    res = await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-store' });
  } catch {
    throw new ApiError(SERVER_DOWN);
  }
  const text = await res.text();
  if (!res.ok && res.status !== 503) throw errorFromBody(res.status, text);
  try { return { status: res.status, body: JSON.parse(text) }; } catch {
    throw new ApiError(`The server's answer to ${path} is not JSON.`, { status: res.status });
  }
}

// {state: 'ok'|'loading'|'busy'|'draining'|'error'|'down', detail}. A busy or
// draining server (503 with that status) is not one whose model failed.
export async function health() {
  try {
    const { body } = await getJson('health');
    const known = ['ok', 'loading', 'busy', 'draining'];
    return { state: known.includes(body.status) ? body.status : 'error', detail: body };
  } catch (e) {
    return { state: 'down', detail: e.message };
  }
}

export async function blendshapeNames() {
  return (await getJson('blendshape-names')).body;
}

// Fields sent beside the file: transcript, mode, fps, format, emotion, emotion_keys, seed…
// Empty values are left out so the server's defaults apply.
function formFor(file, fields) {
  const form = new FormData();
  form.append('file', file, file.name || 'audio');
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null && value !== '') form.append(key, String(value));
  }
  return form;
}

// POST /process-audio with upload progress (XHR: fetch has no upload progress).
// onProgress(fraction, phase) with phase 'upload' then 'processing'.
// Resolves with the parsed JSON (format json) or the text (format csv or a2f).
export function processAudio(file, fields = {}, onProgress = () => {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', 'process-audio');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total, 'upload'); };
    xhr.upload.onload = () => onProgress(1, 'processing');
    xhr.onerror = () => reject(new ApiError(SERVER_DOWN));
    xhr.ontimeout = () => reject(new ApiError('The server took too long to answer.'));
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(errorFromBody(xhr.status, xhr.responseText));
      if (fields.format === 'csv' || fields.format === 'a2f') return resolve(xhr.responseText);  // files to save as they are
      let body;
      try { body = JSON.parse(xhr.responseText); } catch {
        return reject(new ApiError('The server sent an answer that is not JSON.', { status: xhr.status }));
      }
      if (!body.success) return reject(errorFromBody(xhr.status, xhr.responseText));
      resolve(body);
    };
    xhr.send(formFor(file, fields));
  });
}

// ws:// or wss:// URL of the live stream endpoint, relative to the page.
export function streamUrl() {
  const url = new URL('stream', location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}
