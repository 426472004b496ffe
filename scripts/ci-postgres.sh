#!/usr/bin/env bash
# ci-postgres.sh starts a throwaway PostgreSQL cluster for the store tests and
# prints the line to export, e.g.
#
#   eval "$(scripts/ci-postgres.sh)"   # sets CROSSCHECK_TEST_POSTGRES_URL
#
# It installs PostgreSQL with apt when missing (Debian ships it without
# starting it), initialises a cluster with trust auth and durability off in
# $CROSSCHECK_PG_DIR (default /tmp/crosscheck-pg), starts it on a free loopback
# port and creates database crosscheck_test. Running it again reuses the
# running cluster, so it is idempotent and fast (~1 s cold, ~0.1 s warm).
# Stop it with: scripts/ci-postgres.sh stop
# Log output goes to stderr; only the export line goes to stdout.
set -euo pipefail

dir=${CROSSCHECK_PG_DIR:-/tmp/crosscheck-pg}
db=crosscheck_test
log() { echo "ci-postgres: $*" >&2; }

if ! command -v pg_config >/dev/null 2>&1 || [ ! -x "$(pg_config --bindir 2>/dev/null)/initdb" ]; then
	log "installing postgresql"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get install -y -qq postgresql >&2
fi
bin=$(pg_config --bindir)

# The server refuses to run as root: run it as the postgres user when root.
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		su postgres -s /bin/sh -c "$*"
	else
		sh -c "$*"
	fi
}

if [ "${1:-}" = stop ]; then
	if [ -f "$dir/data/PG_VERSION" ]; then
		as_pg "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop" >&2 || true
	fi
	exit 0
fi

free_port() {
	local p
	for p in $(seq 54330 54399); do
		if ! (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi

if [ ! -f "$dir/data/PG_VERSION" ]; then
	log "initdb in $dir/data"
	as_pg "'$bin/initdb' -D '$dir/data' -U postgres -A trust --no-sync -E UTF8" >/dev/null
fi

if as_pg "'$bin/pg_ctl' -D '$dir/data' status" >/dev/null 2>&1 && [ -f "$dir/port" ]; then
	port=$(cat "$dir/port")
	log "reusing running cluster on port $port"
else
	port=$(free_port) || { log "no free port in 54330-54399"; exit 1; }
	echo "$port" >"$dir/port"
	log "starting on 127.0.0.1:$port"
	# max_connections: go test runs the packages' PostgreSQL tests at once,
	# and the queue tests start worker processes with pools of their own;
	# the default 100 ran out ("too many clients already").
	as_pg "'$bin/pg_ctl' -D '$dir/data' -l '$dir/log' -w -o \"-c listen_addresses=127.0.0.1 -p $port -k '$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500\" start" >&2
fi

if ! as_pg "'$bin/psql' -h '$dir' -p $port -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='$db'\"" | grep -q 1; then
	as_pg "'$bin/psql' -h '$dir' -p $port -U postgres -qc 'CREATE DATABASE $db'" >&2
fi

echo "export CROSSCHECK_TEST_POSTGRES_URL='postgres://postgres@127.0.0.1:$port/$db?sslmode=disable'"
