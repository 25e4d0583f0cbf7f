#!/usr/bin/env bash
# The open-source Coder server (github.com/coder/coder/v2, built by services/coder/build.sh) on
# loopback: its own database on the local PostgreSQL, telemetry and update checks off, the echo
# provisioner only (terraform cannot be downloaded here), no STUN. Bootstrapped once (first user,
# the catalog's people, the GPU workspace template) by scripts/services/coder-bootstrap.mjs.
# DIR gets server.log, bootstrap.log, tokens.json (a session token per bootstrapped user), token-key
# and coder.env (see prepare below).
#   coder.sh start DIR PORT POSTGRES_URL | stop DIR | prepare DIR PORT
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cmd="$1" dir="$2"

# Coder shuts down gracefully (its provisioner, open connections): up to 10 s.
stop_server() { mlp_stop_group "$dir/pid" 10; }

# The portal's side of the local Coder, which needs no binary: the key it seals users' Coder tokens
# with (made once, kept with Coder's state) and coder.env, what services.env gets.
prepare() {
  local port="$1" templates
  templates="$("$MLP_ROOT/services/coder/build.sh" --print-dir)/templates"
  mkdir -p "$dir"
  [ -s "$dir/token-key" ] || (umask 077 && head -c 32 /dev/urandom | base64 >"$dir/token-key")
  printf 'MLP_CODER_URL=http://127.0.0.1:%s\nMLP_CODER_DIR=%s\nMLP_CODER_TEMPLATES=%s\n' \
    "$port" "$dir" "$templates" >"$dir/coder.env"
}

case "$cmd" in
  prepare) prepare "$3" ;;
  start)
    port="$3" pg="$4"
    tools="$("$MLP_ROOT/services/coder/build.sh")" || mlp_die "coder: services/coder/build.sh failed (message above)"
    mkdir -p "$dir/cache" "$dir/config"
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      mlp_die "coder: port $port is in use; stop what listens there or choose another port with MLP_CODER_PORT"
    fi
    # Its own database on the local PostgreSQL (MLP_CODER_DATABASE: another one; the benchmark's).
    name="${MLP_CODER_DATABASE:-coder}"
    [[ "$name" =~ ^[a-z_][a-z0-9_]*$ ]] || mlp_die "coder: MLP_CODER_DATABASE must be a plain database name (got '$name')"
    db="${pg%/*}/$name"
    PGPASSWORD=postgres psql "$pg" -Atc "select 1 from pg_database where datname = '$name'" | grep -q 1 ||
      PGPASSWORD=postgres psql "$pg" -qc "create database $name" ||
      mlp_die "coder: could not create its database $name on $pg"
    CODER_HTTP_ADDRESS="127.0.0.1:$port" CODER_ACCESS_URL="http://127.0.0.1:$port" \
      CODER_PG_CONNECTION_URL="$db?sslmode=disable" CODER_TELEMETRY_ENABLE=false \
      CODER_UPDATE_CHECK=false CODER_PROVISIONER_TYPES=echo CODER_DERP_SERVER_STUN_ADDRESSES=disable \
      CODER_CACHE_DIRECTORY="$dir/cache" CODER_CONFIG_DIR="$dir/config" CODER_PROMETHEUS_ENABLE=false \
      CODER_PPROF_ENABLE=false CODER_SESSION_DURATION=336h \
      setsid "$tools/bin/coder" server >"$dir/server.log" 2>&1 &
    echo $! >"$dir/pid"
    trap stop_server EXIT
    for _ in $(seq 1 600); do
      curl -fs -m 5 "http://127.0.0.1:$port/api/v2/buildinfo" >/dev/null 2>&1 && break
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || mlp_die "coder: the server exited on start; see $dir/server.log"
      sleep 0.2
    done
    curl -fs -m 5 "http://127.0.0.1:$port/api/v2/buildinfo" >/dev/null ||
      mlp_die "coder: not answering after 120 s; see $dir/server.log"
    node "$MLP_ROOT/scripts/services/coder-bootstrap.mjs" "http://127.0.0.1:$port" "$dir" "$tools/templates" >"$dir/bootstrap.log" 2>&1 ||
      mlp_die "coder: bootstrap failed; see $dir/bootstrap.log"
    prepare "$port"
    trap - EXIT
    ;;
  stop) stop_server ;;
  *)
    echo "usage: coder.sh start DIR PORT POSTGRES_URL | stop DIR | prepare DIR PORT" >&2
    exit 2
    ;;
esac
