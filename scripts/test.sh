#!/usr/bin/env bash
# The whole test suite, exactly what CI runs (.ci/run calls this):
#   1. set-up (Node, dependencies, MkDocs) and system packages (Chromium, PostgreSQL), then the
#      real services (scripts/services.sh: PostgreSQL, MLflow, kube-apiserver + etcd); a service
#      that cannot start fails the run
#   2. config check, type-check, lint
#   3. unit and integration tests (Jest, node:test), service tests against the real services
#   4. end-to-end: the portal started with scripts/start.sh, driven in headless Chromium
#   5. production: the backend bundle on PostgreSQL with app-config.production.yaml
# Ends with one line "N passed, N failed". Results and failure screenshots go to test-results/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
"$root/scripts/setup.sh"
"$root/scripts/ensure-system-packages.sh"
source "$root/scripts/env.sh"
export CI="${CI:-true}"

results="$root/test-results"
rm -rf "$results" && mkdir -p "$results"
passed=0
failed=0
failures=()

# Runs a stage of node:test files and adds the counts of its TAP summaries to the totals. A stage
# that fails without a failed test (e.g. the portal did not start) counts as one failure.
node_stage() {
  local name="$1" log="$results/$2.tap" p f status=0
  shift 2
  echo "== $name"
  "$@" 2>&1 | tee "$log" || status=1
  p="$(grep -E '^# pass [0-9]+' "$log" | awk '{s += $3} END {print s + 0}')"
  f="$(grep -E '^# fail [0-9]+' "$log" | awk '{s += $3} END {print s + 0}')"
  passed=$((passed + p))
  failed=$((failed + f))
  if [ "$status" != 0 ]; then
    failures+=("$name")
    [ "$f" -eq 0 ] && failed=$((failed + 1))
  fi
  return 0
}

# Runs a check that is not made of counted test cases; it counts as one test.
check() {
  local name="$1"
  shift
  echo "== $name"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

services_up=0
stop_services() { [ "$services_up" = 1 ] && "$root/scripts/services.sh" down || true; }
trap stop_services EXIT
echo "== services"
if "$root/scripts/services.sh" up; then
  services_up=1
  passed=$((passed + 1))
else
  services_up=1
  failed=$((failed + 1))
  failures+=("services (see the message above)")
fi

check "config files" node scripts/check-config.mjs --config app-config.yaml --config app-config.production.yaml
check "type-check (tsc)" mlp_yarn tsc
check "lint" mlp_yarn backstage-cli repo lint
check "formatting (prettier)" node_modules/.bin/prettier --check .

echo "== unit and integration tests (jest)"
jest_status=0
mlp_yarn backstage-cli repo test --json --outputFile="$results/jest.json" || jest_status=1
if [ -f "$results/jest.json" ]; then
  read -r jp jf < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites)' "$results/jest.json")
  passed=$((passed + jp))
  failed=$((failed + jf))
  [ "$jest_status" != 0 ] && [ "$jf" -eq 0 ] && failed=$((failed + 1))
else
  failed=$((failed + 1))
fi
[ "$jest_status" != 0 ] && failures+=("jest")

node_stage "script tests (node:test)" scripts node --test 'scripts/*.test.mjs' 'services/kube/cluster/*.test.mjs' 'services/gpu-metrics/*.test.mjs'
# One file at a time: kserve.test.ts adds GPU pods to nlp-team, whose quota usage kube.test.ts checks.
node_stage "services: kube-apiserver, KServe and MLflow from TypeScript" services node --test --test-concurrency=1 'services/test/*.test.ts'
node_stage "end-to-end (scripts/start.sh + Chromium)" e2e "$root/scripts/test-e2e.sh"
node_stage "production bundle on PostgreSQL" production "$root/scripts/test-production.sh"

echo
if [ ${#failures[@]} -gt 0 ]; then
  echo "failed: ${failures[*]} (details above; screenshots and logs in test-results/)"
fi
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ] && [ ${#failures[@]} -eq 0 ]
