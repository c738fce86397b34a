#!/usr/bin/env bash
# The main job of `make run`: start the Facecast server with the web app.
# A sample sentence is spoken by espeak-ng into the build directory first, so
# the web app's sample picker has something to play (test speech only;
# espeak-ng is never linked into Facecast) and no audio is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
facecast=$build/facecast
sample=$build/sample
host=${HOST:-127.0.0.1}
port=${PORT:-8000}
text="Hello! Facecast turns speech into a talking face, one frame at a time."

mkdir -p "$sample"
if [[ ! -s $sample/hello.wav ]]; then
  espeak-ng -v en-us -s 150 -w "$sample/hello.wav" "$text"
  printf '%s\n' "$text" >"$sample/hello.txt"
fi

echo "== facecast $("$facecast" --version | cut -d' ' -f2)"
echo "   web app:  http://$host:$port/        API docs: http://$host:$port/docs"
echo "   try:      curl -F file=@$sample/hello.wav http://$host:$port/process-audio"
echo "   offline:  $facecast animate $sample/hello.wav --transcript-file $sample/hello.txt -o hello.json"
echo "   stop with Ctrl-C"
exec "$facecast" serve --host "$host" --port "$port"
