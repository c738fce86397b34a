#!/usr/bin/python3
"""Live streams pushed at full speed against a running server, /livez polled meanwhile.

Usage: flood_streams.py PORT CLIENTS SECONDS MESSAGE_SECONDS RAW_S16LE_44100_2CH
Each client streams SECONDS of the raw fixture (repeated) in messages of
MESSAGE_SECONDS of audio, as fast as the server reads them, then stops. Prints each
client's wall time and frame count, and /livez latency p50/p95/max: what
max_stream_speed protects (docs/benchmarks-history.md, session 10).
"""
import json
import sys
import threading
import time
import urllib.request

import websocket  # Debian python3-websocket

port, clients, seconds, message_s, raw = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
pcm = open(raw, "rb").read()
need = int(seconds * 44100) * 4
audio = (pcm * (need // len(pcm) + 1))[:need]
step = max(4, int(44100 * message_s) * 4)
results = []


def client(index):
    ws = websocket.create_connection(f"ws://127.0.0.1:{port}/stream", timeout=600)
    ws.send(json.dumps({"type": "start", "sample_rate": 44100, "channels": 2, "encoding": "pcm_s16le"}))
    ws.recv()
    started = time.monotonic()

    def send():
        for offset in range(0, len(audio), step):
            ws.send_binary(audio[offset:offset + step])
        ws.send(json.dumps({"type": "stop"}))

    sender = threading.Thread(target=send)
    sender.start()
    frames = 0
    while True:
        message = json.loads(ws.recv())
        if message["type"] == "frames":
            frames += len(message["blendshapes"])
        if message["type"] in ("end", "error"):
            break
    sender.join()
    results.append((index, round(time.monotonic() - started, 2), frames))


threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
for t in threads:
    t.start()
latencies = []
while any(t.is_alive() for t in threads):
    t0 = time.monotonic()
    urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=60).read()
    latencies.append(time.monotonic() - t0)
    time.sleep(0.1)
latencies.sort()
print("clients (index, wall s, frames):", sorted(results))
print("livez: %d polls, p50 %.0f ms, p95 %.0f ms, max %.0f ms" % (
    len(latencies), 1000 * latencies[len(latencies) // 2], 1000 * latencies[int(len(latencies) * 0.95)], 1000 * latencies[-1]))
