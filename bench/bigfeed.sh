#!/usr/bin/env bash
# bench/bigfeed.sh: `crosscheck ingest` of a feed of 100,000 items (about
# 32 MB, issue 13) beside a good file: the feed is refused whole with a
# clear failure line (over --max-feed-items, 10,000 by default), the good
# file is ingested, the exit code is 10. Prints exit code, peak RSS, wall
# time and the failure line. The feed is generated into a temporary
# directory (hand-written item text). Usage: bench/bigfeed.sh [items]
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-100000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/crosscheck" ./cmd/crosscheck
python3 - "$items" "$work/big.rss" <<'EOF'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    f.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Synthetic Wire</title>\n')
    for i in range(n):
        f.write(f"<item><title>Item {i}</title><link>https://wire.example/{i}</link><pubDate>Mon, 03 Mar 2025 10:00:00 GMT</pubDate>"
                f"<description>The regional governor said on Monday that {i % 97} drones were shot down overnight, "
                f"and officials in the city reported damage to {i % 13} buildings near the railway station. "
                f"A spokesman for the ministry denied that any military site had been hit.</description></item>\n")
    f.write("</channel></rss>\n")
EOF
printf 'Officials in Kharkiv said on Monday that the power station had been repaired, the mayor told reporters.\n' >"$work/good.txt"
echo "feed: $items items, $(du -h "$work/big.rss" | cut -f1); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
/usr/bin/time -v "$work/crosscheck" --db "$work/x.db" --log-level error ingest --progress never "$work/big.rss" "$work/good.txt" "$@" \
	>"$work/out.txt" 2>"$work/err.txt"
code=$?
set -e
rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$work/err.txt")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/err.txt")
echo "exit $code; peak RSS ${rss} MB; wall $wall; good file ingested: $(grep -q 'articles: 1 new' "$work/out.txt" && echo yes || echo NO)"
grep -m1 '  failed: ' "$work/out.txt" | sed 's/^/    /' || echo "    (no failure line)"
