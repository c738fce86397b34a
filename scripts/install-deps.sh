#!/usr/bin/env bash
# Installs the Debian packages Facecast needs, only those missing, then npm packages.
# Safe to run repeatedly: a machine that has everything does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  # build
  g++ cmake ninja-build pkg-config make
  # product libraries
  libpocketsphinx-dev libsphinxbase-dev pocketsphinx-en-us
  libsndfile1-dev libvorbis-dev libogg-dev libopus-dev libmpg123-dev libsoxr-dev libboost-dev libboost-program-options-dev
  nlohmann-json3-dev libfmt-dev
  # (the server's Boost.Beast/Asio are headers in libboost-dev; Boost.System is header-only in 1.74)
  # avatar generator (mesh simplification) and its screenshots (headless browser)
  libmeshoptimizer-dev chromium
  # tests and benchmarks (test speech, real recordings, fixture encoders)
  libgtest-dev pocketsphinx-testdata espeak-ng libespeak-ng-dev sox flite1-dev
  lame opus-tools mkvtoolnix  # MP3, Opus and WebM test fixtures (tests/fixtures/make-fixtures.sh)
  curl python3-requests  # server tests run the MVP's curl example and Python client
  # deployment tests (tests/deploy): a private nginx in front of three replicas, a
  # WebSocket client, and offline checks of the compose file and Kubernetes manifests
  nginx python3-websocket yamllint python3-yaml python3-kubernetes docker-compose
)
if [[ -n "${FACECAST_EXTRA_PACKAGES:-}" ]]; then packages+=(${FACECAST_EXTRA_PACKAGES}); fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Front-end and test tooling from the npm registry, only when package.json exists.
if [[ -f package.json ]]; then
  if ! command -v npm >/dev/null; then
    DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y -qq --no-install-recommends nodejs npm
  fi
  if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
