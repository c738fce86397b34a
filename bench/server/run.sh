#!/usr/bin/env bash
# Server load benchmarks on loopback: uploads/s for a 3 s clip, live streams in
# real time with 20 ms chunks (frame latency), memory flat over 10,000 requests,
# idle memory. Usage: bench/server/run.sh [BUILD_DIR]  (results in docs/benchmarks.md)
set -euo pipefail
build=${1:-build}
port=${FACECAST_BENCH_PORT:-18731}
fixtures=$build/fixtures
"$build/bench/server/bench_server_serve" port=$port workers=0 queue=256 max_streams=64 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 0.2
done
echo "idle server RSS: $("$build/bench/server/bench_server_load" rss $pid) KB (model loaded, $(nproc) workers)"
load=$build/bench/server/bench_server_load
$load uploads $port $fixtures/speech.wav 40 2
$load uploads $port $fixtures/speech.wav 60 2 "?mode=phonetic"
for n in ${FACECAST_BENCH_STREAMS:-1 8 16 24}; do
  $load streams $port $fixtures/speech_s16le_44100_2ch.raw $n 10
done
$load leak $port $fixtures/speech.wav ${FACECAST_BENCH_LEAK_REQUESTS:-10000} $pid
