#!/usr/bin/python3
"""Scale-out through nginx (issue 7): three `facecast serve` replicas behind nginx
run with the shipped deploy/nginx configuration, all on 127.0.0.1.

1. 60 uploads and 6 concurrent live streams go through nginx; one replica is
   killed (SIGKILL) mid-run. Every upload must succeed (nginx retries them on
   another replica), every replica must have served some, the streams on the
   killed replica must end with a broken connection (not hang) and a reconnect
   must work, the other streams must end normally.
2. SIGTERM to a replica while an upload to it is half sent: the replica refuses
   new connections, nginx keeps answering from the rest, the upload is read to
   the end and answered, and the replica exits 0.

Usage: scale_out_test.py FACECAST_BINARY FIXTURE_DIR NGINX_CONF_DIR WORK_DIR
"""
import concurrent.futures
import os
import shutil
import signal
import socket
import sys
import threading
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import (Nginx, Replica, StreamResult, free_ports, read_wav_pcm, run_stream,  # noqa: E402
                     upload_in_two_halves, wait_until)

UPLOADS = 60
STREAMS = 6


def upload(url, path, query="?mode=phonetic"):
    """One POST /process-audio (multipart, as the MVP client sends it): (status, frame_count)."""
    with open(path, "rb") as f:
        r = requests.post(url + "/process-audio" + query, files={"file": f}, timeout=120)
    frames = r.json()["data"]["frame_count"] if r.status_code == 200 else None
    return r.status_code, frames


def check(condition, message):
    if not condition:
        raise AssertionError(message)
    print("ok:", message, flush=True)


def main():
    binary, fixtures, conf_dir, work = sys.argv[1:5]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    speech = os.path.join(fixtures, "speech.wav")
    rate, pcm = read_wav_pcm(speech)

    ports = free_ports(4)
    replicas = [Replica(binary, p, os.path.join(work, f"replica-{i + 1}.log"), workers=1, queue=16, shutdown_grace=20)
                for i, p in enumerate(ports[1:])]
    nginx = None
    try:
        for r in replicas:
            r.wait_ready()
        nginx = Nginx(conf_dir, os.path.join(work, "nginx"), ports[0], ports[1:])
        front = nginx.url
        ws_url = front.replace("http://", "ws://") + "/stream"
        check(requests.get(front + "/health", timeout=5).json()["status"] == "ok", "nginx answers /health")

        # --- 1. uploads and streams through nginx, one replica killed mid-run ---
        stream_results = [StreamResult() for _ in range(STREAMS)]
        started = [threading.Event() for _ in range(STREAMS)]
        # 19 s of audio per stream at 1.5x real time: streams are open when the replica dies.
        stream_pool = concurrent.futures.ThreadPoolExecutor(STREAMS)
        stream_futures = [stream_pool.submit(run_stream, ws_url, rate, pcm * 6, 20, 1.5, stream_results[i], started[i])
                          for i in range(STREAMS)]
        upload_pool = concurrent.futures.ThreadPoolExecutor(4)
        upload_futures = [upload_pool.submit(upload, front, speech) for _ in range(UPLOADS)]

        # Kill once every stream is running and a sixth of the uploads are done:
        # the replica with the most open streams.
        wait_until(lambda: all(r.ready for r in stream_results), 30, "every stream to be ready")
        wait_until(lambda: sum(f.done() for f in upload_futures) >= UPLOADS // 6, 60, "a sixth of the uploads")
        victim = max(replicas, key=lambda r: r.metric("facecast_active_streams"))
        survivors = [r for r in replicas if r is not victim]
        victim_streams = victim.metric("facecast_active_streams")
        victim_uploads = victim.metric("facecast_http_requests_total", '{route="/process-audio",status="200"}')
        victim.signal(signal.SIGKILL)
        killed_at = time.monotonic()
        print(f"killed replica :{victim.port} with {victim_streams:.0f} open streams, {victim_uploads:.0f} uploads served",
              flush=True)

        results = [f.result(timeout=120) for f in upload_futures]
        statuses = [s for s, _ in results]
        check(statuses.count(200) == UPLOADS, f"all {UPLOADS} uploads through nginx answered 200 (got {statuses})")
        frame_counts = {n for _, n in results}
        check(frame_counts == {97}, f"every upload has the clip's 97 frames (got {frame_counts})")
        streams = [f.result(timeout=60) for f in stream_futures]
        broken = [s for s in streams if s.closed_early]
        complete = [s for s in streams if s.end_count is not None]
        print("streams:", [(s.frames, s.end_count, s.closed_early, s.error) for s in streams], flush=True)
        check(victim_streams >= 1, "the killed replica had live streams when it died")
        check(len(broken) == victim_streams,
              f"the {victim_streams:.0f} stream(s) on the killed replica ended with a broken connection, not a hang")
        check(len(complete) + len(broken) == STREAMS, "every other stream ended normally")
        check(all(s.end_count == s.frames and s.contiguous and s.frames >= 570 for s in complete),
              "complete streams got contiguous frames for all their audio and a matching end")
        check(time.monotonic() - killed_at < 60, "nothing waited for a timeout")

        # A client whose stream broke reconnects through nginx and streams again.
        again = run_stream(ws_url, rate, pcm, 20, 4.0)
        check(again.ready and again.end_count == again.frames and again.frames >= 90,
              f"a reconnect after the kill streams to the end ({again.frames} frames)")

        served = {addr for addr in nginx.upstreams_of("POST /process-audio")}
        expected = {f"127.0.0.1:{r.port}" for r in replicas}
        check(served == expected, f"every replica served uploads through nginx ({sorted(served)})")
        check(victim_uploads > 0, "the killed replica's /metrics counted uploads before it died")
        for r in survivors:
            n = r.metric("facecast_http_requests_total", '{route="/process-audio",status="200"}')
            check(n > 0, f"replica :{r.port} /metrics counts {n:.0f} uploads")
        retried = [line for line in open(nginx.access_log) if "POST /process-audio" in line and ", " in line]
        print(f"{len(retried)} upload(s) were retried on another replica by nginx", flush=True)

        # --- 2. SIGTERM during an upload: it finishes, new connections are refused, exit 0 ---
        draining = survivors[0]
        def terminate_and_use_the_others():
            time.sleep(1)  # the replica has read the header: the upload is in progress
            draining.signal(signal.SIGTERM)

            def refused():
                try:
                    socket.create_connection(("127.0.0.1", draining.port), timeout=1).close()
                    return False
                except ConnectionRefusedError:
                    return True
            wait_until(refused, 5, "the draining replica to refuse new connections")
            check(True, "the draining replica refuses new connections")
            during = [upload(front, speech) for _ in range(3)]
            check([s for s, _ in during] == [200] * 3, "nginx answers uploads from the remaining replica meanwhile")
        # Half of an upload straight to the replica, SIGTERM, then the rest of it.
        status, frames = upload_in_two_halves(draining.port, speech, "?mode=phonetic", terminate_and_use_the_others)
        check(status == 200 and frames == 97, f"the upload in flight at SIGTERM finished ({status}, {frames} frames)")
        code = draining.process.wait(timeout=20)
        check(code == 0, "the replica exited 0 after draining")
        log = draining.log_text()
        check("SIGTERM received, draining" in log, "the replica logged its drain")
    finally:
        if nginx:
            nginx.stop()
        for r in replicas:
            r.stop()
    print("scale-out test passed")


if __name__ == "__main__":
    main()
