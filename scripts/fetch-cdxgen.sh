#!/usr/bin/env bash
# Installs cdxgen (npm @cyclonedx/cdxgen, pinned by tests/integration/cdxgen/package-lock.json),
# the real Dependency-Track client that the integration test CdxgenUpload.* drives against
# `craft serve`. Test-only. Idempotent: does nothing when the pinned version is installed.
# Needs node >= 20 (cdxgen's engines) and npm.
set -euo pipefail
cd "$(dirname "$0")/../tests/integration/cdxgen"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "fetch-cdxgen: node and npm are needed (cdxgen requires node >= 20)" >&2
  exit 1
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
  echo "fetch-cdxgen: node $(node --version) is too old; cdxgen needs node >= 20" \
    "(e.g. the NodeSource nodejs 20 package)" >&2
  exit 1
fi
wanted="$(node -p 'require("./package-lock.json").packages["node_modules/@cyclonedx/cdxgen"].version')"
installed=""
if [ -f node_modules/@cyclonedx/cdxgen/package.json ]; then
  installed="$(node -p 'require("./node_modules/@cyclonedx/cdxgen/package.json").version')"
fi
if [ "$installed" != "$wanted" ] || [ ! -f node_modules/@cyclonedx/cdxgen/bin/cdxgen.js ]; then
  # Not `npm ci`: the lock lacks cdxgen's optional per-platform helpers for other platforms
  # (@cdxgen/safer-exec-darwin-*), which npm ci counts as out of sync. `npm install --no-save`
  # still installs the locked versions and leaves the lock file untouched.
  npm install --omit=optional --no-save --no-fund --no-audit
fi
echo "fetch-cdxgen: cdxgen $wanted in $(pwd)/node_modules/@cyclonedx/cdxgen"
