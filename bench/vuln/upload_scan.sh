#!/usr/bin/env bash
# SBOM uploads through a running server against a large advisory database: the first upload's scan
# reads its candidates from the store, the next ones (new versions with the same components, as a
# product's releases share most of theirs) find them in the server's cache (store/scan_cache.h).
#
#   CRAFT_BENCH_DB=/path/to/craft.db bench/vuln/upload_scan.sh SBOM [UPLOADS]
#
# CRAFT_BENCH_DB: a database after `craft vuln import osv ...` (it is copied, not changed). Prints
# each upload's wall time (parse, validation, storing the components, the scan, storing the
# findings) and the server's peak RSS.
source "$(dirname "$0")/../lib.sh"
sbom=$1
uploads=${2:-3}
[ -n "${CRAFT_BENCH_DB:-}" ] || { echo "set CRAFT_BENCH_DB" >&2; exit 2; }
start_craft
trap stop_craft EXIT
base="http://127.0.0.1:$PORT/api/v1"
product="$(curl -sf -H "Authorization: Bearer $KEY" "$base/versions/$VERSION_ID" |
  python3 -c 'import json,sys;print(json.load(sys.stdin)["product_id"])')"
for n in $(seq "$uploads"); do
  version="$VERSION_ID"
  if [ "$n" -gt 1 ]; then
    version="$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
      -d "{\"version\":\"1.0.$n\",\"release_date\":\"2027-01-01\"}" \
      "$base/products/$product/versions" | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')"
  fi
  t0=$(date +%s.%N)
  findings=$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    --data-binary "@$sbom" "$base/versions/$version/sboms" |
    python3 -c 'import json,sys;print(json.load(sys.stdin)["findings"]["appeared"])')
  t1=$(date +%s.%N)
  printf 'upload %d: %.2f s, %s findings appeared\n' "$n" "$(echo "$t1 - $t0" | bc -l)" "$findings"
done
echo "server peak RSS: $(awk '/VmHWM/ {print $2}' "/proc/$CRAFT_PID/status") KB"
