#!/usr/bin/env bash
# Per-replica capacity for sizing a cluster (docs/deploy.md), with the server
# load tools of bench/server on loopback: one replica with WORKERS workers,
#   uploads/s of the 3.2 s fixture clip (mode auto = recognize, and phonetic),
#   live streams in real time (20 ms chunks) and their frame latency,
#   idle and peak memory (RSS, VmHWM) and CPU time used.
# Usage: deploy/measure-capacity.sh BUILD_DIR [WORKERS...]   (default workers: 1 2)
# FACECAST_MEASURE_CPUS=0 pins the replica to CPU 0 (taskset) to measure one core;
# FACECAST_MEASURE_STREAMS="4 8 12" sets the stream counts tried.
# Needs the targets bench_server_serve, bench_server_load and fixtures built.
set -euo pipefail
build=${1:?usage: deploy/measure-capacity.sh BUILD_DIR [WORKERS...]}
shift
if (($#)); then workers_list=("$@"); else workers_list=(1 2); fi
port=${FACECAST_MEASURE_PORT:-18741}
clip=$build/fixtures/speech.wav
raw=$build/fixtures/speech_s16le_44100_2ch.raw
load=$build/bench/server/bench_server_load
streams=${FACECAST_MEASURE_STREAMS:-4 8 12}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo) MB; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for workers in "${workers_list[@]}"; do
  pin=()
  [[ -n ${FACECAST_MEASURE_CPUS:-} ]] && pin=(taskset -c "$FACECAST_MEASURE_CPUS")
  "${pin[@]}" "$build/bench/server/bench_server_serve" port=$port workers=$workers queue=256 max_streams=64 2>/dev/null &
  pid=$!
  trap 'kill $pid 2>/dev/null || true' EXIT
  for _ in $(seq 300); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
    sleep 0.2
  done
  echo "== one replica, workers=$workers${FACECAST_MEASURE_CPUS:+, pinned to CPU $FACECAST_MEASURE_CPUS}"
  echo "idle RSS: $($load rss $pid) KB"
  cpu0=$(awk '{print $14 + $15}' /proc/$pid/stat)
  $load uploads $port "$clip" $((20 * workers)) $((2 * workers))
  $load uploads $port "$clip" $((40 * workers)) $((2 * workers)) "?mode=phonetic"
  for n in $streams; do
    $load streams $port "$raw" "$n" 10 || true  # reports streams that did not end cleanly
  done
  cpu1=$(awk '{print $14 + $15}' /proc/$pid/stat)
  echo "CPU time used by the replica over the runs: $(( (cpu1 - cpu0) / $(getconf CLK_TCK) )) s"
  echo "peak RSS (VmHWM): $(awk '/VmHWM/ {print $2}' /proc/$pid/status) KB"
  kill -TERM $pid
  wait $pid || true
  trap - EXIT
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
