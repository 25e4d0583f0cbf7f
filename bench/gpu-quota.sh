#!/usr/bin/env bash
# Benchmark of the GPU quota backend's team endpoint (GET /api/gpu-quota/teams/:team) with 100
# teams on the local Kubernetes API server: latency of cached answers (sequential and 10 clients),
# of a cache miss, and the list calls that reach the API server, read from its own metrics.
# Prints the figures; not a test. Usage: bash bench/gpu-quota.sh [REQUESTS]   (default 1000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/env.sh"
cd "$root"
"$root/scripts/setup.sh"
"$root/scripts/services.sh" up kube >/dev/null
kubeconfig="$(sed -n 's/^MLP_KUBECONFIG=//p' data/services/services.env | tail -1)"
[ -f "$kubeconfig" ] || mlp_die "no admin kubeconfig in data/services/services.env (MLP_KUBECONFIG)"
# gpuQuota.cacheMaxAgeSeconds stays at app-config.yaml's 15 (the default); the .mjs prints it.
source "$root/bench/start-backend.sh"
bench_start_backend
BENCH_BACKEND_URL=http://localhost:7207 BENCH_KUBECONFIG="$kubeconfig" \
  node bench/gpu-quota.mjs "${1:-1000}"
