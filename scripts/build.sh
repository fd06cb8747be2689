#!/usr/bin/env bash
# Installs the dependencies and builds craft (Release) into ./build. Idempotent.
#   scripts/build.sh [extra cmake flags...]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
if [ -x scripts/fetch-npm-data.sh ]; then ./scripts/fetch-npm-data.sh >/dev/null; fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build build -j"$(nproc)"
