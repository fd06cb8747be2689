# Shared by the bench scripts: start a craft server on a fresh data folder and create a version.
# Sets CRAFT_PID, PORT, KEY, VERSION_ID, DATA. With CRAFT_BENCH_DB set, the data folder starts with
# a copy of that database (an advisory database after `craft vuln import`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CRAFT="${CRAFT:-$ROOT/build/src/craft}"

start_craft() {
  DATA="$(mktemp -d /tmp/craft-bench-XXXXXX)"
  local log="$DATA/serve.log"
  if [ -n "${CRAFT_BENCH_DB:-}" ]; then
    mkdir -p "$DATA/var"
    cp "$CRAFT_BENCH_DB" "$DATA/var/craft.db"
  fi
  "$CRAFT" serve --data "$DATA/var" --listen 127.0.0.1:0 "$@" >"$log" 2>&1 &
  CRAFT_PID=$!
  for _ in $(seq 100); do
    grep -q "serving on" "$log" 2>/dev/null && break
    sleep 0.1
  done
  PORT="$(grep -o 'serving on http://127.0.0.1:[0-9]*' "$log" | grep -o '[0-9]*$')"
  KEY="$(grep -o 'CRAFT_API_KEY=craft_[A-Za-z0-9]*' "$log" | cut -d= -f2)"
  local base="http://127.0.0.1:$PORT/api/v1"
  local product
  product="$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d '{"name":"Bench"}' "$base/products" | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')"
  VERSION_ID="$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -d '{"version":"1.0.0","release_date":"2027-01-01"}' "$base/products/$product/versions" |
    python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')"
  for type in risk_assessment user_manual; do
    echo "bench $type" >"$DATA/$type.pdf"
    curl -sf -H "Authorization: Bearer $KEY" -F "type=$type" -F "file=@$DATA/$type.pdf" \
      "$base/versions/$VERSION_ID/documents" >/dev/null
  done
}

stop_craft() {
  kill "$CRAFT_PID" 2>/dev/null || true
  wait "$CRAFT_PID" 2>/dev/null || true
  rm -rf "$DATA"
}
