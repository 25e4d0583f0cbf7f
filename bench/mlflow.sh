#!/usr/bin/env bash
# Benchmark of the MLflow plugin against a real MLflow server holding 20,000 runs in one
# experiment and 2,000 registered models (seeded once into data/bench/mlflow, minutes): time to
# the first page of runs (p50/p95) against fetching all runs the naive way, and a full catalog
# ingestion of all models. Prints the figures; not a test.
# Usage: bash bench/mlflow.sh [RUNS] [MODELS]   (default 20000 2000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/env.sh"
cd "$root"
"$root/scripts/setup.sh"
runs="${1:-20000}" models="${2:-2000}"
dir="$root/data/bench/mlflow"
port="${MLP_BENCH_MLFLOW_PORT:-5099}"
if [ "$(cat "$dir/bench-seeded" 2>/dev/null)" != "$runs $models" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  mlp_log "mlflow bench: seeding $runs runs and $models models (once; minutes)"
  (cd python && "$root/.venv-mlflow/bin/python" -m mlp_services.bench_mlflow \
    --store "sqlite:///$dir/mlflow.db" --runs "$runs" --models "$models")
  # The server script seeds demo data unless told it is done.
  touch "$dir/seeded"
  echo "$runs $models" >"$dir/bench-seeded"
fi
"$root/scripts/services/mlflow.sh" start "$dir" "$port"
trap '"$root/scripts/services/mlflow.sh" stop "$dir"' EXIT
BENCH_MLFLOW_URL="http://127.0.0.1:$port" \
  node --require @backstage/cli/config/nodeTransform.cjs bench/mlflow.ts "$runs" "$models"
