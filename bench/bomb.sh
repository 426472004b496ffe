#!/usr/bin/env bash
# bench/bomb.sh: `crosscheck ingest bomb.warc.gz good.txt` on gzip bombs of
# 10 GB of zeros (issue 13). For each kind of bomb it prints the exit code
# (want 10, partial failure), peak RSS (want < 300 MB), wall time, the
# failure line, and whether the good file was ingested.
#
# Kinds: zeros   10 GB of zeros, nothing else (the issue's bomb)
#        header  a WARC version line, then a header "line" of 10 GB
#        record  a record that declares 10 GB and holds 10 GB of zeros
#
# The bombs (about 10 MB each) are generated once into $BOMBS (default
# /tmp/crosscheck-bombs; generating one takes a minute of CPU) and never
# committed. Usage: bench/bomb.sh [kind...]
set -euo pipefail
cd "$(dirname "$0")/.."
bombs=${BOMBS:-/tmp/crosscheck-bombs}
size=${SIZE:-10G}
kinds=("$@")
[ ${#kinds[@]} -gt 0 ] || kinds=(zeros header record)
mkdir -p "$bombs"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/crosscheck" ./cmd/crosscheck

bytes=$(numfmt --from=iec "$size")
make_bomb() { # kind path
	local head=""
	case $1 in
	zeros) head="" ;;
	header) head=$'WARC/1.0\r\nWARC-Type: response\r\nX-Pad: ' ;;
	record) head=$'WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: '"$bytes"$'\r\n\r\n' ;;
	esac
	{ printf '%s' "$head"; head -c "$bytes" /dev/zero; } | gzip -1 >"$2.tmp"
	mv "$2.tmp" "$2"
}

printf 'Officials in Kharkiv said on Monday that the power station had been repaired, the mayor told reporters.\n' >"$work/good.txt"
echo "crosscheck ingest bomb.warc.gz good.txt — $size of zeros per bomb; $(nproc) cores"
for kind in "${kinds[@]}"; do
	bomb="$bombs/$kind-$size.warc.gz"
	[ -f "$bomb" ] || { echo "generating $bomb"; make_bomb "$kind" "$bomb"; }
	rm -f "$work/x.db"*
	set +e
	/usr/bin/time -v "$work/crosscheck" --db "$work/x.db" --log-level error ingest --progress never "$bomb" "$work/good.txt" \
		>"$work/out.txt" 2>"$work/err.txt"
	code=$?
	set -e
	rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/err.txt")
	wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/err.txt")
	good=$(grep -c 'articles: 1 new' "$work/out.txt" || true)
	echo "$kind: $(du -h "$bomb" | cut -f1) on disk; exit $code; peak RSS ${rss} MB; wall $wall; good file ingested: $([ "$good" = 1 ] && echo yes || echo NO)"
	grep -m1 '  failed: ' "$work/out.txt" | sed 's/^/    /' || echo "    (no failure line)"
done
