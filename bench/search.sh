#!/usr/bin/env bash
# bench/search.sh: the long searches of issue 13 against `crosscheck serve`.
#
# Serves a database (default: the ukraine-war corpus and the seed, ingested
# into a fresh SQLite file; or --db PATH|postgres://… already ingested) on a
# loopback port, then:
#   1. times one 400 × "the" and one 400-word search on each full-text route
#      (/api/search, /search, /api/claims, the board);
#   2. runs ten such searches at once, over and over for DURATION, while
#      /healthz is requested every 50 ms, and prints the searches' statuses
#      and worst latency and /healthz's p50/p99/max.
# Done when (issue 13): every search answers (200 or 503) within 2 s and
# /healthz stays under 100 ms. Usage: bench/search.sh [--db DB] [serve flags]
# Env: DURATION (default 20 s), PORT (default 18091).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dur=${DURATION:-20}
port=${PORT:-18091}
work=$(mktemp -d)
db=""
if [ "${1:-}" = --db ]; then db=$2; shift 2; fi
go build -o "$work/crosscheck" ./cmd/crosscheck
go build -o "$work/load" ./bench/load
bin="$work/crosscheck"
if [ -z "$db" ]; then
	db="$work/war.db"
	"$bin" --db "$db" --log-level error ingest --progress never "$root/../shared/corpora/ukraine-war/articles" "$root/../shared/fixtures/seed" >/dev/null
fi
"$bin" --db "$db" --log-level warn serve --addr "127.0.0.1:$port" "$@" >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -fsS "$base/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

the=$(python3 -c 'print("+".join(["the"] * 400))')
# 400 words of running text: the first article of the corpus, repeated as needed.
words=$(python3 -c 'import glob, re, sys
text = " ".join(open(p, errors="replace").read() for p in sorted(glob.glob(sys.argv[1] + "/*"))[:5])
print("+".join(re.findall(r"[A-Za-z]+", text)[:400]))' "$root/../shared/corpora/ukraine-war/articles")
echo "database: $db; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== one search each (status, seconds)"
for route in /api/search /search /api/claims /; do
	for q in the words; do
		[ $q = the ] && text=$the || text=$words
		printf '%-12s %-10s ' "$route" "400×$q"
		curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 60 "$base$route?q=$text"
	done
done

# healthz FILE: requests /healthz every 50 ms until $end into FILE.
healthz() {
	while [ $SECONDS -lt $end ]; do
		curl -s -o /dev/null -w '%{http_code} %{time_total}\n' --max-time 10 "$base/healthz" >>"$1"
		sleep 0.05
	done
}
summary() { # FILE LABEL
	sort -k2 -g "$1" | awk -v label="$2" '{t[NR] = $2; if ($1 != 200) bad++} END {printf "healthz %s: %d requests, %d not 200; p50 %.1f ms, p99 %.1f ms, max %.1f ms\n", label, NR, bad, t[int(NR*0.5)+1]*1000, t[int(NR*0.99)+1]*1000, t[NR]*1000}'
}
# On a shared machine /healthz is slow at times with no search at all: the
# same probe without searches first, as the baseline.
end=$((SECONDS + dur))
healthz "$work/idle"
echo "== ten searches at once for ${dur}s (bench/load, 10 clients), /healthz every 50 ms"
paths=""
for route in /api/search /search /api/claims /; do paths="$paths,$route?q=$the,$route?q=$words"; done
end=$((SECONDS + dur))
# bench/load counts any status but 200 as an error: here a 503 is an answer too.
"$work/load" -url "$base" -c 10 -d "${dur}s" -paths "${paths#,}" >"$work/search.txt" 2>&1 &
loader=$!
healthz "$work/healthz"
wait $loader || true
sed -E 's/\?q=the\+the\+[^ ]*/?q=(400 × the)/; s/\?q=[^ ]{40,}[^ ]*/?q=(400 words)/' "$work/search.txt"
summary "$work/idle" "without searches"
summary "$work/healthz" "during searches"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
