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
  # CPU seconds the replica spent per request or per stream-second: unlike
  # requests/s, this hardly depends on what else runs on a shared machine.
  cpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' /proc/$pid/stat; }
  per() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN {printf "%.3f", (b - a) / n}'; }
  c0=$(cpu); n=$((20 * workers))
  $load uploads $port "$clip" $n $((2 * workers))
  c1=$(cpu); echo "  CPU per upload (auto): $(per "$c0" "$c1" $n) s"
  n=$((40 * workers))
  $load uploads $port "$clip" $n $((2 * workers)) "?mode=phonetic"
  c2=$(cpu); echo "  CPU per upload (phonetic): $(per "$c1" "$c2" $n) s"
  for n in $streams; do
    c3=$(cpu)
    $load streams $port "$raw" "$n" 10 || true  # reports streams that did not end cleanly
    echo "  CPU per stream-second: $(per "$c3" "$(cpu)" $((n * 10))) s"
  done
  echo "peak RSS (VmHWM): $(awk '/VmHWM/ {print $2}' /proc/$pid/status) KB"
  kill -TERM $pid
  wait $pid || true
  trap - EXIT
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
