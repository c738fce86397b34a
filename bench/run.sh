#!/usr/bin/env bash
# Facecast benchmarks: lip-sync quality per mode on speech with true phone timings
# (espeak-ng, flite) and on real recordings, then speed on one core (3 s and 5 min).
# Usage: bench/run.sh            (from `make bench`; ~8-12 minutes on 2 cores)
# Env:   BUILD_DIR (build), BENCH_WORK (BUILD_DIR/bench-work), JOBS (2),
#        BENCH_SKIP_SPEED=1 / BENCH_SKIP_QUALITY=1 to run one half,
#        BENCH_SKIP_CONDITIONS=1 to leave out the recording conditions (bench/conditions.sh).
# Results: printed, and written to $BENCH_WORK/results.md (copy into docs/benchmarks.md).
set -euo pipefail
load_before=-
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${BUILD_DIR:-$root/build}" && pwd)
work=${BENCH_WORK:-$build/bench-work}
jobs=${JOBS:-2}
facecast=$build/facecast
tools=$build/bench
sentences=$root/bench/sentences.txt
unseen_sentences=$root/bench/sentences-unseen.txt
testdata=/usr/share/pocketsphinx/test/data
modes=(align recognize phonetic)

cmake --build "$build" -j "$jobs" --target facecast bench_tools >/dev/null
mkdir -p "$work"/{data,out,lists,speed}
results=$work/results.md
: >"$results"
say() { echo "$*" | tee -a "$results"; }

# ---------------------------------------------------------------- test speech
# Synthetic sets: 6 sentences each (rotating through bench/sentences.txt), pauses of
# 0.3/0.5/0.7 s between sentences and a 2 s pause after every 3rd.
echo "bench: generating test speech in $work/data" >&2
espeak_voices=("en-us 140" "en-us+m3 175" "en-us+f2 210" "en 175" "en+m7 140" "en-us+f4 210")
flite_voices=("slt 175" "awb 175" "rms 140" "kal16 210" "slt 210")
synthetic=()
i=0
for vr in "${espeak_voices[@]}"; do
  read -r voice rate <<<"$vr"
  name=espeak-${voice/+/-}-$rate
  "$tools/bench_espeak_truth" --voice "$voice" --rate "$rate" --sentences "$sentences" \
    --first $((i * 5)) --count 6 --long-every 3 -o "$work/data/$name" >/dev/null
  synthetic+=("espeak $name")
  i=$((i + 1))
done
for vr in "${flite_voices[@]}"; do
  read -r voice rate <<<"$vr"
  name=flite-$voice-$rate
  "$tools/bench_flite_truth" --voice "$voice" --rate "$rate" --sentences "$sentences" \
    --first $((i * 5)) --count 6 --long-every 3 -o "$work/data/$name" >/dev/null
  synthetic+=("flite $name")
  i=$((i + 1))
done
# Unseen sets: other sentences (bench/sentences-unseen.txt, 16 per file) in other
# voices and rates, to see whether the numbers above generalise.
unseen_espeak=("en-us+m1 150" "en-us+f3 190" "en-us+m6 170" "en-us+f1 160" "en 150" "en-us 230")
unseen_flite=("awb 200" "rms 170" "slt 150" "kal16 160")
# Speaking rates beyond those above (the unseen sentences, espeak): slow, and faster
# than the model's shortest phones (three 10 ms states; the aligner slows such speech down).
rates_espeak=("en-us 110" "en-us 270" "en-us+f3 300")
held_out_set() {  # SET SYNTH "VOICE RATE"...: the 16 unseen sentences per voice, added to $synthetic
  local set=$1 synth=$2 vr voice rate name
  shift 2
  for vr in "$@"; do
    read -r voice rate <<<"$vr"
    name=$set-${voice/+/-}-$rate
    "$tools/bench_${synth}_truth" --voice "$voice" --rate "$rate" --sentences "$unseen_sentences" \
      --count 16 --long-every 3 -o "$work/data/$name" >/dev/null
    synthetic+=("$set $name")
  done
}
held_out_set unseen-espeak espeak "${unseen_espeak[@]}"
held_out_set unseen-flite flite "${unseen_flite[@]}"
held_out_set rates-espeak espeak "${rates_espeak[@]}"
# Speed inputs (flite slt, the more natural voice): ~1 s, ~3 s (one sentence) and >= 5 min.
echo "Yes, please." >"$work/data/tiny-sentence.txt"
"$tools/bench_flite_truth" --voice slt --sentences "$work/data/tiny-sentence.txt" -o "$work/data/speed-tiny" >/dev/null
"$tools/bench_flite_truth" --voice slt --sentences "$sentences" --first 20 --count 1 -o "$work/data/speed-3s" >/dev/null
"$tools/bench_flite_truth" --voice slt --sentences "$sentences" --min-seconds 300 -o "$work/data/speed-5min" >/dev/null
# Eight single sentences (3.1-4.1 s): one sentence's cost per second varies with its
# content by +-15 %, so the 5-min file is also compared with their pooled cost.
sentence_firsts=(0 3 6 9 12 15 18 21)
for f in "${sentence_firsts[@]}"; do
  "$tools/bench_flite_truth" --voice slt --sentences "$sentences" --first "$f" --count 1 -o "$work/data/speed-sentence-$f" >/dev/null
