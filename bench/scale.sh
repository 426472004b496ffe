#!/usr/bin/env bash
# bench/scale.sh: the scale table of issue 10 on synthetic corpora built from
# the repository's real articles (bench/synth: recombined paragraphs, ~10 %
# re-publications, two years of dates; the real articles are read from
# ../shared at run time, the corpora are written under $CACHE, never into
# the repository).
#
# For every size and database it ingests the corpus into a fresh database
# and prints one row: articles, ingest articles/s (the read-analyze-store
# phase), the claims rebuild time, peak RSS of the whole ingest, and the
# database size with bytes per article. Options add rows or tables:
#   --increment K   then ingest K more articles into it (+K row), and the
#                   same K into an empty database (K into 0 row): the cost
#                   of new articles on a large database against an empty
#                   one (wall time of the ingest, and its ledger update).
#                   Twice: K articles of the corpus (dates anywhere in its
#                   two years: each meets the stored articles of its own
#                   window), then K recent ones (the four days after the
#                   corpus, as the next news would be), the recent ones
#                   also into a database of the corpus's last month only
#                   (their window as full, without the history)
#   --scaling       ingest with 1 and with 2 workers (no ledger) on fresh
#                   databases and print the speed-up and CPU per article;
#                   then the same with the process held to 1 and 2 cores
#                   (GOMAXPROCS)
#   --load DUR      serve the database and run 10 clients for DUR against
#                   each of the board, /api/claims (plain, filtered, searched),
#                   search and a claim page in turn; prints p50/p95 per path
#
# Usage: bench/scale.sh [--sizes 10000,50000,200000] [--db sqlite,postgres]
#                       [--workers N] [--increment K] [--scaling] [--load 20s]
# Env:   CACHE (corpora and databases, default /tmp/crosscheck-scale),
#        PG_URL (a PostgreSQL database to create schemas in; default: the
#        cluster of scripts/ci-postgres.sh, started if needed)
# The 200k and 1M runs take long: run them on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
sizes=10000; dbs=sqlite; workers=0; increment=0; scaling=0; load=""
while [ $# -gt 0 ]; do
	case $1 in
	--sizes) sizes=$2; shift 2 ;;
	--db) dbs=$2; shift 2 ;;
	--workers) workers=$2; shift 2 ;;
	--increment) increment=$2; shift 2 ;;
	--scaling) scaling=1; shift ;;
	--load) load=$2; shift 2 ;;
	*) echo "unknown option $1" >&2; exit 2 ;;
	esac
done
cache=${CACHE:-/tmp/crosscheck-scale}
mkdir -p "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/crosscheck" ./cmd/crosscheck
go build -o "$work/synth" ./bench/synth
go build -o "$work/load" ./bench/load
bin="$work/crosscheck"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"

case ",$dbs," in *,postgres,*)
	if [ -z "${PG_URL:-}" ]; then
		eval "$(bash scripts/ci-postgres.sh)"
		PG_URL=$CROSSCHECK_TEST_POSTGRES_URL
	fi ;;
esac

corpus() { # corpus N → directory with N synthetic articles (cached)
	local d="$cache/synth-$1"
	if [ ! -f "$d/.done" ]; then
		rm -rf "$d"
		"$work/synth" -n "$1" -out "$d" -shared "$root/../shared" >&2
		touch "$d/.done"
	fi
	echo "$d"
}

corpus_tail() { # corpus_tail N K → directory with articles N+1…N+K of corpus N+K (cached)
	local d="$cache/synth-$1+$2"
	if [ ! -f "$d/.done" ]; then
		local all; all=$(corpus $(($1 + $2)))
		rm -rf "$d"; mkdir -p "$d"
		cat "$all"/synth-*.jsonl | tail -n +$(($1 + 1)) >"$d/tail.jsonl"
		touch "$d/.done"
	fi
	echo "$d"
}

corpus_recent() { # corpus_recent K → directory with K articles of the four days after the corpora (cached)
	local d="$cache/synth-recent-$1"
	if [ ! -f "$d/.done" ]; then
		rm -rf "$d"
		"$work/synth" -n "$1" -seed 2 -from 2025-01-01 -span 96h -out "$d" -shared "$root/../shared" >&2
		touch "$d/.done"
	fi
	echo "$d"
}

corpus_window() { # corpus_window N → directory with the articles of corpus N published in its last month (cached)
	local d="$cache/synth-$1-lastmonth"
	if [ ! -f "$d/.done" ]; then
		local all; all=$(corpus "$1")
		rm -rf "$d"; mkdir -p "$d"
		cat "$all"/synth-*.jsonl | grep -E '"published":"(2024-12|2025-)' >"$d/window.jsonl"
		touch "$d/.done"
	fi
	echo "$d"
}

