#!/usr/bin/env bash
# Benchmark of training job submission through the mlp CLI: the time from starting
# `mlp train` to its Argo Workflow existing on the local Kubernetes API server (p50/p95 over
# 50 submissions), and the CLI's own start-up time. Prints the figures; not a test.
# Usage: bash bench/jobs.sh [SUBMISSIONS]   (default 50)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/env.sh"
cd "$root"
"$root/scripts/setup.sh"
"$root/scripts/services.sh" up kube mlflow >/dev/null
kubeconfig="$(sed -n 's/^MLP_KUBECONFIG=//p' data/services/services.env | tail -1)"
[ -f "$kubeconfig" ] || mlp_die "no admin kubeconfig in data/services/services.env (MLP_KUBECONFIG)"
# The CLI as a data scientist installs it, in its own virtualenv.
bash sdk/python/run-tests.sh --version >/dev/null
source "$root/bench/start-backend.sh"
bench_start_backend
BENCH_BACKEND_URL=http://localhost:7207 BENCH_KUBECONFIG="$kubeconfig" \
  BENCH_MLP="$root/sdk/python/.venv/bin/mlp" \
  node bench/jobs.mjs "${1:-50}"