done

# Real speech (Debian pocketsphinx-testdata): transcripts, no true phone timings.
real=()
while read -r line; do
  id=${line##*(}; id=${id%)}
  text=${line#<s> }; text=${text%% </s>*}
  case $id in sense_*) wav=$testdata/librivox/$id.wav ;; *) wav=$testdata/cards/$id.wav ;; esac
  name=real-${id/sense_and_sensibility_01_austen_64kb-/librivox-}
  case $name in real-0*) name=real-cards-$id ;; esac
  cp "$wav" "$work/data/$name.wav"
  echo "$text" >"$work/data/$name.txt"
  real+=("$name")
done < <(cat "$testdata/librivox/transcription" "$testdata/cards/cards.transcription")
sox -t raw -r 16000 -e signed -b 16 -c 1 "$testdata/goforward.raw" "$work/data/real-goforward.wav"
echo "go forward ten meters" >"$work/data/real-goforward.txt"
real+=(real-goforward)

# ---------------------------------------------------------------- quality
animate() {  # NAME MODE: one engine run, JSON to out/NAME.MODE.json (errors kept in .err)
  local name=$1 mode=$2 transcript=()
  [[ $mode == align ]] && transcript=(--transcript-file "$work/data/$name.txt")
  timeout 600 "$facecast" animate "$work/data/$name.wav" --mode "$mode" "${transcript[@]}" --format json \
    -o "$work/out/$name.$mode.json" 2>"$work/out/$name.$mode.err" || true
}
export -f animate
export facecast work

