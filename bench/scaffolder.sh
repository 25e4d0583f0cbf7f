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
source "$root/bench/start-backend.sh"
bench_start_backend
BENCH_BACKEND_URL=http://localhost:7207 node bench/scaffolder.mjs "${1:-5}"
