# Two commands on a fresh Debian 12 machine: `make run` and `make test`.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: all deps build run test bench clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release

# The product: the facecast binary and the generated avatars the web app shows.
# Tests and benchmark tools are built by `make test` and `make bench`.
build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS) --target facecast avatar_files

# Starts the server with the web app on HOST:PORT (default 127.0.0.1:8000).
run: build
	@BUILD_DIR=$(BUILD_DIR) HOST=$(HOST) PORT=$(PORT) scripts/run.sh

test: build
	cmake --build $(BUILD_DIR) -j $(JOBS)
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	bench/run.sh

clean:
	rm -rf $(BUILD_DIR)
