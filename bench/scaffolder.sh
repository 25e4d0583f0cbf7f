#!/usr/bin/env bash
# Benchmark of the onboarding template end to end, through the scaffolder API of a real backend
# against the local Kubernetes API server: a first run (creates everything) and re-runs (change
# nothing). Prints the times; not a test. Usage: bash bench/scaffolder.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/env.sh"
cd "$root"
"$root/scripts/setup.sh"
"$root/scripts/services.sh" up mlflow kube >/dev/null
rm -rf data/bench && mkdir -p data/bench
pgid=""
trap '[ -n "$pgid" ] && kill -- "-$pgid" 2>/dev/null || true' EXIT
setsid node "$MLP_YARN" workspace backend start --config "$root/app-config.yaml" \
  --config "$root/bench/app-config.bench.yaml" \
  --config "$root/data/services/app-config.services.yaml" >data/bench/backend.log 2>&1 &
pgid=$!
for _ in $(seq 1 300); do
  curl -fs -o /dev/null http://localhost:7207/.backstage/health/v1/readiness && break
  sleep 1
done
BENCH_BACKEND_URL=http://localhost:7207 node bench/scaffolder.mjs "${1:-5}"
