#!/usr/bin/env bash
# GPU metrics for the local cluster: Debian's real Prometheus server, on loopback, scraping every
# 5 s the GPU metrics exporter that stands in for dcgm-exporter (services/gpu-metrics/exporter.mjs:
# the cluster's GPUs are simulated, so the values come from each pod's
# mlplatform.dev/simulated-gpu-util annotation). Data lives under DIR/data for 35 days.
#   prometheus.sh start DIR PORT EXPORTER_PORT KUBECONFIG    prometheus.sh stop DIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../env.sh"
cmd="$1" dir="$2"

stop_all() {
  mlp_stop_group "$dir/prometheus.pid" 5
  mlp_stop_group "$dir/exporter.pid" 2
}

# wait_for NAME URL PIDFILE LOG: until URL answers, or the process exited, or 60 s passed.
wait_for() {
  for _ in $(seq 1 120); do
    curl -fs -m 5 "$2" >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$3")" 2>/dev/null || mlp_die "prometheus: the $1 exited on start; see $4"
    sleep 0.5
  done
  mlp_die "prometheus: the $1 did not answer within 60 s; see $4"
}

case "$cmd" in
  start)
    port="$3" exporter_port="$4" kubeconfig="$5"
    [ -x /usr/bin/prometheus ] || mlp_die "prometheus: not installed; scripts/ensure-system-packages.sh installs Debian's prometheus"
    for p in "$port:MLP_PROMETHEUS_PORT" "$exporter_port:MLP_GPU_EXPORTER_PORT"; do
      if (exec 3<>"/dev/tcp/127.0.0.1/${p%%:*}") 2>/dev/null; then
        mlp_die "prometheus: port ${p%%:*} is in use; stop what listens there or choose another port with ${p#*:}"
      fi
    done
    mkdir -p "$dir/data"
    trap stop_all EXIT
    setsid node "$MLP_ROOT/services/gpu-metrics/exporter.mjs" "$kubeconfig" "$exporter_port" \
      >"$dir/exporter.log" 2>&1 &
    echo $! >"$dir/exporter.pid"
    wait_for exporter "http://127.0.0.1:$exporter_port/health" "$dir/exporter.pid" "$dir/exporter.log"
    cat >"$dir/prometheus.yml" <<EOC
# Written by scripts/services/prometheus.sh on each start.
global:
  scrape_interval: 5s
  scrape_timeout: 4s
  evaluation_interval: 15s
scrape_configs:
  - job_name: dcgm-exporter
    static_configs:
      - targets: ['127.0.0.1:$exporter_port']
EOC
    setsid /usr/bin/prometheus --config.file="$dir/prometheus.yml" \
      --storage.tsdb.path="$dir/data" --storage.tsdb.retention.time=35d \
      --web.listen-address="127.0.0.1:$port" >"$dir/server.log" 2>&1 &
    echo $! >"$dir/prometheus.pid"
    wait_for server "http://127.0.0.1:$port/-/ready" "$dir/prometheus.pid" "$dir/server.log"
    trap - EXIT
    ;;
  stop) stop_all ;;
  *)
    echo "usage: prometheus.sh start DIR PORT EXPORTER_PORT KUBECONFIG | stop DIR" >&2
    exit 2
    ;;
esac
