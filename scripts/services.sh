#!/usr/bin/env bash
# Starts, stops and reports the platform's real services on loopback: PostgreSQL, MLflow, a
# living Kubernetes cluster (etcd, kube-apiserver, controller manager, scheduler, KWOK's simulated
# GPU nodes and the Argo Workflows controller; scripts/services/kube.sh) and Coder (its own
# database on that PostgreSQL; scripts/services/coder.sh). State, logs and connection details live
# under data/services/<name>/; data/services/services.env has the URLs and kubeconfig paths.
#
#   scripts/services.sh up [NAME...]     default: all of postgres mlflow coder kube prometheus
#   scripts/services.sh down
#   scripts/services.sh status
#   scripts/services.sh prepare kube     the local cluster's certificates, kubeconfigs and config
#                                        only, before its first build (scripts/start.sh)
#   scripts/services.sh prepare coder    the same for Coder: its URL and the portal's token key
#   scripts/services.sh prepare prometheus   the local Prometheus's URL only
#
# After `up`, data/services/app-config.services.yaml points the portal at what is up (scripts/start.sh
# adds it to the config list).
#
# External services instead of local ones: MLP_KUBECONFIG=path (a real cluster), MLP_MLFLOW_URL=url
# (a remote MLflow) and/or MLP_CODER_URL=url (your Coder; its coder.* settings then come from
# app-config.local.yaml) skip starting the local one; MLP_PROMETHEUS_URL=url names the Prometheus
# that scrapes your dcgm-exporter (with a real cluster and no such URL, no GPU metrics are read). MLP_SERVICES_DIR moves the state
# folder (the fault tests use a temporary one).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
state="${MLP_SERVICES_DIR:-$MLP_ROOT/data/services}"
mkdir -p "$state"
env_file="$state/services.env"

PG_PORT="${MLP_POSTGRES_PORT:-54329}"
MLFLOW_PORT="${MLP_MLFLOW_PORT:-5050}"
CODER_PORT="${MLP_CODER_PORT:-7080}"
PROMETHEUS_PORT="${MLP_PROMETHEUS_PORT:-19090}"
GPU_EXPORTER_PORT="${MLP_GPU_EXPORTER_PORT:-19400}"

up_postgres() {
  "$MLP_ROOT/scripts/ensure-system-packages.sh"
  local url="postgresql://postgres:postgres@127.0.0.1:$PG_PORT/postgres"
  if [ -f "$state/postgres/data/postmaster.pid" ] &&
    PGPASSWORD=postgres psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc 'select 1' >/dev/null 2>&1; then
    # Already up: its line was dropped from services.env above, so it is written again.
    echo "MLP_POSTGRES_URL=$url" >>"$env_file"
    return
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then
    mlp_die "postgres: port $PG_PORT is in use; stop what listens there or choose another port with MLP_POSTGRES_PORT"
  fi
  "$MLP_ROOT/scripts/services/postgres.sh" start "$state/postgres" "$PG_PORT" || {
    "$MLP_ROOT/scripts/services/postgres.sh" stop "$state/postgres"
    mlp_die "postgres: failed to start; see $state/postgres/server.log (a broken data folder: remove $state/postgres)"
  }
  echo "MLP_POSTGRES_URL=$url" >>"$env_file"
}

up_mlflow() {
  if [ -n "${MLP_MLFLOW_URL:-}" ]; then
    mlp_log "mlflow: using external $MLP_MLFLOW_URL"
    echo "MLP_MLFLOW_URL=$MLP_MLFLOW_URL" >>"$env_file"
    return
  fi
  if ! curl -fs -m 5 "http://127.0.0.1:$MLFLOW_PORT/health" >/dev/null 2>&1; then
    "$MLP_ROOT/scripts/services/mlflow.sh" start "$state/mlflow" "$MLFLOW_PORT"
  fi
  echo "MLP_MLFLOW_URL=http://127.0.0.1:$MLFLOW_PORT" >>"$env_file"
}

