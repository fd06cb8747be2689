#!/usr/bin/env bash
# Upload of a 200 MB document: server RSS growth (target < 50 MB) and throughput against `cp` of
# the same file on the same disk (target: at least half). Usage: bench/upload_200mb.sh
source "$(dirname "$0")/lib.sh"
start_craft
trap 'stop_craft; rm -f "$FILE" "$FILE.copy"' EXIT
FILE="$(dirname "$DATA")/craft-bench-200mb.bin"
head -c $((200 * 1024 * 1024)) /dev/urandom >"$FILE"
sync
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$CRAFT_PID/status"; }
hwm_kb() { awk '/VmHWM/ {print $2}' "/proc/$CRAFT_PID/status"; }
before="$(rss_kb)"

t0=$(date +%s.%N)
cp "$FILE" "$FILE.copy" && sync "$FILE.copy"
t1=$(date +%s.%N)
cp_s=$(echo "$t1 - $t0" | bc -l)

t0=$(date +%s.%N)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $KEY" \
  -F "type=test_report" -F "file=@$FILE;type=application/octet-stream" \
  "http://127.0.0.1:$PORT/api/v1/versions/$VERSION_ID/documents")
t1=$(date +%s.%N)
up_s=$(echo "$t1 - $t0" | bc -l)
peak="$(hwm_kb)"
echo "upload HTTP $code"
printf 'cp (with fsync):    %.3f s  %.0f MB/s\n' "$cp_s" "$(echo "200 / $cp_s" | bc -l)"
printf 'craft upload:       %.3f s  %.0f MB/s\n' "$up_s" "$(echo "200 / $up_s" | bc -l)"
printf 'throughput ratio (craft / cp): %.2f\n' "$(echo "$cp_s / $up_s" | bc -l)"
printf 'server RSS before %d KB, peak %d KB, growth %.1f MB\n' "$before" "$peak" \
  "$(echo "($peak - $before) / 1024" | bc -l)"
