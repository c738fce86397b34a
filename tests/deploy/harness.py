"""Shared pieces of the deployment tests: real `facecast serve` processes, a
private nginx run with the shipped configuration, and a WebSocket /stream client.
Everything listens on 127.0.0.1 only; every process is started and ended here
by its own id."""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time
import wave

import requests
import websocket  # Debian python3-websocket (websocket-client)


def free_ports(count):
    """Ports nothing listens on now (bound, read and released; nginx cannot take port 0)."""
    sockets, ports = [], []
    for _ in range(count):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        sockets.append(s)
        ports.append(s.getsockname()[1])
    for s in sockets:
        s.close()
    return ports


def wait_until(check, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except (requests.RequestException, OSError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


class Replica:
    """One `facecast serve` process; its access log (stderr) goes to a file."""

    def __init__(self, binary, port, log_path, **settings):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        args = [binary, "serve", "--host", "127.0.0.1", "--port", str(port)]
        for key, value in settings.items():
            args += [f"--{key.replace('_', '-')}", str(value)]
        self.log_path = log_path
        self.log = open(log_path, "wb")
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_ready(self, timeout=90):
        wait_until(lambda: requests.get(self.url + "/health", timeout=2).status_code == 200, timeout,
                   f"replica :{self.port} to load its model")

    def metric(self, name, labels=""):
        """A value from /metrics (0 when the series is absent)."""
        text = requests.get(self.url + "/metrics", timeout=5).text
        pattern = re.escape(name + labels) + r" ([0-9.e+]+)$"
        match = re.search(pattern, text, re.M)
        return float(match.group(1)) if match else 0.0

    def signal(self, sig):
        self.process.send_signal(sig)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()

    def log_text(self):
        self.log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")


class Nginx:
    """nginx from Debian with deploy/nginx/facecast.conf and upstream-local.conf,
    templated only for ports and file paths, in its own prefix directory."""

    def __init__(self, conf_dir, work_dir, listen_port, replica_ports):
        self.work = os.path.abspath(work_dir)
        os.makedirs(os.path.join(self.work, "temp"), exist_ok=True)
        self.url = f"http://127.0.0.1:{listen_port}"
        self.access_log = os.path.join(self.work, "access.log")
        self.error_log = os.path.join(self.work, "error.log")

        with open(os.path.join(conf_dir, "facecast.conf")) as f:
            site = f.read()
        site, n = re.subn(r"^(\s*)listen 8080;", rf"\1listen 127.0.0.1:{listen_port};", site, flags=re.M)
        assert n == 1, "facecast.conf: expected one `listen 8080;`"
        site, n = re.subn(r"access_log /var/log/nginx/facecast.access.log", f"access_log {self.access_log}", site)
        assert n == 1, "facecast.conf: expected the access_log line"
        with open(os.path.join(conf_dir, "upstream-local.conf")) as f:
            upstream = f.read()
        for default, port in zip((8001, 8002, 8003), replica_ports):
            upstream, n = re.subn(rf"127\.0\.0\.1:{default}\b", f"127.0.0.1:{port}", upstream)
            assert n == 1, f"upstream-local.conf: expected server 127.0.0.1:{default}"
        for name, text in (("facecast.conf", site), ("upstream-local.conf", upstream)):
            with open(os.path.join(self.work, name), "w") as f:
                f.write(text)

        temp = os.path.join(self.work, "temp")
        user = "user root root;\n" if os.geteuid() == 0 else ""  # workers must write the temp folders
        main = f"""{user}worker_processes 1;
daemon off;
pid {self.work}/nginx.pid;
error_log {self.error_log} info;
events {{ worker_connections 512; }}
http {{
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {self.work}/facecast.conf;
    include {self.work}/upstream-local.conf;
}}
"""
        self.conf = os.path.join(self.work, "nginx.conf")
        with open(self.conf, "w") as f:
            f.write(main)
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        check = subprocess.run([nginx, "-t", "-p", self.work, "-c", self.conf, "-e", self.error_log],
                               capture_output=True, text=True)
        assert check.returncode == 0, "nginx -t rejected the configuration:\n" + check.stderr
        self.process = subprocess.Popen([nginx, "-p", self.work, "-c", self.conf, "-e", self.error_log],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        wait_until(lambda: socket.create_connection(("127.0.0.1", listen_port), timeout=1).close() is None, 10,
                   "nginx to listen")

    def upstreams_of(self, method_path, status="200"):
        """Replica addresses that answered `status` for lines with method_path (the last one tried)."""
        found = []
        with open(self.access_log) as f:
            for line in f:
                if f'"{method_path}' in line and f'" {status} ' in line:
                    m = re.search(r"upstream=(\S+(?:, \S+)*) ust=", line)
                    if m:
                        found.append(m.group(1).split(", ")[-1])
        return found

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)  # graceful nginx stop
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def upload_in_two_halves(port, path, query, between):
    """POST /process-audio with a raw audio/wav body sent in two halves, calling
    between() after the first: the request is surely in flight meanwhile.
    Returns (status, frame_count or None)."""
    with open(path, "rb") as f:
        body = f.read()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.putrequest("POST", "/process-audio" + query)
    conn.putheader("Content-Type", "audio/wav")
    conn.putheader("Content-Length", str(len(body)))
    conn.endheaders()
    half = len(body) // 2
    conn.send(body[:half])
    between()
    conn.send(body[half:])
    response = conn.getresponse()
    data = response.read()
    conn.close()
    frames = json.loads(data)["data"]["frame_count"] if response.status == 200 else None
    return response.status, frames


def read_wav_pcm(path):
    with wave.open(path, "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1, path
        return w.getframerate(), w.readframes(w.getnframes())


def write_repeated_wav(src, dst, times):
    rate, pcm = read_wav_pcm(src)
    with wave.open(dst, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm * times)


class StreamResult:
    def __init__(self):
        self.ready = False
        self.frames = 0          # frames received in frames messages
        self.contiguous = True   # every frames message started where the last ended
        self.end_count = None    # frame_count of the end message
        self.error = None        # error message dict, if any
        self.closed_early = None  # exception text when the connection ended before end
        self.close_status = None


def run_stream(url, rate, pcm, chunk_ms=20, speed=1.0, result=None, started=None):
    """Streams pcm (mono s16le) to a /stream URL in chunks, paced at `speed` x
    real time, then stop; returns a StreamResult. Never raises for a broken
    connection: that is recorded in the result."""
    result = result or StreamResult()
    ws = websocket.create_connection(url, timeout=20)
    reader_done = threading.Event()

    def read():
        try:
            while True:
                opcode, data = ws.recv_data(control_frame=False)
                if opcode == websocket.ABNF.OPCODE_CLOSE:
                    result.close_status = int.from_bytes(data[:2], "big") if len(data) >= 2 else None
                    if result.end_count is None and result.error is None:
                        result.closed_early = "closed without end"
                    return
                message = json.loads(data)
                kind = message.get("type")
                if kind == "ready":
                    result.ready = True
                elif kind == "frames":
                    if message["start"] != result.frames:
                        result.contiguous = False
                    result.frames += len(message["blendshapes"])
                elif kind == "end":
                    result.end_count = message["frame_count"]
                elif kind == "error":
                    result.error = message
        except Exception as e:  # the connection broke (a killed replica): record it
            if result.end_count is None and result.error is None:
                result.closed_early = f"{type(e).__name__}: {e}"
        finally:
            reader_done.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        ws.send(json.dumps({"type": "start", "sample_rate": rate, "encoding": "pcm_s16le", "channels": 1, "fps": 30}))
        if started:
            started.set()
        step = int(rate * chunk_ms / 1000) * 2
        t0 = time.monotonic()
        for i, offset in enumerate(range(0, len(pcm), step)):
            if reader_done.is_set():
                break
            ws.send_binary(pcm[offset:offset + step])
            pause = t0 + (i + 1) * chunk_ms / 1000 / speed - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        if not reader_done.is_set():
            ws.send(json.dumps({"type": "stop"}))
    except Exception as e:
        if result.end_count is None and result.error is None:
            result.closed_early = f"{type(e).__name__}: {e}"
    reader_done.wait(timeout=30)
    try:
        ws.close(timeout=1)
    except Exception:
        pass
    return result
