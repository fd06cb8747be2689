#!/usr/bin/env bash
# Installs the data craft reads at build time from the npm registry, pinned by
# third_party/npm/package-lock.json: the SPDX licence and exception lists (spdx-license-ids,
# spdx-exceptions) and the CycloneDX JSON schemas and XSDs (@cyclonedx/cyclonedx-library).
# Run once after a checkout, before configuring with CMake. Needs node and npm.
set -euo pipefail
cd "$(dirname "$0")/../third_party/npm"
if ! command -v npm >/dev/null; then
  echo "fetch-npm-data: npm is not installed (Debian: apt-get install nodejs npm)" >&2
  exit 1
fi
# .npmrc beside package.json: no install scripts, no peer dependencies.
npm ci --no-fund --no-audit
echo "fetch-npm-data: installed into $(pwd)/node_modules"
