#!/usr/bin/env bash
# Deterministic cost: instructions executed in speech analysis and face synthesis
# (valgrind's callgrind, Ir; model load and file I/O excluded) per second of audio,
# for the 5-minute file against eight pooled 3-4 s sentences. Unlike CPU time this
# does not move with the machine (this VM's core speed swings +-20 % between runs),
# so "a 5-minute file costs no more than 100 x a 3-second one" can be checked with
# margin: ratio = (Ir per second, 5 min) / (Ir per second, sentences) x 100.
# Slow (callgrind runs ~50x slower): align ~5 min, phonetic ~8 min, recognize ~40 min.
# Usage: bench/instructions.sh [MODE...]     (default: align phonetic)
# Needs the speech files of a previous bench/run.sh (BUILD_DIR, BENCH_WORK as there).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${BUILD_DIR:-$root/build}" && pwd)
work=${BENCH_WORK:-$build/bench-work}
data=$work/data
out=$work/instructions
modes=("$@")
[[ ${#modes[@]} -gt 0 ]] || modes=(align phonetic)
sentences=(speed-sentence-0 speed-sentence-3 speed-sentence-6 speed-sentence-9
           speed-sentence-12 speed-sentence-15 speed-sentence-18 speed-sentence-21)
command -v valgrind >/dev/null || { echo "bench/instructions.sh: valgrind is not installed" >&2; exit 1; }
[[ -f $data/speed-5min.wav ]] || { echo "bench/instructions.sh: run bench/run.sh first (no $data/speed-5min.wav)" >&2; exit 1; }
mkdir -p "$out"

instructions() {  # NAME MODE -> "Ir audio_seconds"
  local name=$1 mode=$2 transcript=()
  [[ $mode == align ]] && transcript=(--transcript-file "$data/$name.txt")
  valgrind --tool=callgrind --collect-atstart=no \
    "--toggle-collect=facecast::speech::Analyzer::analyze*" "--toggle-collect=facecast::animation::synthesize*" \
    --callgrind-out-file="$out/$name.$mode.cg" "$build/facecast" animate "$data/$name.wav" --mode "$mode" \
    "${transcript[@]}" --format json -o "$out/$name.$mode.json" >/dev/null 2>"$out/$name.$mode.err"
  local ir dur
  ir=$(grep -sE '^(summary|totals):' "$out/$name.$mode.cg" | head -1 | awk '{print $2}')
  dur=$(grep -so '"duration": *[0-9.]*' "$out/$name.$mode.json" | head -1 | sed 's/.*: *//')
  if [[ -z $ir || -z $dur ]]; then
    echo "bench/instructions.sh: the $mode run on $name failed; see $out/$name.$mode.err" >&2
    return 1
  fi
  echo "$ir $dur"
}

echo "| mode | 5 min: M instructions per audio s | 8 sentences (3.1-4.1 s): M instructions per audio s | per-second cost, 5 min / sentences x 100 (100 = linear) |"
echo "| --- | --- | --- | --- |"
for m in "${modes[@]}"; do
  long=$(instructions speed-5min "$m") || exit 1
  pooled_ir=0 pooled_s=0
  for s in "${sentences[@]}"; do
    run=$(instructions "$s" "$m") || exit 1
    read -r ir dur <<<"$run"
    pooled_ir=$(awk -v a="$pooled_ir" -v b="$ir" 'BEGIN { printf "%.0f", a + b }')
    pooled_s=$(awk -v a="$pooled_s" -v b="$dur" 'BEGIN { print a + b }')
  done
  awk -v m="$m" -v l="$long" -v ir="$pooled_ir" -v s="$pooled_s" 'BEGIN {
    split(l, x, " "); per5 = x[1] / x[2]; per3 = ir / s
    printf "| %s | %.1f | %.1f | %.1f |\n", m, per5 / 1e6, per3 / 1e6, 100 * per5 / per3 }'
done