if [[ -z ${BENCH_SKIP_QUALITY:-} ]]; then
  echo "bench: animating $(( (${#synthetic[@]} + ${#real[@]}) * 3 + 3 )) runs with $jobs jobs" >&2
  {
    for s in "${synthetic[@]}"; do for m in "${modes[@]}"; do echo "${s#* } $m"; done; done
    for r in "${real[@]}"; do for m in "${modes[@]}"; do echo "$r $m"; done; done
  } | xargs -P "$jobs" -L 1 bash -c 'animate "$0" "$1"'
  # The live stream (bench_live: 20 ms chunks through a LiveSession, the frames a
  # viewer sees) over the same files: out/NAME.live.json.
  rm -f "$work"/out/*.live.json
  { for s in "${synthetic[@]}"; do printf '%s\0' "$work/data/${s#* }.wav"; done
    for r in "${real[@]}"; do printf '%s\0' "$work/data/$r.wav"; done
  } | xargs -0 -P "$jobs" -n 8 timeout 600 "$tools/bench_live" -o "$work/out" ||
    echo "bench: bench_live failed on some files" >&2

  # Lists for bench_evaluate: engine.json <TAB> truth [<TAB> transcript]
  for m in "${modes[@]}" live; do
    for src in espeak flite unseen-espeak unseen-flite rates-espeak; do
      : >"$work/lists/$src.$m"
      for s in "${synthetic[@]}"; do
        [[ ${s%% *} == "$src" ]] || continue
        n=${s#* }
        printf '%s\t%s\t%s\n' "$work/out/$n.$m.json" "$work/data/$n.truth.tsv" \
          "$([[ $m != phonetic && $m != live ]] && echo "$work/data/$n.txt")" >>"$work/lists/$src.$m"
      done
    done
    # Real speech: the forced alignment (align mode's raw phones) is the reference.
    : >"$work/lists/real.$m"
    for n in "${real[@]}"; do
      printf '%s\t%s\t%s\n' "$work/out/$n.$m.json" "$work/out/$n.align.json" \
        "$([[ $m != phonetic && $m != live ]] && echo "$work/data/$n.txt")" >>"$work/lists/real.$m"
    done
  done

  say ""
  say "### Lip-sync quality"
  say ""
  "$tools/bench_evaluate" --header --markdown | tee -a "$results"
  for src in espeak flite real unseen-espeak unseen-flite rates-espeak; do
    for m in "${modes[@]}" live; do
      label="$src $m"
      [[ $src == real && $m == align ]] && label="real align (vs its own raw phones)"
      [[ $src == real && $m != align ]] && label="real $m (vs forced alignment)"
      "$tools/bench_evaluate" --markdown --label "$label" --list "$work/lists/$src.$m" | tee -a "$results"
    done
  done
  # Transcripts that lack words the speaker said (a word left out, an ad-lib, an
  # "um"): every 8th word (the 6th, 14th, ...) left out of the transcript
  # (gap); a lead-in or a closing remark the transcript lacks: its first or
  # last quarter of words left out, at most 4 (head, tail); a whole first,
  # middle or last sentence left out (first-sentence, middle-sentence,
  # last-sentence; the synthetic sets, whose files hold several sentences). Scored against the
  # whole speech's truth (real speech: its whole-transcript alignment).
  # Transcripts that hold words the speaker did not say: every 8th word read
  # as another phrase (replaced: "3.5 km" read as "far"), or a phrase the
  # speaker left out before every 8th word (unsaid).
  # out/NAME.align-KIND.json; data/NAME.KIND.txt the transcript given;
  # "words match" compares with the words spoken that the transcript holds
  # (data/NAME.KIND.expected.txt).
  gap_kinds=(gap head tail first-sentence middle-sentence last-sentence replaced unsaid)
  gap_sets_of() {
    case $1 in
      *-sentence) echo espeak flite unseen-espeak unseen-flite ;;
      *) echo espeak flite real unseen-flite ;;
    esac
  }
  for kind in "${gap_kinds[@]}"; do
    for src in $(gap_sets_of "$kind"); do
      : >"$work/lists/$src.align-$kind"
      while IFS=$'\t' read -r json truth _; do
        n=$(basename "$json" .align.json)
        awk -v kind="$kind" '{ for (i = 1; i <= NF; i++) w[++k] = $i; t = t (t == "" ? "" : " ") $0 }
          END {
            if (kind ~ /-sentence$/) {
              while (match(t, /[^.!?]*[.!?]+/)) { s[++n] = substr(t, RSTART, RLENGTH); t = substr(t, RSTART + RLENGTH) }
              if (t ~ /[^ ]/) s[++n] = t
              for (i = 1; i <= n; i++)
                if ((kind == "first-sentence" && i > 1) || (kind == "last-sentence" && i < n) ||
                    (kind == "middle-sentence" && i != int(n / 2) + 1)) {
                  sub(/^ +/, "", s[i]); printf "%s%s", (o++ ? " " : ""), s[i]
                }
              print ""
              exit
            }
            d = int(k / 4); if (d < 1) d = 1; if (d > 4) d = 4
            split("three point five|for example|kilometres per hour|in the year two thousand", phrase, "|")
            for (i = 1; i <= k; i++) {
              if (kind == "replaced" && i % 8 == 6) { printf "%s%s", (o++ ? " " : ""), phrase[++p]; if (p == 4) p = 0; continue }
              if (kind == "unsaid" && i % 8 == 6) { printf "%s%s", (o++ ? " " : ""), phrase[++p]; if (p == 4) p = 0 }
              if ((kind == "gap" && i % 8 != 6) || (kind == "head" && i > d) || (kind == "tail" && i <= k - d) ||
                  kind == "replaced" || kind == "unsaid")
                printf "%s%s", (o++ ? " " : ""), w[i]
            }
            print ""
          }' "$work/data/$n.txt" >"$work/data/$n.$kind.txt"
        expected=$work/data/$n.$kind.txt
        case $kind in
          replaced) expected=$work/data/$n.$kind.expected.txt
            awk '{ for (i = 1; i <= NF; i++) if (++k % 8 != 6) printf "%s%s", (o++ ? " " : ""), $i } END { print "" }' \
              "$work/data/$n.txt" >"$expected" ;;
          unsaid) expected=$work/data/$n.txt ;;
        esac
        printf '%s\t%s\t%s\n' "$work/out/$n.align-$kind.json" "$truth" "$expected" >>"$work/lists/$src.align-$kind"
      done <"$work/lists/$src.align"
    done
  done
  for kind in "${gap_kinds[@]}"; do
    for src in $(gap_sets_of "$kind"); do
      while IFS=$'\t' read -r json _ _; do
        n=$(basename "$json" ".align-$kind.json")
        printf '%s\0%s\0%s\0' "$work/data/$n.wav" "$work/data/$n.$kind.txt" "$json"
      done <"$work/lists/$src.align-$kind"
    done
  done | xargs -0 -P "$jobs" -n 3 sh -c 'timeout 600 "$0" animate "$1" --mode align --transcript-file "$2" -o "$3" 2>/dev/null || true' "$facecast"
  say ""
  say "### Transcripts that lack words, or hold words not said (align mode)"
  say ""
  say "gap: every 8th word left out; head / tail: the first / last quarter of the words, at most 4;"
  say "first-sentence / middle-sentence / last-sentence: a whole sentence;"
  say "replaced: every 8th word written as another phrase; unsaid: a phrase the speaker did not say before every 8th word."
  say ""
  "$tools/bench_evaluate" --header --markdown | tee -a "$results"
  for kind in "${gap_kinds[@]}"; do
    for src in $(gap_sets_of "$kind"); do
      case $kind in
        gap) what="1 in 8 words" ;;
        head) what="its first words" ;;
        tail) what="its last words" ;;
        first-sentence) what="its first sentence" ;;
        middle-sentence) what="its middle sentence" ;;
        last-sentence) what="its last sentence" ;;
        replaced) what="1 in 8 words written as a phrase not said:" ;;
        unsaid) what="a phrase not said before 1 in 8 words:" ;;
      esac
      label="$src align, $what not in the transcript"
      [[ $what == *: ]] && label="$src align, ${what%:}"
      [[ $src == real ]] && label="$label (vs the whole transcript's alignment)"
      "$tools/bench_evaluate" --markdown --label "$label" --list "$work/lists/$src.align-$kind" | tee -a "$results"
    done
  done
  # The real speech degraded as real set-ups degrade it (DC offset, hum, level, band, room, noise).
  [[ -n ${BENCH_SKIP_CONDITIONS:-} ]] || BUILD_DIR=$build BENCH_WORK=$work JOBS=$jobs "$root/bench/conditions.sh"
fi

# ---------------------------------------------------------------- speed
# One core (taskset -c 0). processing_ms is the engine's own time for the request
# (model load excluded); start-up = wall time - processing_ms; RSS from /usr/bin/time.
# Each run is cut off after $speed_timeout s so the benchmark stays bounded
# (a 5-minute file over 240 s is below 1.25x real time: far from every target).
speed_timeout=${BENCH_SPEED_TIMEOUT:-240}
run_ms_of() {  # JSON -> "processing_ms duration_s" of a finished run
  local ms dur
  ms=$(grep -o '"processing_ms": *[0-9.eE+-]*' "$1" 2>/dev/null | head -1 | sed 's/.*: *//')
  dur=$(grep -o '"duration": *[0-9.eE+-]*' "$1" 2>/dev/null | head -1 | sed 's/.*: *//')
  echo "${ms:--} ${dur:--}"
}

