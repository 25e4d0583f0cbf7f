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
if curl -s -o /dev/null -m 5 http://localhost:7207/; then
  mlp_die "port 7207 is in use (another bench backend?); stop it first"
fi
rm -rf data/bench && mkdir -p data/bench
pgid=""
trap '[ -n "$pgid" ] && kill -- "-$pgid" 2>/dev/null || true' EXIT
# gpuQuota.cacheMaxAgeSeconds stays at app-config.yaml's 15 (the default); the .mjs prints it.
setsid node "$MLP_YARN" workspace backend start --config "$root/app-config.yaml" \
  --config "$root/bench/app-config.bench.yaml" \
  --config "$root/data/services/app-config.services.yaml" >data/bench/backend.log 2>&1 &
pgid=$!
for _ in $(seq 1 300); do
  curl -fs -o /dev/null http://localhost:7207/.backstage/health/v1/readiness && break
  kill -0 "$pgid" 2>/dev/null || mlp_die "the backend exited on start; see data/bench/backend.log:
$(tail -20 data/bench/backend.log)"
  sleep 1
done
curl -fs -o /dev/null http://localhost:7207/.backstage/health/v1/readiness ||
  mlp_die "the backend is not ready after 300 s; see data/bench/backend.log"
BENCH_BACKEND_URL=http://localhost:7207 BENCH_KUBECONFIG="$kubeconfig" \
  node bench/gpu-quota.mjs "${1:-1000}"
