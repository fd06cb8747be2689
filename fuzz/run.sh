#!/usr/bin/env bash
# Builds one fuzz target in build-fuzz (clang, ASan + UBSan, libFuzzer) and runs it for SECONDS
# under `nice -n 19`, on its seeds (fuzz/seed.sh) plus the corpus of earlier runs, with its
# dictionary when fuzz/<format>.dict exists. Prints libFuzzer's final stats; the full log, the
# growing corpus and any crash/leak/timeout artifacts are in $CRAFT_FUZZ_WORK/<target>/
# (default /tmp/craft-fuzz). Extra arguments go to libFuzzer (e.g. -jobs=1 -seed=1).
#
#   fuzz/run.sh fuzz_cyclonedx_json 600
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: fuzz/run.sh TARGET SECONDS [libFuzzer flags...]" >&2
  exit 2
fi
target=$1 seconds=$2
shift 2

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
build=${CRAFT_FUZZ_BUILD:-$root/build-fuzz}
work=${CRAFT_FUZZ_WORK:-/tmp/craft-fuzz}/$target

if [[ ! -f $build/build.ninja ]]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_C_COMPILER=clang-14 -DCRAFT_BUILD_FUZZ=ON \
    -DCRAFT_BUILD_TESTS=OFF -DCRAFT_BUILD_BENCH=OFF
fi
nice -n 19 ninja -C "$build" -j2 "$target"

[[ -d $work/seeds ]] || "$here/seed.sh" "$target"
mkdir -p "$work/corpus" "$work/artifacts"

# The dictionary is named after the format: fuzz_cyclonedx_json -> fuzz/cyclonedx_json.dict.
flags=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
       -artifact_prefix="$work/artifacts/")
dict=$here/${target#fuzz_}.dict
[[ -f $dict ]] && flags+=(-dict="$dict")

log=$work/run-$(date -u +%Y%m%dT%H%M%SZ).log
echo "fuzz/run.sh: $target for ${seconds}s, log $log" >&2
status=0
nice -n 19 "$build/fuzz/$target" "${flags[@]}" "$@" "$work/corpus" "$work/seeds" >"$log" 2>&1 ||
  status=$?

# The last status line ("#N DONE cov: ... exec/s: ..."), the run summary and any finding.
grep -aE '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -n 1 || true
grep -aE '^(Done [0-9]+ runs|stat::|==[0-9]+==ERROR|SUMMARY:|artifact_prefix|Test unit written)' \
  "$log" || true
echo "corpus: $(find "$work/corpus" -type f | wc -l) files in $work/corpus"
exit $status
