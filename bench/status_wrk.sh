#!/usr/bin/env bash
# GET /api/v1/versions/{id}/status with a valid key under wrk (issue 2 target: >= 15,000 req/s,
# p99 < 20 ms on 2 cores). Usage: bench/status_wrk.sh [connections] [seconds]
source "$(dirname "$0")/lib.sh"
conns="${1:-64}"
secs="${2:-15}"
start_craft
trap stop_craft EXIT
url="http://127.0.0.1:$PORT/api/v1/versions/$VERSION_ID/status"
curl -sf -H "Authorization: Bearer $KEY" "$url" | head -c 200; echo
wrk -t2 -c"$conns" -d"${secs}s" --latency -H "Authorization: Bearer $KEY" "$url"
