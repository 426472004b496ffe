#!/bin/sh
# Scores internal/extract on the article-extraction-benchmark corpus
# (../shared/corpora/aeb, MIT) and prints F1/precision/recall, pages/s,
# leftover boilerplate by category and the peak RSS of the process.
#
#   bench/run-aeb.sh [flags of bench/aeb, e.g. -passes 3 -workers 2 -raw -wrong -v]
#
# CROSSCHECK_SHARED overrides where the shared folder is.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${CROSSCHECK_SHARED:-$(dirname "$root")/shared}
corpus=$shared/corpora/aeb
if [ ! -f "$corpus/ground-truth.json" ] || [ ! -d "$corpus/html" ]; then
	echo "run-aeb: corpus missing: $corpus needs ground-truth.json and html/ (scrapinghub/article-extraction-benchmark)" >&2
	exit 2
fi
bin=$(mktemp -d)/aeb
trap 'rm -rf "$(dirname "$bin")"' EXIT
(cd "$root" && go build -o "$bin" ./bench/aeb)
if [ -x /usr/bin/time ]; then
	# GNU time reports the peak RSS of the whole process ("Maximum resident set size").
	status=0
	/usr/bin/time -v "$bin" -dir "$corpus" "$@" 2>"$bin.time" || status=$?
	grep -E "Maximum resident set size|Elapsed \(wall clock\)|User time|System time" "$bin.time" | sed 's/^[[:space:]]*/  /'
	grep -v -E "^[[:space:]]" "$bin.time" >&2 || true
	exit $status
fi
# Without GNU time, the program prints VmHWM from /proc/self/status itself.
exec "$bin" -dir "$corpus" "$@"
