#!/usr/bin/env bash
# End-to-end tests against the portal as the README starts it (scripts/start.sh), on ports and a
# data folder of their own (e2e/app-config.e2e.yaml), with the local services the test command
# started (the cluster, MLflow and Coder). Then restarts the backend on the same SQLite files and
# checks that what the first run stored is still there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/env.sh"
cd "$root"

out="$root/test-results/e2e"
mkdir -p "$out"
export E2E_BASE_URL=http://localhost:3100
export E2E_BACKEND_URL=http://localhost:7107
export E2E_PORTAL_LOG="$out/portal.log"
config=(--config app-config.yaml --config e2e/app-config.e2e.yaml)

for port in 3100 7107; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    mlp_die "port $port is in use; stop whatever listens there before running the end-to-end tests"
  fi
done

pgid=""
stop_portal() {
  [ -n "$pgid" ] && kill -- "-$pgid" 2>/dev/null || true
  # Wait until the ports are free again.
  for _ in $(seq 1 30); do
    (exec 3<>/dev/tcp/127.0.0.1/7107) 2>/dev/null || break
    sleep 1
  done
  pgid=""
}
trap stop_portal EXIT

wait_for() {
  local url="$1" deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null "$url"; do
    if [ $SECONDS -ge $deadline ]; then
      echo "not ready after $2 s: $url; last lines of $E2E_PORTAL_LOG:" >&2
      tail -30 "$E2E_PORTAL_LOG" >&2
      return 1
    fi
    sleep 2
  done
}

rm -rf data/e2e
# The tests count GPUs and jobs themselves: no demo jobs in the team they use.
setsid env MLP_DEMO_JOBS=off "$root/scripts/start.sh" "${config[@]}" >"$E2E_PORTAL_LOG" 2>&1 &
pgid=$!
wait_for "$E2E_BACKEND_URL/.backstage/health/v1/readiness" 300
wait_for "$E2E_BASE_URL" 600

status=0
node --test --test-concurrency=1 --test-timeout=600000 e2e/layout.test.mjs e2e/api.e2e.test.mjs e2e/portal.e2e.test.mjs e2e/gpu-quota.e2e.test.mjs e2e/jobs.e2e.test.mjs e2e/cost.e2e.test.mjs e2e/idle-gpus.e2e.test.mjs e2e/deployments.e2e.test.mjs e2e/mlflow.e2e.test.mjs e2e/coder.e2e.test.mjs e2e/cli-login.e2e.test.mjs e2e/platform-metrics.e2e.test.mjs e2e/experiments.e2e.test.mjs e2e/pages.e2e.test.mjs || status=1

# The mlp CLI and SDK (sdk/python) with pytest: offline tests, and tests against this portal's
# backend as the guest (a data scientist of nlp-team). Counts go out as TAP summary lines.
guest_token="$(curl -fs "$E2E_BACKEND_URL/api/auth/guest/refresh" |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).backstageIdentity.token))')"
MLP_TEST_PORTAL_URL="$E2E_BACKEND_URL" MLP_TEST_TOKEN="$guest_token" \
  bash sdk/python/run-tests.sh -p no:cacheprovider --junitxml="$out/pytest.xml" || status=1
node scripts/junit-summary.mjs "$out/pytest.xml" || status=1

# Restart on the same data: backend only, it is what holds the data.
stop_portal
setsid node "$MLP_YARN" workspace backend start \
  --config "$root/app-config.yaml" --config "$root/e2e/app-config.e2e.yaml" \
  --config "$root/data/services/app-config.services.yaml" >"$out/portal-restart.log" 2>&1 &
pgid=$!
E2E_PORTAL_LOG="$out/portal-restart.log" wait_for "$E2E_BACKEND_URL/.backstage/health/v1/readiness" 300
node --test --test-timeout=120000 e2e/restart.e2e.test.mjs || status=1
exit $status