# fresh_db KIND NAME → a database URL or path, empty
fresh_db() {
	if [ "$1" = postgres ]; then
		psql -q "$PG_URL" -c "DROP SCHEMA IF EXISTS $2 CASCADE; CREATE SCHEMA $2" >/dev/null 2>&1
		case $PG_URL in *\?*) echo "$PG_URL&search_path=$2" ;; *) echo "$PG_URL?search_path=$2" ;; esac
	else
		rm -f "$cache/$2.db" "$cache/$2.db-wal" "$cache/$2.db-shm"
		echo "$cache/$2.db"
	fi
}

db_bytes() { # db_bytes KIND DB NAME
	if [ "$1" = postgres ]; then
		psql -qtA "$PG_URL" -c "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '$3' AND c.relkind IN ('r', 'm')"
	else
		local f=("$2"); [ -f "$2-wal" ] && f+=("$2-wal")
		du -cb "${f[@]}" | tail -1 | cut -f1
	fi
}

secs() { awk -v d="$1" 'BEGIN { if (d ~ /ms$/) { sub(/ms$/, "", d); print d / 1000 } else if (d ~ /m[0-9.]+s$/) { split(d, p, "m"); sub(/s$/, "", p[2]); print p[1] * 60 + p[2] } else { sub(/s$/, "", d); print d } }'; }

