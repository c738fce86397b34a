#!/usr/bin/python3
"""Frame latency of `facecast live` on a pipe, the way a microphone feeds it.

Usage: live_pipe_latency.py FACECAST AUDIO_FILE
The file is converted to 16 kHz mono s16 (sox) and written to `facecast live` in
20 ms chunks in real time. Frame i shows the audio at i / fps; its latency is when
its line arrived minus that time (the last 0.3 s, flushed at the end, are left out).
"""
import json
import subprocess
import sys
import threading
import time

facecast, audio_file = sys.argv[1], sys.argv[2]
pcm = subprocess.run(["sox", audio_file, "-t", "raw", "-r", "16000", "-e", "signed", "-b", "16", "-c", "1", "-"],
                     capture_output=True, check=True).stdout
chunk = 640  # 20 ms
live = subprocess.Popen([facecast, "live"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
started = time.monotonic()


def feed():
    for i, offset in enumerate(range(0, len(pcm), chunk)):
        live.stdin.write(pcm[offset:offset + chunk])
        live.stdin.flush()
        pause = started + (i + 1) * 0.02 - time.monotonic()
        if pause > 0:
            time.sleep(pause)
    live.stdin.close()


feeder = threading.Thread(target=feed)
feeder.start()
audio_s = len(pcm) / 32000
latencies = []
for line in live.stdout:
    arrived = time.monotonic() - started
    message = json.loads(line)
    if message["type"] != "frames":
        continue
    for k in range(len(message["blendshapes"])):
        shown_at = (message["start"] + k) / message["fps"]
        if shown_at < audio_s - 0.3:
            latencies.append(arrived - shown_at)
feeder.join()
live.wait()
latencies.sort()
print("facecast live, %.1f s in 20 ms chunks in real time: %d frames, latency p50 %.0f ms, p95 %.0f ms, max %.0f ms" % (
    audio_s, len(latencies), 1000 * latencies[len(latencies) // 2], 1000 * latencies[int(0.95 * len(latencies))],
    1000 * latencies[-1]))
