#!/usr/bin/env bash
# Installs every build, run and test dependency of craft from Debian 12 packages.
# Idempotent: apt-get skips what is already installed. Run as root (or with sudo).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang clang-format git ca-certificates
  # HTTP server, crypto, storage
  libboost-dev libssl-dev libsodium-dev libsqlite3-dev sqlite3 libzstd-dev zlib1g-dev
  # JSON, XML, schema validation, regular expressions
  libsimdjson-dev nlohmann-json3-dev libvalijson-dev libpugixml-dev libxml2-dev libxml2-utils libre2-dev
  # export: ZIP, PDF
  libarchive-dev libcairo2-dev libpango1.0-dev fonts-dejavu-core
  # CLI, logging, templates
  libcli11-dev libspdlog-dev libfmt-dev libkainjow-mustache-dev
  # tests, benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev libcpp-httplib-dev libcurl4-openssl-dev
  wrk poppler-utils zip unzip curl procps python3 bc
  # bench/vuln/compare_versions.sh: the reference orderings (dpkg via apt_pkg, PEP 440)
  python3-apt python3-packaging
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

# npm fetches the build-time data (SPDX lists, CycloneDX schemas): use the machine's node when
# present, Debian's otherwise.
if ! command -v npm >/dev/null 2>&1; then
  $SUDO apt-get install -y --no-install-recommends nodejs npm
fi