up_coder() {
  if [ -n "${MLP_CODER_URL:-}" ]; then
    mlp_log "coder: using external $MLP_CODER_URL (the portal's coder.* settings come from app-config.local.yaml)"
    return
  fi
  local pg="postgresql://postgres:postgres@127.0.0.1:$PG_PORT/postgres"
  PGPASSWORD=postgres psql "$pg" -Atc 'select 1' >/dev/null 2>&1 ||
    mlp_die "coder: it keeps its data in the local PostgreSQL, which is not up; start both: scripts/services.sh up postgres coder"
  if [ -f "$state/coder/pid" ] && kill -0 "$(cat "$state/coder/pid")" 2>/dev/null &&
    curl -fs -m 5 "http://127.0.0.1:$CODER_PORT/api/v2/buildinfo" >/dev/null 2>&1; then
    cat "$state/coder/coder.env" >>"$env_file"
    return
  fi
  "$MLP_ROOT/scripts/services/coder.sh" start "$state/coder" "$CODER_PORT" "$pg"
  cat "$state/coder/coder.env" >>"$env_file"
}

up_kube() {
  if [ -n "${MLP_KUBECONFIG:-}" ]; then
    mlp_log "kube: using external cluster from $MLP_KUBECONFIG"
    echo "MLP_KUBECONFIG=$MLP_KUBECONFIG" >>"$env_file"
    return
  fi
  "$MLP_ROOT/scripts/services/kube.sh" start "$state/kube"
  cat "$state/kube/kube.env" >>"$env_file"
}

# GPU metrics: Prometheus scraping the exporter that stands in for dcgm-exporter on the local
# cluster's simulated GPUs (scripts/services/prometheus.sh). Needs the local cluster up.
up_prometheus() {
  if [ -n "${MLP_PROMETHEUS_URL:-}" ]; then
    mlp_log "prometheus: using external $MLP_PROMETHEUS_URL"
    echo "MLP_PROMETHEUS_URL=$MLP_PROMETHEUS_URL" >>"$env_file"
    return
  fi
  if [ -n "${MLP_KUBECONFIG:-}" ]; then
    mlp_log "prometheus: a real cluster has real GPUs; set MLP_PROMETHEUS_URL to the Prometheus that scrapes its dcgm-exporter (no GPU utilization is read until then)"
    return
  fi
  [ -f "$state/kube/admin.kubeconfig" ] && curl -fs -m 5 --cacert "$state/kube/pki/ca.crt" \
    "https://127.0.0.1:${MLP_KUBE_API_PORT:-16443}/readyz" >/dev/null 2>&1 ||
    mlp_die "prometheus: its exporter reads the local cluster's pods, which is not up; start both: scripts/services.sh up kube prometheus"
  if ! curl -fs -m 5 "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" >/dev/null 2>&1 ||
    ! curl -fs -m 5 "http://127.0.0.1:$GPU_EXPORTER_PORT/health" >/dev/null 2>&1; then
    "$MLP_ROOT/scripts/services/prometheus.sh" stop "$state/prometheus"
    "$MLP_ROOT/scripts/services/prometheus.sh" start "$state/prometheus" "$PROMETHEUS_PORT" \
      "$GPU_EXPORTER_PORT" "$state/kube/admin.kubeconfig"
  fi
  printf 'MLP_PROMETHEUS_URL=http://127.0.0.1:%s\nMLP_PROMETHEUS_SCRAPE_SECONDS=5\n' "$PROMETHEUS_PORT" >>"$env_file"
}

# The prefix of the services.env keys each service writes (MLP_KUBECONFIG, MLP_KUBE_TEAM_...),
# as a regex alternation.
env_keys() {
  local name keys=()
  for name in "$@"; do
    case $name in
      postgres) keys+=(MLP_POSTGRES_) ;;
      mlflow) keys+=(MLP_MLFLOW_) ;;
      kube) keys+=(MLP_KUBE) ;;
      coder) keys+=(MLP_CODER_) ;;
      prometheus) keys+=(MLP_PROMETHEUS_) ;;
    esac
  done
  local IFS='|'
  echo "${keys[*]}"
}

