#!/usr/bin/python3
"""One replica's life as a balancer sees it (issue 7), on 127.0.0.1:
- /health is 503 "loading" until the model is loaded, then 200 "ok"; /livez is
  200 throughout.
- /health is 503 "busy" while the job queue is full, 200 again after.
- SIGTERM with an upload (half sent) and a live stream open: new connections are
  refused, the rest of the upload is read and answered, the stream that outlives shutdown_grace gets
  {"type":"error","code":"shutting_down"} and a 1001 close, the process exits 0.
- With log_format=json every line it writes (access and its own) is one JSON object,
  so a log collector parses the whole log.

Usage: lifecycle_test.py FACECAST_BINARY FIXTURE_DIR WORK_DIR
"""
import concurrent.futures
import json
import re
import os
import shutil
import signal
import socket
import sys
import threading
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Replica, StreamResult, free_ports, read_wav_pcm, run_stream, upload_in_two_halves,  # noqa: E402
                     wait_until, write_repeated_wav)

GRACE_S = 10  # the upload in flight takes 0.2 s on an idle machine, seconds on a busy one


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok:", message, flush=True)


def upload(url, path, query="?mode=recognize"):
    with open(path, "rb") as f:
        r = requests.post(url + "/process-audio" + query, files={"file": f}, timeout=120)
    return r.status_code, r.headers.get("Retry-After"), (r.json()["data"]["frame_count"] if r.status_code == 200 else None)


def check_json_log(text):
    lines = text.splitlines()
    records = []
    for line in lines:
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            raise AssertionError(f"a log line that is not JSON: {line!r}")
    events = [r["message"] for r in records if "level" in r]
    requests_logged = [r for r in records if "method" in r]
    for start in ("listening on http://", "SIGTERM received, draining", "grace over, ending", "stopping ("):
        check(any(e.startswith(start) for e in events), f"the JSON log says '{start}...'")
    check(all(set(r) == {"ts", "level", "message"} for r in records if "level" in r), "event lines hold ts, level, message")
    check(all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", r["ts"]) for r in records),
          "every line has a UTC timestamp to the millisecond")
    check(len(requests_logged) > 0, f"{len(lines)} log lines, each one JSON ({len(requests_logged)} requests)")


def main():
    binary, fixtures, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    speech = os.path.join(fixtures, "speech.wav")
    rate, pcm = read_wav_pcm(speech)
    long_speech = os.path.join(work, "speech_x4.wav")
    write_repeated_wav(speech, long_speech, 4)
    (port,) = free_ports(1)
    replica = Replica(binary, port, os.path.join(work, "replica.log"), workers=1, queue=1, shutdown_grace=GRACE_S,
                      log_format="json")
    url = replica.url
    try:
        # --- readiness while loading ---
        first = {}

        def answered():
            r = requests.get(url + "/health", timeout=2)
            first.update(status=r.status_code, body=r.json())
            return True
        wait_until(answered, 10, "the replica to listen")
        check(first["status"] == 503 and first["body"]["status"] == "loading",
              f"/health is 503 loading while the model loads ({first})")
        live = requests.get(url + "/livez", timeout=2)
        check(live.status_code == 200 and live.json()["status"] == "alive", "/livez is 200 while loading")
        replica.wait_ready()
        check(requests.get(url + "/health", timeout=2).json()["status"] == "ok", "/health is 200 ok once loaded")

        # --- busy: one worker, one queued job ---
        pool = concurrent.futures.ThreadPoolExecutor(3)
        jobs = [pool.submit(upload, url, long_speech)]
        seen_busy = {}

        def busy():
            r = requests.get(url + "/health", timeout=2)
            if r.status_code == 503 and r.json()["status"] == "busy":
                seen_busy.update(r.json(), retry_after=r.headers.get("Retry-After"))
                return True
            return False
        time.sleep(0.3)  # the first job is running
        jobs.append(pool.submit(upload, url, long_speech))
        wait_until(busy, 10, "/health to report busy")
        check(seen_busy["queue_depth"] == 1 and seen_busy["retry_after"] == "1",
              f"/health is 503 busy with Retry-After while the queue is full ({seen_busy})")
        refused = upload(url, speech)
        check(refused[0] == 503 and refused[1] == "1", f"an upload beyond the queue gets 503 Retry-After ({refused})")
        results = [j.result(timeout=120) for j in jobs]
        check([r[0] for r in results] == [200, 200], "the running and the queued upload finish")
        check(requests.get(url + "/health", timeout=2).status_code == 200, "/health is 200 again when the queue drains")

        # --- SIGTERM with an upload and a live stream in flight ---
        stream = StreamResult()
        started = threading.Event()
        ws_url = url.replace("http://", "ws://") + "/stream"
        stream_job = pool.submit(run_stream, ws_url, rate, pcm * 10, 20, 1.0, stream, started)  # 32 s of audio
        wait_until(lambda: stream.frames > 0, 20, "the stream's first frames")
        signalled = {}

        def terminate_and_check_refused():
            time.sleep(1)  # the server has read the header: the request is in progress
            replica.signal(signal.SIGTERM)
            signalled["at"] = time.monotonic()

            def connection_refused():
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    return False
                except ConnectionRefusedError:
                    return True
            wait_until(connection_refused, 3, "new connections to be refused")
        # Half the upload, SIGTERM, new connections refused, then the rest of it.
        status, frames = upload_in_two_halves(port, speech, "?mode=phonetic", terminate_and_check_refused)
        signalled_at = signalled["at"]
        check(True, "after SIGTERM new connections are refused")
        check(status == 200 and frames == 97, f"the upload in flight at SIGTERM finished ({status}, {frames} frames)")
        stream_job.result(timeout=30)
        ended_after = time.monotonic() - signalled_at
        check(stream.error is not None and stream.error.get("code") == "shutting_down",
              f"the live stream got a shutting_down error ({stream.error})")
        check(stream.close_status == 1001, f"then a clean close 1001 going away ({stream.close_status})")
        check(GRACE_S - 0.5 <= ended_after <= GRACE_S + 3,
              f"the stream ran on through the {GRACE_S} s grace and ended after {ended_after:.1f} s")
        code = replica.process.wait(timeout=10)
        check(code == 0, "the process exited 0")
        check_json_log(replica.log_text())
        print(f"the stream had {stream.frames} frames before the shutdown", flush=True)
    finally:
        replica.stop()
    print("lifecycle test passed")


if __name__ == "__main__":
    main()
