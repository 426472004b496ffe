#!/usr/bin/env bash
# Load run for `crosscheck serve`: starts the demo (bundled examples in a
# fresh SQLite database) on a loopback port, then 50 clients request
# /api/claims and the claims board for 30 s. Prints requests/s, errors and
# p50/p90/p99 latency. Usage: bench/load.sh [clients] [duration]
# Env: DB=path|postgres://… serves that database instead of the demo;
# PATHS=comma-separated paths to request instead of the default four.
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${1:-50}; dur=${2:-30s}; port=${PORT:-18080}
bin=$(mktemp -d)/crosscheck
go build -o "$bin" ./cmd/crosscheck
go build -o "$bin-load" ./bench/load
if [ -n "${DB:-}" ]; then
  "$bin" --db "$DB" --log-level warn serve --addr "127.0.0.1:$port" >/tmp/crosscheck-load-demo.log 2>&1 &
else
  "$bin" demo --addr "127.0.0.1:$port" --log-level warn >/tmp/crosscheck-load-demo.log 2>&1 &
fi
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
"$bin-load" -url "http://127.0.0.1:$port" -c "$clients" -d "$dur" -paths "${PATHS:-/api/claims,/,/api/claims?status=disputed,/?status=disputed}"
