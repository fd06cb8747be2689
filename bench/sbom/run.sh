#!/usr/bin/env bash
# `craft sbom check` (parse + schema validation + summary + score) side by side with
# `jq '.components | length'` and the reference JavaScript validator (npm
# @cyclonedx/cyclonedx-library's JsonStrictValidator on ajv) on the same generated CycloneDX files.
#
#   bench/sbom/run.sh [CRAFT_BINARY] [RUNS]      (defaults: build/src/craft, 5)
#   CRAFT_BEFORE=/path/to/older/craft bench/sbom/run.sh ...   adds that binary's column, run in turn
#                                                             with the others on the same files
#
# Prints the best wall time and its peak RSS per tool and file, and the ratios. The JavaScript
# validator runs when bench/sbom/js/node_modules exists (cd bench/sbom/js && npm install); it is
# quadratic in the number of components (uniqueItems compared pairwise), so on the 100,000-component
# file it runs only with JS_LARGE=1.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
craft=${1:-build/src/craft}
runs=${2:-5}
data=${CRAFT_BENCH_DIR:-/tmp/craft-sbom-bench}
mkdir -p "$data"
[ -s "$data/bom-15mb.json" ] ||
  python3 "$here/generate_cyclonedx.py" --components 2000 --properties 50 >"$data/bom-15mb.json"
[ -s "$data/bom-100k.json" ] ||
  python3 "$here/generate_cyclonedx.py" --components 100000 --properties 1 >"$data/bom-100k.json"

# best_of RUNS COMMAND...: the fastest run's "seconds max-rss-kB".
best_of() {
  local n=$1 best="" line
  shift
  for _ in $(seq "$n"); do
    line=$(/usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1)
    if [ -z "$best" ] || awk -v a="${line% *}" -v b="${best% *}" 'BEGIN{exit !(a<b)}'; then
      best=$line
    fi
  done
  echo "$best"
}

before=${CRAFT_BEFORE:-}
printf '%-16s %8s  %-22s %-22s %-22s %-22s %s\n' file MB "craft sbom check" "craft before" "jq length" \
  "JS validator" "ratios"
for name in bom-15mb bom-100k; do
  file=$data/$name.json
  mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN{printf "%.0f", b/1e6}')
  c=$(best_of "$runs" "$craft" sbom check "$file" --format json)
  b="-"
  [ -n "$before" ] && b=$(best_of "$runs" "$before" sbom check "$file" --format json)
  j=$(best_of "$runs" jq '.components | length' "$file")
  js="-"
  if [ -d "$here/js/node_modules" ] && { [ "$name" = bom-15mb ] || [ "${JS_LARGE:-0}" = 1 ]; }; then
    js="$(node "$here/js/validate.mjs" "$file" 1.6 | awk '{printf "%.2f", $2/1000}') (validate only)"
  fi
  ratio_jq=$(awk -v c="${c% *}" -v j="${j% *}" 'BEGIN{printf "jq/craft %.1fx", j/c}')
  if [ "$b" != "-" ]; then
    ratio_jq="$ratio_jq, jq/before $(awk -v c="${b% *}" -v j="${j% *}" 'BEGIN{printf "%.1fx", j/c}')"
    b="${b% *} s, ${b#* } kB"
  fi
  ratio_js=""
  if [ "$js" != "-" ]; then
    ratio_js=$(awk -v c="${c% *}" -v s="${js%% *}" 'BEGIN{printf ", JS/craft %.0fx", s/c}')
  fi
  printf '%-16s %8s  %-22s %-22s %-22s %-22s %s\n' "$name" "$mb" "${c% *} s, ${c#* } kB" "$b" \
    "${j% *} s, ${j#* } kB" "$js" "$ratio_jq$ratio_js"
done
