#!/usr/bin/env bash
# Three Facecast replicas and nginx on this host, without containers: the
# layout of deploy/nginx/upstream-local.conf (replicas on 127.0.0.1:8001-8003,
# nginx on 127.0.0.1:8080). Ctrl-C stops everything (the replicas drain).
# Usage: deploy/run-local.sh [BUILD_DIR]   (needs Debian's nginx; `make build` first)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
run=$PWD/$build/deploy-local
mkdir -p "$run/temp"
chmod 1777 "$run/temp"  # nginx workers (user nobody when started as root) write request bodies here

sed -e "s#listen 8080;#listen 127.0.0.1:8080;#" \
    -e "s#access_log /var/log/nginx/facecast.access.log#access_log $run/access.log#" \
    deploy/nginx/facecast.conf >"$run/facecast.conf"
cp deploy/nginx/upstream-local.conf "$run/"
cat >"$run/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $run/nginx.pid;
error_log $run/error.log;
events { worker_connections 1024; }
http {
    client_body_temp_path $run/temp/body;
    proxy_temp_path $run/temp/proxy;
    fastcgi_temp_path $run/temp/fastcgi;
    uwsgi_temp_path $run/temp/uwsgi;
    scgi_temp_path $run/temp/scgi;
    include $run/facecast.conf;
    include $run/upstream-local.conf;
}
CONF
nginx=$(command -v nginx || echo /usr/sbin/nginx)
"$nginx" -t -q -p "$run" -c "$run/nginx.conf" -e "$run/error.log"

pids=()
stop() {
  trap - INT TERM EXIT
  kill -TERM "${pids[@]}" 2>/dev/null || true  # replicas drain, nginx stops
  wait || true
  exit 0
}
trap stop INT TERM EXIT
for i in 1 2 3; do
  "$build/facecast" serve --host 127.0.0.1 --port 800$i --workers "${FACECAST_WORKERS:-1}" 2>"$run/replica-$i.log" &
  pids+=($!)
done
"$nginx" -p "$run" -c "$run/nginx.conf" -e "$run/error.log" &
pids+=($!)
echo "facecast: 3 replicas (logs $run/replica-N.log) behind nginx at http://127.0.0.1:8080/ (access log $run/access.log)"
echo "          try: curl -F file=@SPEECH.wav http://127.0.0.1:8080/process-audio   (e.g. $build/sample/hello.wav from make run)"
wait