run_timed() {  # NAME MODE -> "wall_s max_rss_kb cpu_s processing_ms duration_s"
  local name=$1 mode=$2 transcript=() json=$work/speed/$1.$2.json
  [[ $mode == align ]] && transcript=(--transcript-file "$work/data/$name.txt")
  rm -f "$json"
  taskset -c 0 /usr/bin/time -f '%e %M %U %S' -o "$work/speed/time" timeout "$speed_timeout" \
    "$facecast" animate "$work/data/$name.wav" --mode "$mode" "${transcript[@]}" --format json -o "$json" \
    2>"$work/speed/$name.$mode.err" || { echo "- - - - -"; return; }
  awk -v r="$(run_ms_of "$json")" '{ split(r, x, " "); print $1, $2, $3 + $4, x[1], x[2] }' "$work/speed/time"
}

best_of_three() {  # NAME MODE -> the run_timed line with the least CPU time
  local best="" r
  for _ in 1 2 3; do
    r=$(run_timed "$1" "$2")
    if [[ -z $best ]] || awk -v a="$r" -v b="$best" 'BEGIN{split(a,x," ");split(b,y," ");exit !(x[3]<y[3])}'; then best=$r; fi
  done
  echo "$best"
}

if [[ -z ${BENCH_SKIP_SPEED:-} ]]; then
  echo "bench: timing on one core" >&2
  load_before=$(cut -d' ' -f1-3 /proc/loadavg)
  say ""
  say "### Speed, one core (taskset -c 0)"
  say ""
  say "| mode | x real time, 3 s | x real time, 5 min | start-up s (CPU) | start-up s (wall) | peak MB, 3 s | peak MB, 5 min | 5 min cost / 3 s cost (CPU fit; processing_ms) | in-process x real time, 3 s / 5 min (wall) |"
  say "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  for m in "${modes[@]}"; do
    tiny=$(best_of_three speed-tiny "$m")
    short=$(best_of_three speed-3s "$m")
    long=$(run_timed speed-5min "$m")
    echo "$m tiny: $tiny / 3 s: $short / 5 min: $long" >>"$work/speed/raw.txt"
    # Fields: 1 wall s, 2 max RSS KB, 3 CPU s, 4 processing_ms, 5 audio s.
    # CPU time follows cpu = start-up + audio / speed; the tiny and 3 s files give both
    # unknowns, so model load and process start cancel and other processes on the
    # core (which inflate wall time) do not count.
    awk -v m="$m" -v t="$tiny" -v s="$short" -v l="$long" -v timeout="$speed_timeout" 'BEGIN {
      split(t, z, " "); split(s, a, " "); split(l, b, " ")
      if (z[4] == "-" || a[4] == "-") { printf "| %s | failed | | | | | | | |\n", m; exit }
      # When the longer file cost no more CPU than the shorter one (recognize: the
      # tiny sentence can take longer to decode than the 3 s one), the two-point
      # estimate is meaningless; then use the engine'"'"'s own processing time (marked *).
      if (a[3] > z[3]) { xrt3 = (a[5] - z[5]) / (a[3] - z[3]); start_cpu = z[3] - z[5] / xrt3; mark = "" }
      else { xrt3 = a[5] / (a[4] / 1000); start_cpu = a[3] - a[4] / 1000; mark = "*" }
      start_wall = a[1] - a[4] / 1000
      wall3 = a[5] / (a[4] / 1000)
      if (b[4] == "-") {
        printf "| %s | %.1f%s | failed or > %s s | %.2f%s | %.2f | %.0f | | | %.1f / - |\n", m, xrt3, mark, timeout, start_cpu, mark, start_wall, a[2] / 1024, wall3
        exit
      }
      xrt5 = b[5] / (b[3] - start_cpu)
      # processing_ms (the engine time, model load excluded) gives the ratio
      # without the noise of the fit; the 3 s run is the best of three.
      printf "| %s | %.1f%s | %.1f | %.2f%s | %.2f | %.0f | %.0f | %.0f; %.0f | %.1f / %.1f |\n", m, xrt3, mark,
        xrt5, start_cpu, mark, start_wall, a[2] / 1024, b[2] / 1024,
        (b[3] - start_cpu) / (a[3] - start_cpu), b[4] / a[4], wall3, b[5] / (b[4] / 1000) }' | tee -a "$results"
  done
  say ""
  say "\* the 3 s file cost no more CPU than the 2 s one, so speed and start-up come from the engine's processing_ms instead of the two-point CPU estimate."

  say ""
  say "Linearity: the 5-min file against the eight single sentences pooled (flite slt, 3.1–4.1 s each; processing_ms, model load excluded, best of 2 runs each)"
  say ""
  say "| mode | sentences: x real time, slowest–fastest | sentences pooled: x real time | 5 min: x real time | cost of 5 min / cost of 3 s (100 = linear) |"
  say "| --- | --- | --- | --- | --- |"
  for m in "${modes[@]}"; do
    # The 5-min file once more (best of this and the run above): a single long run
    # is exposed to every hiccup of a shared machine, the short ones get two tries.
    first_long=$(run_ms_of "$work/speed/speed-5min.$m.json")
    second_long=$(run_timed speed-5min "$m" | awk '{ print $4, $5 }')
    long=$(awk -v a="$first_long" -v b="$second_long" 'BEGIN { split(a, x, " "); split(b, y, " ")
      if (x[1] == "-" || (y[1] != "-" && y[1] + 0 < x[1] + 0)) print b; else print a }')
    for f in "${sentence_firsts[@]}"; do
      best=""
      for _ in 1 2; do
        r=$(run_timed "speed-sentence-$f" "$m")
        best=$(awk -v r="$r" -v best="$best" 'BEGIN { split(r, a, " "); if (a[4] == "-") { print best; exit }
          if (best == "") { print r; exit } split(best, b, " "); print (a[4] < b[4]) ? r : best }')
      done
      echo "$best"
    done | awk -v m="$m" -v long="$long" '
      NF == 5 && $4 != "-" { ms += $4; dur += $5; x = $5 / ($4 / 1000); if (n == 0 || x < lo) lo = x; if (n == 0 || x > hi) hi = x; n++ }
      END {
        split(long, b, " ")
        if (n == 0 || b[1] == "" || b[1] == "-") { printf "| %s | failed | | | |\n", m; exit }
        pooled = dur / (ms / 1000); x5 = b[2] / (b[1] / 1000)
        # 300 s at the 5-min file rate against 3 s at the pooled rate: 100 = linear.
        printf "| %s | %.1f–%.1f | %.1f | %.1f | %.0f |\n", m, lo, hi, pooled, x5, 100 * pooled / x5 }' | tee -a "$results"
  done

  # Start-up, split: (a) a cold process (start, model load) and (b) each further file
  # in batch mode (`facecast animate DIR -o OUT -j 1`: models load once per worker).
  # Batches of 1 and of $batch_n copies of the tiny file, CPU time, best of three:
  # (b) = (CPU(n) - CPU(1)) / (n - 1), processing of the file included (an upper
  # bound of the per-file overhead); (a) = CPU(1) - (b).
  batch_n=11
  batch_cpu() {  # MODE N -> CPU s (user + sys) of one batch run over N copies of speed-tiny
    local mode=$1 n=$2 dir=$work/batch/$1-$2 best="" i
    rm -rf "$dir"
    mkdir -p "$dir/in"
    for i in $(seq "$n"); do
      cp "$work/data/speed-tiny.wav" "$dir/in/f$i.wav"
      [[ $mode == align ]] && cp "$work/data/speed-tiny.txt" "$dir/in/f$i.txt"
    done
    for _ in 1 2 3; do
      taskset -c 0 /usr/bin/time -f '%U %S' -o "$dir/time" timeout "$speed_timeout" \
        "$facecast" animate "$dir/in" -o "$dir/out" -j 1 --mode "$mode" --format json 2>"$dir/err" || { echo -; return; }
      best=$(awk -v best="$best" '{ c = $1 + $2; print (best == "" || c < best) ? c : best }' "$dir/time")
    done
    echo "$best"
  }
  say ""
  say "Batch mode, one core: \`facecast animate DIR -o OUT -j 1\` over copies of speed-tiny (CPU s, best of 3)"
  say ""
  say "| mode | CPU s, batch of 1 | CPU s, batch of $batch_n | (b) each further file in batch, s (processing included) | (a) cold start-up per process, s |"
  say "| --- | --- | --- | --- | --- |"
  for m in "${modes[@]}"; do
    one=$(batch_cpu "$m" 1)
    many=$(batch_cpu "$m" "$batch_n")
    awk -v m="$m" -v one="$one" -v many="$many" -v n="$batch_n" 'BEGIN {
      if (one == "-" || many == "-") { printf "| %s | %s | %s | failed | |\n", m, one, many; exit }
      extra = (many - one) / (n - 1)
      printf "| %s | %.2f | %.2f | %.3f | %.2f |\n", m, one, many, extra, one - extra }' | tee -a "$results"
  done
  for f in speed-tiny speed-3s speed-5min; do
    say ""
    say "$f: $(awk '/duration=/{sub(/.*duration=/,""); print $0 " s of audio"}' "$work/data/$f.truth.tsv")"
  done
  # The 5-minute outputs are scored too: timestamps must stay right after many pauses.
  say ""
  "$tools/bench_evaluate" --header --markdown | tee -a "$results"
  for m in "${modes[@]}"; do
    printf '%s\t%s\t%s\n' "$work/speed/speed-5min.$m.json" "$work/data/speed-5min.truth.tsv" \
      "$([[ $m != phonetic ]] && echo "$work/data/speed-5min.txt")" >"$work/lists/speed-5min.$m"
    "$tools/bench_evaluate" --markdown --label "5-min flite slt $m" --list "$work/lists/speed-5min.$m" | tee -a "$results"
  done
fi

say ""
say "machine: load average before/after speed $load_before / $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(. /etc/os-release && echo "$PRETTY_NAME"); $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "bench: results in $results" >&2
