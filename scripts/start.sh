#!/usr/bin/env bash
# Starts the portal on embedded defaults: frontend on http://localhost:3000, backend on
# http://localhost:7007, SQLite files and built TechDocs under data/.
# It first starts the local services (scripts/services.sh: a living Kubernetes cluster with the
# demo teams' GPU quotas and simulated GPU nodes, MLflow with seeded runs and models, Coder on the
# local PostgreSQL) and points the portal at them; the first start builds them (minutes), later
# starts take seconds. Those it started it stops on exit.
#   ./scripts/start.sh --no-services            the portal alone (or MLP_SERVICES=off)
#   MLP_KUBECONFIG=~/.kube/config MLP_MLFLOW_URL=https://mlflow.example ./scripts/start.sh
#                                               a real cluster / MLflow instead of local ones
#   MLP_CODER_URL=https://coder.example ./scripts/start.sh
#                                               your Coder (coder.* in app-config.local.yaml)
# Config: app-config.yaml, plus app-config.local.yaml when it exists; or pass your own list:
#   ./scripts/start.sh --config app-config.yaml --config my-overrides.yaml
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
source "$root/scripts/env.sh"
cd "$root"

services="${MLP_SERVICES:-on}"
args=()
for arg in "$@"; do
  if [ "$arg" = --no-services ]; then services=off; else args+=("$arg"); fi
done
if [ ${#args[@]} -eq 0 ]; then
  args=(--config app-config.yaml)
  [ -f app-config.local.yaml ] && args+=(--config app-config.local.yaml)
fi
# backstage-cli runs each package from its own folder, so config paths must be absolute.
for i in "${!args[@]}"; do
  if [ "$i" -gt 0 ] && [ "${args[$((i - 1))]}" = "--config" ] && [[ "${args[$i]}" != /* ]]; then
    args[$i]="$root/${args[$i]}"
  fi
done
# Fail fast, naming the file and key, when a config file is broken.
node scripts/check-config.mjs "${args[@]}"

started_services=0 background=""
stop_services() {
  # A first build still running in the background stops with the portal.
  [ -n "$background" ] && kill -- "-$background" 2>/dev/null || true
  [ "$started_services" = 1 ] && "$root/scripts/services.sh" down || true
}
if [ "$services" != off ]; then
  # Services that were already up (another start, the test command) are used and left running.
  # (Captured first: grep -q stopping early would fail the pipeline under pipefail.)
  before="$("$root/scripts/services.sh" status)"
  [[ "$before" == *" up"* ]] || started_services=1
  trap stop_services EXIT
  # First start: building the local cluster and Coder from the Go module proxy takes minutes
  # (README, "First start"). The portal starts at once; what is not built yet is built and started
  # in the background, and until it is up the cards that need it say so (the cluster's cards name
  # the step and the time left).
  now=(postgres mlflow) later=()
  if [ -n "${MLP_KUBECONFIG:-}" ] || "$root/services/kube/build.sh" --check; then now+=(kube prometheus); else later+=(kube prometheus); fi
  if [ -n "${MLP_CODER_URL:-}" ] || "$root/services/coder/build.sh" --check; then now+=(coder); else later+=(coder); fi
  "$root/scripts/services.sh" up "${now[@]}" ||
    mlp_die "a local service did not start (message above); fix it, or start the portal without them: ./scripts/start.sh --no-services"
  if [ ${#later[@]} -gt 0 ]; then
    for name in "${later[@]}"; do "$root/scripts/services.sh" prepare "$name"; done
    mkdir -p "$root/data/services"
    mlp_log "${later[*]}: building in the background (the cluster about 10 minutes on 2 cores, Coder about 6); the portal starts now. Progress: data/services/background.log"
    # One after the other: each start rewrites services.env.
    setsid bash -c 'for name in "$@"; do "$0" up "$name" || exit 1; done' \
      "$root/scripts/services.sh" "${later[@]}" >"$root/data/services/background.log" 2>&1 &
    background=$!
  fi
  args+=(--config "$root/data/services/app-config.services.yaml")
  # Live demo jobs on the local cluster's simulated GPU nodes, submitted through the jobs API once
  # the backend answers (MLP_DEMO_JOBS=off: none; the end-to-end tests start without them).
  if [ -z "${MLP_KUBECONFIG:-}" ] && [ "${MLP_DEMO_JOBS:-on}" != off ]; then
    mkdir -p "$root/data"
    node "$root/scripts/seed-demo-jobs.mjs" "${MLP_BACKEND_URL:-http://localhost:7007}" >"$root/data/demo-jobs.log" 2>&1 &
  fi
fi

# The backend's local TechDocs generator runs `mkdocs` from PATH.
export PATH="$root/.venv/bin:$PATH"
mkdir -p data
node "$MLP_YARN" start "${args[@]}"
