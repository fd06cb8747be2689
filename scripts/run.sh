#!/usr/bin/env bash
# Installs, builds (Release) and starts `craft serve` on 127.0.0.1:8080 with an embedded SQLite
# database and a blob folder under ./var (or the folder given). On the first start of an empty
# data folder it prints a one-time owner API key.
#   scripts/run.sh [DATA_DIR] [more craft serve flags...]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh -DCRAFT_BUILD_TESTS=OFF -DCRAFT_BUILD_BENCH=OFF
data="${1:-${CRAFT_DATA:-./var}}"
shift || true
exec ./build/src/craft serve --data "$data" --listen "${CRAFT_LISTEN:-127.0.0.1:8080}" "$@"
