#!/usr/bin/env bash
# The comparator benchmark of issue 4: the same 100,000 version pairs per scheme through craft and
# through the ecosystem's own tool, side by side; agreement (must be 100%) and the speed ratio.
#
#   bench/vuln/compare_versions.sh [BUILD_DIR (default build)] [PAIRS (default 100000)]
#
# Debian: craft's kDebian comparator against apt_pkg.version_compare (python3-apt) on every pair,
# and against `dpkg --compare-versions` (one process per call) on a 2,000-pair sample.
# PyPI: craft's kPyPI comparator against packaging.version.Version (python3-packaging) on every
# pair; pairs with a version `packaging` refuses are counted apart.
# Pairs come from generate_version_pairs.py (seeded: the same pairs on every run). Needs Debian's
# python3 with python3-apt and python3-packaging (installed here when missing and run as root).
# Exits 1 on any disagreement.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
BUILD="${1:-$ROOT/build}"
PAIRS="${2:-100000}"
PY="${PYTHON:-/usr/bin/python3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

if ! "$PY" -c 'import apt_pkg, packaging.version' 2>/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      python3-apt python3-packaging >/dev/null
  else
    echo "compare_versions.sh: needs python3-apt and python3-packaging for $PY" >&2
    exit 2
  fi
fi
[ -x "$BUILD/bench/vuln/bench_compare" ] || ninja -C "$BUILD" bench_compare >/dev/null

echo "date: $(date -u +%Y-%m-%dT%H:%MZ)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "dpkg $(dpkg-query -W -f='${Version}' dpkg), python3-apt $("$PY" -c 'import apt_pkg; print(apt_pkg.VERSION)')," \
  "packaging $("$PY" -c 'import packaging; print(packaging.__version__)')"
status=0
for scheme in debian pypi; do
  "$PY" "$ROOT/bench/vuln/generate_version_pairs.py" "$scheme" "$WORK/$scheme.tsv" \
    --pairs "$PAIRS" >/dev/null
  craft="$("$BUILD/bench/vuln/bench_compare" "$scheme" "$WORK/$scheme.tsv" "$WORK/$scheme.out")"
  craft_ms="$(sed -n 's/.*best_ms=\([0-9.]*\).*/\1/p' <<<"$craft")"
  echo "== $scheme: craft $craft"
  "$PY" "$ROOT/bench/vuln/reference_compare.py" "$scheme" "$WORK/$scheme.tsv" "$WORK/$scheme.out" \
    --craft-ms "$craft_ms" || status=1
done
exit $status
