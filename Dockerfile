# Facecast server image: `facecast serve` as a non-root user, configured by
# FACECAST_* environment variables, logs on stdout/stderr, graceful on SIGTERM.
#   docker build -t facecast .
#   docker run --rm -p 8000:8000 facecast
# See docs/deploy.md (compose, nginx, Kubernetes, measured capacity).

# ---- build: compiler, -dev packages and npm on Debian 12 ----
FROM debian:12 AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      g++ cmake ninja-build pkg-config make \
      libpocketsphinx-dev libsphinxbase-dev pocketsphinx-en-us \
      libsndfile1-dev libsoxr-dev libboost-dev libboost-program-options-dev \
      nlohmann-json3-dev libfmt-dev libmeshoptimizer-dev libgtest-dev \
      nodejs npm ca-certificates espeak-ng \
 && rm -rf /var/lib/apt/lists/*
# The source lives at the path the binary is built for: the web app and the
# API docs are found under it at run time (web_root, swagger-ui-dist).
WORKDIR /opt/facecast
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
COPY . .
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
 && cmake --build build --target facecast avatar_files \
 && build/facecast --version
# The web app's sample sentence (espeak-ng makes the test speech here only; it
# is not part of the runtime image). Then stage exactly what the runtime needs,
# with the web app's links into build/ and node_modules/ resolved.
RUN mkdir -p build/sample \
 && espeak-ng -v en-us -s 150 -w build/sample/hello.wav \
      "Hello! Facecast turns speech into a talking face, one frame at a time." \
 && echo "Hello! Facecast turns speech into a talking face, one frame at a time." > build/sample/hello.txt \
 && mkdir -p /stage/opt/facecast/node_modules /stage/usr/local/bin \
 && cp -rL web /stage/opt/facecast/web \
 && cp -r node_modules/swagger-ui-dist /stage/opt/facecast/node_modules/ \
 && cp build/facecast /stage/usr/local/bin/facecast

# ---- runtime: shared libraries and the speech model only ----
FROM debian:12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libpocketsphinx3 libsphinxbase3 pocketsphinx-en-us \
      libsndfile1 libsoxr0 libfmt9 libmeshoptimizer2d \
      curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin facecast
COPY --from=build /stage/ /

# Every setting can be given as FACECAST_<KEY> (facecast serve --help lists them).
# Listen on all interfaces inside the container; one worker per core by default.
ENV FACECAST_HOST=0.0.0.0 \
    FACECAST_PORT=8000 \
    FACECAST_WORKERS=0 \
    FACECAST_QUEUE=32 \
    FACECAST_MAX_UPLOAD_MB=50 \
    FACECAST_REQUEST_TIMEOUT=30 \
    FACECAST_SHUTDOWN_GRACE=20
USER 10001:10001
EXPOSE 8000
# /health is 200 only when the model is loaded and the replica takes work
# (503 loading / busy / draining). Loading takes a few seconds per worker.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${FACECAST_PORT}/health" || exit 1
# SIGTERM: stop accepting, finish requests in flight, end streams after
# FACECAST_SHUTDOWN_GRACE seconds, exit 0. Give the container longer than that
# to stop (docker stop -t 30; Kubernetes terminationGracePeriodSeconds).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/facecast"]
CMD ["serve"]
