#!/usr/bin/env bash
# The main job of `make run` until the server exists: animate a bundled sample
# sentence with the CLI and print a short summary. The sample is spoken by
# espeak-ng into the build directory on first run (test speech only; espeak-ng
# is never linked into Facecast), so no audio is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
facecast=$build/facecast
sample=$build/sample
text="Hello! Facecast turns speech into a talking face, one frame at a time."

mkdir -p "$sample"
if [[ ! -s $sample/hello.wav ]]; then
  espeak-ng -v en-us -s 150 -w "$sample/hello.wav" "$text"
  printf '%s\n' "$text" >"$sample/hello.txt"
fi

echo "== facecast $("$facecast" --version | cut -d' ' -f2): animating $sample/hello.wav"
echo "   transcript: $(cat "$sample/hello.txt")"
for mode in align recognize phonetic; do
  "$facecast" animate "$sample/hello.wav" --transcript-file "$sample/hello.txt" --mode "$mode" \
    -o "$sample/hello.$mode.json" -v 2>&1
done
"$facecast" animate "$sample/hello.wav" --transcript-file "$sample/hello.txt" -o "$sample/hello.csv"
echo "== outputs (JSON per mode, Live Link Face CSV for Unreal):"
ls -l "$sample"/hello.*.json "$sample/hello.csv" | awk '{print "   " $NF " (" $5 " bytes)"}'
echo "== try: $facecast animate YOUR.wav [--transcript TEXT] -o out.json   (see $facecast --help)"