status() {
  local name ok
  for name in postgres mlflow coder kube prometheus; do
    case $name in
      postgres) PGPASSWORD=postgres psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atc 'select 1' >/dev/null 2>&1 && ok=up || ok=down ;;
      mlflow) curl -fs -m 5 "${MLP_MLFLOW_URL:-http://127.0.0.1:$MLFLOW_PORT}/health" >/dev/null 2>&1 && ok=up || ok=down ;;
      coder) curl -fs -m 5 "${MLP_CODER_URL:-http://127.0.0.1:$CODER_PORT}/api/v2/buildinfo" >/dev/null 2>&1 && ok=up || ok=down ;;
      prometheus) curl -fs -m 5 "${MLP_PROMETHEUS_URL:-http://127.0.0.1:$PROMETHEUS_PORT}/-/ready" >/dev/null 2>&1 && ok=up || ok=down ;;
      kube)
        if [ -n "${MLP_KUBECONFIG:-}" ]; then
          ok="external ($MLP_KUBECONFIG)" parts=""
        else
          parts="$("$MLP_ROOT/scripts/services/kube.sh" status "$state/kube" 2>/dev/null)" && ok=up || ok=down
        fi
        ;;
    esac
    printf '%-9s %s\n' "$name" "$ok"
    if [ "$name" = kube ] && [ -n "${parts:-}" ]; then printf '%s\n' "$parts"; fi
  done
}

case "${1:-}" in
  up)
    shift
    names=("$@")
    [ ${#names[@]} -eq 0 ] && names=(postgres mlflow coder kube prometheus)
    # Keep the lines of services not named now (start.sh brings up mlflow and kube only).
    keep="$(grep -v -E "^($(env_keys "${names[@]}"))" "$env_file" 2>/dev/null || true)"
    printf '%s' "${keep:+$keep$'\n'}" >"$env_file"
    for name in "${names[@]}"; do
      case $name in
        postgres | mlflow | coder | kube | prometheus) mlp_log "$name: starting"; "up_$name"; mlp_log "$name: up" ;;
        *) mlp_die "unknown service '$name' (known: postgres mlflow coder kube prometheus)" ;;
      esac
    done
    node "$MLP_ROOT/scripts/services-config.mjs" "$env_file" "$state/app-config.services.yaml"
    ;;
  down)
    "$MLP_ROOT/scripts/services/prometheus.sh" stop "$state/prometheus"
    [ -x "$MLP_ROOT/scripts/services/kube.sh" ] && "$MLP_ROOT/scripts/services/kube.sh" stop "$state/kube"
    "$MLP_ROOT/scripts/services/mlflow.sh" stop "$state/mlflow"
    "$MLP_ROOT/scripts/services/coder.sh" stop "$state/coder"
    "$MLP_ROOT/scripts/services/postgres.sh" stop "$state/postgres"
    ;;
  prepare)
    # The portal can be configured for the local cluster and Coder before they are built: what it
    # reads of them (kubeconfig, CA, token, progress file; Coder's URL and the token key) are files
    # made without the binaries.
    name="${2:-}"
    case "$name" in
      kube) [ -z "${MLP_KUBECONFIG:-}" ] || mlp_die "MLP_KUBECONFIG names a real cluster: there is no local cluster to prepare" ;;
      coder) [ -z "${MLP_CODER_URL:-}" ] || mlp_die "MLP_CODER_URL names your Coder: there is no local Coder to prepare" ;;
      prometheus) [ -z "${MLP_KUBECONFIG:-}" ] || mlp_die "MLP_KUBECONFIG names a real cluster: there is no local Prometheus to prepare" ;;
      *) mlp_die "usage: scripts/services.sh prepare kube|coder|prometheus" ;;
    esac
    keep="$(grep -v -E "^($(env_keys "$name"))" "$env_file" 2>/dev/null || true)"
    printf '%s' "${keep:+$keep$'\n'}" >"$env_file"
    if [ "$name" = kube ]; then
      "$MLP_ROOT/scripts/services/kube.sh" prepare "$state/kube"
      cat "$state/kube/kube.env" >>"$env_file"
    elif [ "$name" = prometheus ]; then
      # Its URL only: until it is up, the utilization figures say Prometheus does not answer.
      printf 'MLP_PROMETHEUS_URL=http://127.0.0.1:%s\nMLP_PROMETHEUS_SCRAPE_SECONDS=5\n' "$PROMETHEUS_PORT" >>"$env_file"
    else
      "$MLP_ROOT/scripts/services/coder.sh" prepare "$state/coder" "$CODER_PORT"
      cat "$state/coder/coder.env" >>"$env_file"
    fi
    node "$MLP_ROOT/scripts/services-config.mjs" "$env_file" "$state/app-config.services.yaml"
    ;;
  status) status ;;
  *)
    echo "usage: scripts/services.sh up [postgres|mlflow|coder|kube|prometheus ...] | down | status | prepare kube|coder" >&2
    exit 2
    ;;
esac
