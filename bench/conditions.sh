#!/usr/bin/env bash
# Recording conditions: the real speech of the quality half, degraded the way
# real recordings are (sox), every mode scored against the CLEAN files' forced
# alignment. Called by bench/run.sh after the quality half (it needs
# $work/data/real-*.wav and $work/out/real-*.align.json); appends a table to
# $work/results.md. Env: BUILD_DIR, BENCH_WORK, JOBS as for run.sh.
set -euo pipefail
shopt -s nullglob  # a run that wrote no JSON is counted as missing, not passed on as "*.json"
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${BUILD_DIR:-$root/build}" && pwd)
work=${BENCH_WORK:-$build/bench-work}
jobs=${JOBS:-2}
results=$work/results.md
say() { echo "$*" | tee -a "$results"; }
# -V1: errors only (clipping warnings are the point here); -R: sox's dither and
# noise repeat from run to run (without it quiet-35db moved by 1.4 points).
sox() { command sox -V1 -R "$@"; }
cond_dir=$work/conditions
rm -rf "$cond_dir"
mkdir -p "$cond_dir"

rms_of() { sox "$1" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}'; }
# sox's white noise has an RMS of about 0.32 x its "vol", not vol: measure it (at
# vol 0.1, which does not clip).
sox -n -r 16000 -c 1 -b 16 "$cond_dir/unit-noise.wav" synth 5 whitenoise vol 0.1
noise_rms_per_vol=$(awk -v r="$(rms_of "$cond_dir/unit-noise.wav")" 'BEGIN {print r / 0.1}')

# condition -> what it does to a 16 kHz clean file (IN) writing OUT
degrade() {
  local cond=$1 in=$2 out=$3 rms
  case $cond in
    dc-offset) sox "$in" "$out" dcshift 0.15 ;;                 # cheap USB microphones
    hum-50hz | hum-60hz)  # mains hum, Europe / America
      local hz=${cond#hum-}
      sox "$in" -p synth sine "${hz%hz}" vol 0.03 | sox -m -v 1 "$in" -v 1 - "$out" ;;
    quiet-35db) sox "$in" "$out" gain -35 ;;                    # input gain left low
    clipped-18db) sox "$in" "$out" gain 18 ;;               # input gain far too high
    telephone) sox "$in" -r 8000 -t wav - sinc 300-3400 | sox - -r 16000 "$out" ;;
    reverb) sox "$in" "$out" reverb 40 50 60 gain -3 ;;     # a bare room
    noise-20db | noise-30db)  # white noise 20 (30) dB below the speech's RMS
      local snr=${cond#noise-}
      rms=$(rms_of "$in")
      sox "$in" -p synth whitenoise vol "$(awk -v r="$rms" -v n="$noise_rms_per_vol" -v s="${snr%db}" \
        'BEGIN {print r * 10 ^ (-s / 20) / n}')" | sox -m -v 1 "$in" -v 1 - "$out" ;;
    noise-20db-lead-in | noise-30db-lead-in)  # the same after 1 s of the noise alone (live only)
      local snr=${cond#noise-}
      snr=${snr%-lead-in}
      rms=$(rms_of "$in")
      sox "$in" -p pad $lead_in_s 0 | sox - -p synth whitenoise vol "$(awk -v r="$rms" -v n="$noise_rms_per_vol" \
        -v s="${snr%db}" 'BEGIN {print r * 10 ^ (-s / 20) / n}')" >"$out.noise.sox"
      sox "$in" -p pad $lead_in_s 0 | sox -m -v 1 - -v 1 "$out.noise.sox" "$out"
      rm -f "$out.noise.sox" ;;
  esac
}

conditions=(dc-offset hum-50hz hum-60hz quiet-35db clipped-18db telephone reverb noise-30db noise-20db)
# A live stream hears the room before the first words; the live noise
# reduction measures the background there (bench_live --lead-in: scored from
# the speech on). Live only: offline, the 1 s changes nothing the rows above do not show.
lead_in_s=1
lead_in_conditions=(noise-30db-lead-in noise-20db-lead-in)
modes=(align recognize phonetic)
for c in "${conditions[@]}" "${lead_in_conditions[@]}"; do
  mkdir -p "$cond_dir/$c"
  for wav in "$work"/data/real-*.wav; do
    name=$(basename "$wav" .wav)
    degrade "$c" "$wav" "$cond_dir/$c/$name.wav"
    cp "$work/data/$name.txt" "$cond_dir/$c/"
  done
done

# Batch mode: a .txt beside a file is its transcript (align); the other modes ignore it.
for c in "${conditions[@]}"; do
  for m in "${modes[@]}"; do
    mkdir -p "$cond_dir/out/$c.$m"
    timeout 600 "$build/facecast" animate "$cond_dir/$c" -o "$cond_dir/out/$c.$m" --mode "$m" -j "$jobs" \
      >/dev/null 2>"$cond_dir/out/$c.$m.err" || true
  done
  # The live stream (bench_live: 20 ms chunks through a LiveSession).
  mkdir -p "$cond_dir/out/$c.live"
  timeout 600 "$build/bench/bench_live" -o "$cond_dir/out/$c.live" "$cond_dir/$c"/*.wav 2>"$cond_dir/out/$c.live.err" || true
done
for c in "${lead_in_conditions[@]}"; do
  mkdir -p "$cond_dir/out/$c.live"
  timeout 600 "$build/bench/bench_live" -o "$cond_dir/out/$c.live" --lead-in "$lead_in_s" "$cond_dir/$c"/*.wav \
    2>"$cond_dir/out/$c.live.err" || true
done

say ""
say "### Recording conditions (real speech, against the clean files' forced alignment)"
say ""
"$build/bench/bench_evaluate" --header --markdown | tee -a "$results"
for c in "${conditions[@]}" "${lead_in_conditions[@]}"; do
  for m in "${modes[@]}" live; do
    [[ " ${lead_in_conditions[*]} " == *" $c "* && $m != live ]] && continue
    list=$cond_dir/out/$c.$m.list
    : >"$list"
    outputs=("$cond_dir/out/$c.$m"/*.json)
    inputs=("$cond_dir/$c"/*.wav)
    ((${#outputs[@]} == ${#inputs[@]})) ||
      echo "bench: $c $m: ${#outputs[@]} of ${#inputs[@]} files animated (see $cond_dir/out/$c.$m.err)" >&2
    ((${#outputs[@]} > 0)) || continue
    for json in "${outputs[@]}"; do
      name=$(basename "$json" .json)
      name=${name%.live}
      printf '%s\t%s\t%s\n' "$json" "$work/out/$name.align.json" \
        "$([[ $m != phonetic && $m != live ]] && echo "$cond_dir/$c/$name.txt")" >>"$list"
    done
    "$build/bench/bench_evaluate" --markdown --label "$c $m" --list "$list" | tee -a "$results"
  done
done
