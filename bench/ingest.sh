#!/usr/bin/env bash
# bench/ingest.sh: ingest throughput and memory on a fixed corpus.
#
# Builds crosscheck, ingests the ukraine-war corpus (439 articles, read from
# ../shared at run time, never copied) plus the seed article into a fresh
# SQLite database, and prints articles/s and peak RSS; then re-ingests (all
# skipped) and times `crosscheck claims --q kursk` on the resulting store.
#
# Usage: bench/ingest.sh [--db postgres://…] [extra ingest flags]
# Env:   CORPUS (default ../shared/corpora/ukraine-war/articles), RUNS (claims query repeats, default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
corpus=${CORPUS:-$root/../shared/corpora/ukraine-war/articles}
seed=$root/../shared/fixtures/seed/article.txt
runs=${RUNS:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

db="$work/bench.db"
if [ "${1:-}" = --db ]; then db=$2; shift 2; fi

go build -o "$work/crosscheck" ./cmd/crosscheck
bin="$work/crosscheck"
n=$(find "$corpus" -type f | wc -l)
echo "corpus: $corpus ($n files) + seed; db: $db; $(nproc) cores"

# /usr/bin/time -v reports peak RSS (Maximum resident set size, KiB).
timed() {
	/usr/bin/time -v "$@" 2>"$work/time.txt" >"$work/out.txt" || { cat "$work/time.txt" "$work/out.txt" >&2; exit 1; }
	rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/time.txt")
}

timed "$bin" --db "$db" --log-level warn ingest --progress never "$@" "$corpus" "$seed"
cat "$work/out.txt"
new=$(grep -oE 'articles: [0-9]+ new' "$work/out.txt" | grep -oE '[0-9]+')
# Go prints durations as "904ms" or "1.22s": convert to seconds.
phase=$(grep -oE 'items in [0-9.]+m?s' "$work/out.txt" | head -1 | awk '{ d = $3; if (d ~ /ms$/) { sub(/ms$/, "", d); print d / 1000 } else { sub(/s$/, "", d); print d } }' || true)
rebuild=$(grep -oE 'rebuilt in [0-9.]+m?s' "$work/out.txt" | head -1 | sed 's/rebuilt in //' || true)
echo "first ingest: wall $wall, peak RSS $((rss / 1024)) MiB"
awk -v n="$new" -v w="$wall" 'BEGIN { split(w, p, ":"); s = (length(p) == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2];
	printf "BENCH ingest end to end: %d new articles, %.2f s wall (start-up + analysis + store + claims rebuild), %.1f articles/s\n", n, s, n / s }'
awk -v n="$new" -v p="${phase:-0}" -v r="$rebuild" 'BEGIN { if (p > 0) printf "BENCH ingest phase (read, analyze, store): %.2f s, %.1f articles/s; claims rebuild %s\n", p, n / p, r }'

timed "$bin" --db "$db" --log-level warn ingest --progress never "$@" "$corpus" "$seed"
grep -E 'articles:|claims:' "$work/out.txt"
echo "BENCH re-ingest (nothing new): wall $wall, peak RSS $((rss / 1024)) MiB"

# claims --q kursk latency: the whole process (open, migrate check, query,
# print) and, separately, the best of $runs.
best=999999; total=0
for _ in $(seq "$runs"); do
	t0=$(date +%s%N)
	"$bin" --db "$db" claims --q kursk --limit 20 >/dev/null
	t1=$(date +%s%N)
	ms=$(( (t1 - t0) / 1000000 ))
	total=$((total + ms)); [ "$ms" -lt "$best" ] && best=$ms
done
hits=$("$bin" --db "$db" claims --q kursk --limit 1 | tail -1)
echo "BENCH claims --q kursk: best ${best} ms, mean $((total / runs)) ms over $runs runs (whole process, incl. start-up); $hits"
t0=$(date +%s%N); "$bin" --help >/dev/null 2>&1 || true; t1=$(date +%s%N)
echo "BENCH process start-up alone (crosscheck --help): $(( (t1 - t0) / 1000000 )) ms"

# The query itself, in-process (store.Claims with FTS5), on the same file.
if [ "${db#postgres}" = "$db" ]; then
	CROSSCHECK_BENCH_DB=$db go test -run '^$' -bench ClaimsQuery -benchtime 200x ./internal/store/sqlite/ | grep Benchmark
fi
