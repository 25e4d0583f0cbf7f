#!/usr/bin/env bash
# A throw-away PostgreSQL server from Debian's packages on loopback, for tests.
#   postgres.sh start DIR PORT   -> prints nothing; server runs with user/password postgres/postgres
#   postgres.sh stop DIR
set -euo pipefail
cmd="$1" dir="$2"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
# PostgreSQL refuses to run as root; use the postgres system user the Debian package creates.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    port="$3"
    # An existing cluster in DIR is started again with its data; otherwise a new one is made.
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      rm -rf "$dir" && mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres "$dir"
      pwfile="$dir/.pw"
      echo postgres >"$pwfile" && [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
      as_pg "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$pwfile" -A scram-sha-256 >/dev/null
    fi
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off" >/dev/null
    ;;
  stop)
    [ -d "$dir/data" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    ;;
  *)
    echo "usage: postgres.sh start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