# ingest DB DIR [flags] → sets new, rate, rebuild, rss, wall; prints nothing
ingest() {
	local db=$1 dir=$2; shift 2
	/usr/bin/time -v "$bin" --db "$db" --log-level warn ingest --progress never --workers "$workers" "$@" "$dir" \
		>"$work/out.txt" 2>"$work/time.txt" || { cat "$work/out.txt" "$work/time.txt" >&2; exit 1; }
	new=$(grep -oE 'articles: [0-9]+ new' "$work/out.txt" | grep -oE '[0-9]+')
	local phase; phase=$(secs "$(grep -oE 'items in [0-9.ms]+' "$work/out.txt" | head -1 | awk '{print $3}')")
	rate=$(awk -v n="$new" -v p="$phase" 'BEGIN { printf "%.0f", (p > 0) ? n / p : 0 }')
	rebuild=$(grep -oE '(rebuilt|ledger updated) in [0-9.ms]+' "$work/out.txt" | head -1 | sed -E 's/(rebuilt|ledger updated) in //' || true)
	rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time.txt")
	wall=$(awk -F'): ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time.txt")
	# CPU milliseconds per new article (user + system, this process only;
	# a PostgreSQL server's is not counted): unlike the rate, not skewed
	# by other work on the machine.
	cpu=$(awk -F': ' -v n="$new" '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%.3f", (n > 0) ? s * 1000 / n : 0 }' "$work/time.txt")
}

incs=()
printf '\n| db | articles | ingest | claims rebuild | peak RSS | database |\n|---|---|---|---|---|---|\n'
for n in ${sizes//,/ }; do
	dir=$(corpus "$n")
	for kind in ${dbs//,/ }; do
		name="scale_${n}"
		db=$(fresh_db "$kind" "$name")
		ingest "$db" "$dir"
		bytes=$(db_bytes "$kind" "$db" "$name")
		printf '| %s | %d | %s articles/s | %s | %s MB | %.0f MB (%.1f KB/article) |\n' "$kind" "$new" "$rate" "${rebuild:--}" "$rss" \
			"$(echo "$bytes / 1000000" | bc -l)" "$(echo "$bytes / $new / 1000" | bc -l)"
		if [ "$increment" -gt 0 ]; then
			base=$n
			for which in corpus recent; do
				if [ $which = corpus ]; then more=$(corpus_tail "$n" "$increment"); else more=$(corpus_recent "$increment"); fi
				ingest "$db" "$more"
				big_wall=$wall big_ledger=$(secs "${rebuild:-0s}") added=$new
				printf '| %s | +%d %s into %d | %s articles/s | %s | %s MB | – |\n' "$kind" "$new" "$which" "$base" "$rate" "${rebuild:--}" "$rss"
				edb=$(fresh_db "$kind" "${name}_empty")
				ingest "$edb" "$more"
				printf '| %s | %d %s into 0 | %s articles/s | %s | %s MB | – |\n' "$kind" "$new" "$which" "$rate" "${rebuild:--}" "$rss"
				incs+=("$(printf 'increment %s (%s): %d articles into %d took %.1f s (ledger %.1f s), into an empty database %.1f s (ledger %.1f s): %.2f× (ledger %.2f×)' \
					"$kind" "$which" "$new" "$base" "$big_wall" "$big_ledger" "$wall" "$(secs "${rebuild:-0s}")" \
					"$(echo "$big_wall / $wall" | bc -l)" "$(echo "$big_ledger / $(secs "${rebuild:-0s}")" | bc -l)")")
				if [ "$kind" = sqlite ]; then rm -f "$edb" "$edb-wal" "$edb-shm"; fi
				if [ $which = recent ]; then
					# The same articles into a database of the corpus's last
					# month only: their window as full as in the large one,
					# without the history. What the large database adds
					# beyond this is the cost of its size.
					wdb=$(fresh_db "$kind" "${name}_lastmonth")
					ingest "$wdb" "$(corpus_window "$n")"
					wbase=$new
					ingest "$wdb" "$more"
					printf '| %s | %d %s into %d (the last month only) | %s articles/s | %s | %s MB | – |\n' "$kind" "$new" "$which" "$wbase" "$rate" "${rebuild:--}" "$rss"
					incs+=("$(printf 'increment %s (%s): into the corpus'"'"'s last month only (%d articles) %.1f s (ledger %.1f s): the %d-article database takes %.2f× that (ledger %.2f×)' \
						"$kind" "$which" "$wbase" "$wall" "$(secs "${rebuild:-0s}")" "$base" \
						"$(echo "$big_wall / $wall" | bc -l)" "$(echo "$big_ledger / $(secs "${rebuild:-0s}")" | bc -l)")")
					if [ "$kind" = sqlite ]; then rm -f "$wdb" "$wdb-wal" "$wdb-shm"; fi
				fi
				base=$((base + added))
			done
		fi
		if [ -n "$load" ]; then
			port=$((18500 + RANDOM % 400))
			"$bin" --db "$db" --log-level warn serve --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
			spid=$!
			for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
			claim=$(curl -fsS "http://127.0.0.1:$port/api/claims?limit=1&status=disputed" | grep -oE '"id":"c[0-9a-f]+"' | head -1 | cut -d'"' -f4)
			echo "load on $kind $n: 10 clients, $load per path, one path at a time"
			for path in "/" "/api/claims" "/api/claims?status=disputed" "/api/claims?status=disputed&party=RU" \
				"/api/claims?party=UA&sort=latest" "/api/claims?since=2024-01-01&until=2024-03-31&sort=latest" \
				"/api/claims?q=ukraine" "/api/search?q=missile" "/claims/$claim"; do
				"$work/load" -url "http://127.0.0.1:$port" -c 10 -d "$load" -paths "$path" | tail -n +2 || true
			done
			kill "$spid"; wait "$spid" 2>/dev/null || true
		fi
	done
done

for l in "${incs[@]}"; do echo "$l"; done

if [ "$scaling" = 1 ]; then
	for n in ${sizes//,/ }; do
		dir=$(corpus "$n")
		for kind in ${dbs//,/ }; do
			# --workers 1 and 2 on all cores, then the whole process on
			# one core (GOMAXPROCS=1: analysis, writer and garbage
			# collector share it) against two: how ingest scales with the
			# cores it is given, which the writer, one goroutine, bounds.
			for w in 1 2 c1 c2; do
				db=$(fresh_db "$kind" "scaling_${n}_$w")
				case $w in
				c*) GOMAXPROCS=${w#c} workers=${w#c} ingest "$db" "$dir" --no-claims ;;
				*) workers=$w ingest "$db" "$dir" --no-claims ;;
				esac
				eval "rate$w=$rate cpu$w=$cpu"
				if [ "$kind" = sqlite ]; then rm -f "$db" "$db-wal" "$db-shm"; fi
			done
			printf 'scaling %s %d articles: 1 worker %s articles/s (CPU %s ms/article), 2 workers %s articles/s (CPU %s ms/article): %.2f×\n' \
				"$kind" "$n" "$rate1" "$cpu1" "$rate2" "$cpu2" "$(echo "$rate2 / $rate1" | bc -l)"
			printf 'scaling %s %d articles by cores: GOMAXPROCS=1 --workers 1 %s articles/s (CPU %s ms/article), GOMAXPROCS=2 --workers 2 %s articles/s (CPU %s ms/article): %.2f×\n' \
				"$kind" "$n" "$ratec1" "$cpuc1" "$ratec2" "$cpuc2" "$(echo "$ratec2 / $ratec1" | bc -l)"
		done
	done
fi
