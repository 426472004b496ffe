#!/usr/bin/env bash
# bench/analyze-abuse.sh: POST /api/analyze as issue 13 attacked it.
#
# Serves a database (default: an empty SQLite file; --db to choose) with a
# token on a loopback port, then sends
#   1. an analysis without the token (want 401);
#   2. four 9.5 MB bodies at once, with the token (want 413 at once);
#   3. four 2 MiB articles at once, with the token (the most the server
#      takes): one is analysed, the others wait their turn or get 503 with
#      Retry-After; none runs past the 30 s deadline;
# and prints each answer's status and time, the server's peak RSS before and
# after, and its log lines for the requests. The text is the ukraine-war
# corpus, read from ../shared and repeated. Usage: bench/analyze-abuse.sh [--db DB]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
port=${PORT:-18093}
work=$(mktemp -d)
db="$work/empty.db"
if [ "${1:-}" = --db ]; then db=$2; shift 2; fi
go build -o "$work/crosscheck" ./cmd/crosscheck
token=bench-token
"$work/crosscheck" --db "$db" serve --addr "127.0.0.1:$port" --token "$token" "$@" >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

python3 - "$root/../shared/corpora/ukraine-war/articles" "$work" <<'EOF'
import glob, json, sys
text = " ".join(open(p, errors="replace").read() for p in sorted(glob.glob(sys.argv[1] + "/*")))
for name, size in (("9.5m", 9_500_000), ("2m", 2 * 1024 * 1024 - 4096)):
    raw = (text * (size // len(text) + 1)).encode()[:size]
    body = raw.decode(errors="ignore")  # at most size bytes of UTF-8
    with open(f"{sys.argv[2]}/{name}.json", "w") as f:
        json.dump({"text": body, "published": "2025-01-01"}, f)
EOF
hwm() { awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$pid/status"; }
rss() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$pid/status"; }
post() { # body-file auth
	curl -s -o /dev/null -w '%{http_code} %{time_total}s retry-after=%header{retry-after}\n' --max-time 120 \
		-H "Content-Type: application/json" ${2:+-H "Authorization: $2"} --data-binary "@$1" "$base/api/analyze"
}
echo "server RSS $(rss), peak $(hwm); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '1. no token, 2 MiB:           '; post "$work/2m.json" ""
echo "2. four 9.5 MB bodies at once:"
pids=(); for _ in 1 2 3 4; do post "$work/9.5m.json" "Bearer $token" & pids+=($!); done; wait "${pids[@]}"
echo "   server RSS $(rss), peak $(hwm)"
echo "3. four 2 MiB articles at once:"
pids=(); for _ in 1 2 3 4; do post "$work/2m.json" "bearer $token" & pids+=($!); done; wait "${pids[@]}"
echo "   server RSS $(rss), peak $(hwm)"
echo "server log (POST /api/analyze):"
grep 'path=/api/analyze' "$work/serve.log" | sed -E 's/^time=[^ ]+ //; s/ remote=[^ ]+//' | sed 's/^/   /'
