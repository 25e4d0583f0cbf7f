#!/usr/bin/env bash
# The real MLflow tracking server from PyPI, in the project's .venv-mlflow, on loopback:
# SQLite backend store and a local artifact root under DIR; seeded once with demo data.
#   mlflow.sh start DIR PORT    mlflow.sh stop DIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cmd="$1" dir="$2"
venv="$MLP_ROOT/.venv-mlflow"

ensure_venv() {
  local req="$MLP_ROOT/python/requirements-mlflow.txt" stamp="$venv/.requirements"
  if [ -x "$venv/bin/mlflow" ] && cmp -s "$req" "$stamp"; then return; fi
  mlp_log "mlflow: installing MLflow + scikit-learn into .venv-mlflow (first time: about 2 minutes)"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv" ||
    mlp_die "mlflow: could not create .venv-mlflow; install python3-venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req" ||
    mlp_die "mlflow: pip install failed (see above); check that PyPI is reachable"
  cp "$req" "$stamp"
}

# setsid made the server a group leader: stop it and its workers together.
stop_server() { mlp_stop_group "$dir/pid" 5; }

case "$cmd" in
  start)
    port="$3"
    ensure_venv
    mkdir -p "$dir/artifacts"
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      mlp_die "mlflow: port $port is in use; stop what listens there or choose another port with MLP_MLFLOW_PORT"
    fi
    # Idle connections stay open 60 s (uvicorn's default is 5 s). Node's fetch keeps a socket 4 s by
    # its own timer; a process whose event loop is blocked past 5 s (a Jest worker compiling a test
    # file) reuses a socket the server closed and fails with "other side closed": reproduced here,
    # and the likely cause of a CI run where one integration file's MLflow set-up failed.
    setsid "$venv/bin/mlflow" server \
      --backend-store-uri "sqlite:///$dir/mlflow.db" \
      --artifacts-destination "$dir/artifacts" --serve-artifacts \
      --host 127.0.0.1 --port "$port" --workers 1 \
      --uvicorn-opts "--timeout-keep-alive 60" >"$dir/server.log" 2>&1 &
    echo $! >"$dir/pid"
    # Whatever fails from here on (mlp_die exits), the server is not left running.
    trap stop_server EXIT
    for _ in $(seq 1 120); do
      curl -fs -m 5 "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
      kill -0 "$(cat "$dir/pid")" 2>/dev/null ||
        mlp_die "mlflow: the server exited on start; see $dir/server.log"
      sleep 0.5
    done
    curl -fs -m 5 "http://127.0.0.1:$port/health" >/dev/null ||
      mlp_die "mlflow: not healthy after 60 s; see $dir/server.log"
    if [ ! -f "$dir/seeded" ]; then
      mlp_log "mlflow: seeding demo experiments and models (trains small models)"
      (cd "$MLP_ROOT/python" && "$venv/bin/python" -m mlp_services.seed_mlflow \
        --tracking-uri "http://127.0.0.1:$port" >"$dir/seed.log" 2>&1) ||
        mlp_die "mlflow: seeding failed; see $dir/seed.log"
      tail -1 "$dir/seed.log" >&2
      touch "$dir/seeded"
    fi
    trap - EXIT
    ;;
  stop) stop_server ;;
  *)
    echo "usage: mlflow.sh start DIR PORT | stop DIR" >&2
    exit 2
    ;;
esac
