#!/usr/bin/env bash
# Installs, builds (Release, warnings as errors) and runs every test: formatting, unit tests,
# integration tests against a real `craft serve`, and the crash test. This is what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
if [ -x scripts/fetch-npm-data.sh ]; then ./scripts/fetch-npm-data.sh >/dev/null; fi
./scripts/fetch-cdxgen.sh >/dev/null

echo "== clang-format check"
mapfile -t sources < <(git ls-files '*.h' '*.cpp' | grep -E '^(src|tests|bench|fuzz)/')
clang-format --dry-run --Werror "${sources[@]}"

echo "== build"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCRAFT_WERROR=ON -DCRAFT_BUILD_TESTS=ON \
  -DCRAFT_BUILD_BENCH=ON >/dev/null
cmake --build build -j"$(nproc)"

echo "== tests"
ctest --test-dir build --output-on-failure -j"$(nproc)" --timeout 600
