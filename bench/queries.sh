#!/usr/bin/env bash
# bench/queries.sh: latency of the read paths of issue 10 on an existing
# database (a bench/scale.sh file, or a postgres:// URL): it serves the
# database on loopback and runs 10 concurrent clients for DUR against each
# path in turn, printing p50/p95 per path.
#
# Usage: [CLIENTS=10] [READ_CACHE=N] [CONCURRENCY=N] bench/queries.sh DB [DUR]      (DUR default 10s)
# READ_CACHE is serve --read-cache: -1 turns the server's read cache off,
# so that every request is answered from the database (what a request
# costs when the ledger has just changed, or for a page nobody asked for
# since); the default keeps results under the database's read version.
# CONCURRENCY is serve --concurrency (0, the default: serve's own).
# The paths: the board, /api/claims plain and filtered (status, party,
# date range, text; a text query's counts stop at 1,000), search, and one claim page.
set -euo pipefail
cd "$(dirname "$0")/.."
db=$1; dur=${2:-10s}; clients=${CLIENTS:-10}; read_cache=${READ_CACHE:-0}; concurrency=${CONCURRENCY:-0}
work=$(mktemp -d)
trap 'kill "$spid" 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/crosscheck" ./cmd/crosscheck
go build -o "$work/load" ./bench/load
port=$((18900 + RANDOM % 400))
"$work/crosscheck" --db "$db" --log-level warn serve --read-cache="$read_cache" --concurrency="$concurrency" --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
spid=$!
for _ in $(seq 1 150); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
claim=$(curl -fsS "http://127.0.0.1:$port/api/claims?limit=1&status=disputed" | grep -oE '"id":"c[0-9a-f]+"' | head -1 | cut -d'"' -f4)
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $clients clients, $dur per path, read cache $read_cache, concurrency $concurrency"
for path in "/" "/api/claims" "/api/claims?status=disputed" "/api/claims?status=disputed&party=RU" \
	"/api/claims?party=UA&sort=latest" "/api/claims?since=2024-01-01&until=2024-03-31" \
	"/api/claims?since=2024-01-01&until=2024-03-31&sort=latest" "/api/claims?q=ukraine" \
	"/api/claims?q=ukraine&status=disputed&party=RU" "/api/claims?q=ukraine&status=unconfirmed" "/api/claims?q=ukraine&since=2024-01-01&until=2024-03-31" \
	"/api/search?q=missile" "/api/search?q=ukraine" "/claims/$claim"; do
	"$work/load" -url "http://127.0.0.1:$port" -c "$clients" -d "$dur" -paths "$path" | tail -n +2 || true
done
