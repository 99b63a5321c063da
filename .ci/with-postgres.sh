#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL cluster: initdb in a temporary folder, a free
# port on 127.0.0.1, stopped and deleted at the end. The command finds its superuser URL in
# NECTR_TEST_POSTGRES_URL (test/harness/postgres.ts makes a database per test file from it).
# Installs Debian's postgresql when missing and possible; otherwise runs the command as is and
# says so (the PostgreSQL tests then skip, or fail when CI is set).
set -uo pipefail

have() { command -v "$1" >/dev/null 2>&1; }
bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ -z "$(bin_dir)" ] && [ "$(id -u)" = 0 ] && have apt-get; then
  echo "ci: installing postgresql for the PostgreSQL tests (apt-get install postgresql)" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; } >/dev/null 2>&1
fi
BIN="$(bin_dir)"
if [ -z "$BIN" ]; then
  echo "ci: no PostgreSQL here; the PostgreSQL tests will be skipped" >&2
  exec "$@"
fi

# initdb refuses to run as root: as root, the cluster belongs to the postgres user Debian's package made.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
CLUSTER="$(mktemp -d /tmp/nectr-pg.XXXXXX)"
[ "$(id -u)" = 0 ] && chown postgres "$CLUSTER"
PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
PASSWORD="$(node -e 'console.log(require("crypto").randomBytes(18).toString("hex"))')"
printf %s "$PASSWORD" >"$CLUSTER/pw" && [ "$(id -u)" = 0 ] && chown postgres "$CLUSTER/pw"
as_owner "$BIN/initdb" -D "$CLUSTER/data" -U nectr --pwfile="$CLUSTER/pw" -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$CLUSTER/initdb.log" 2>&1 ||
  { echo "ci: initdb failed:" >&2; cat "$CLUSTER/initdb.log" >&2; exit 1; }
rm -f "$CLUSTER/pw"
# Tests make a database per file and two daemons each hold a pool: more connections than the default 100.
as_owner "$BIN/pg_ctl" -D "$CLUSTER/data" -l "$CLUSTER/server.log" -w \
  -o "-p $PORT -k $CLUSTER -h 127.0.0.1 -c max_connections=300 -c fsync=on" start >/dev/null ||
  { echo "ci: PostgreSQL did not start:" >&2; cat "$CLUSTER/server.log" >&2; exit 1; }
echo "ci: PostgreSQL $("$BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2

export NECTR_TEST_POSTGRES_URL="postgres://nectr:$PASSWORD@127.0.0.1:$PORT/postgres"
status=0
"$@" || status=$?
as_owner "$BIN/pg_ctl" -D "$CLUSTER/data" -m immediate stop >/dev/null 2>&1
rm -rf "$CLUSTER"
exit "$status"
