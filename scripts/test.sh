#!/usr/bin/env bash
# The whole test suite, exactly what CI runs (.ci/run calls this):
#   1. set-up (Node, dependencies, MkDocs) and system packages (Chromium, PostgreSQL)
#   2. config check, type-check, lint
#   3. unit and integration tests (Jest, node:test)
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
yarn_() { node "$root/.yarn/releases/yarn-4.13.0.cjs" "$@"; }

# Adds the counts of a node:test run (its TAP summary) to the totals.
count_node_tests() {
  local log="$1" p f
  p="$(grep -E '^# pass [0-9]+' "$log" | tail -1 | awk '{print $3}')"
  f="$(grep -E '^# fail [0-9]+' "$log" | tail -1 | awk '{print $3}')"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
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

check "config files" node scripts/check-config.mjs --config app-config.yaml --config app-config.production.yaml
check "type-check (tsc)" yarn_ tsc
check "lint" yarn_ backstage-cli repo lint

echo "== unit and integration tests (jest)"
if ! yarn_ backstage-cli repo test --json --outputFile="$results/jest.json"; then
  failures+=("jest")
fi
if [ -f "$results/jest.json" ]; then
  read -r jp jf < <(node -e 'const r=require(process.argv[1]);console.log(r.numPassedTests, r.numFailedTests + r.numRuntimeErrorTestSuites)' "$results/jest.json")
  passed=$((passed + jp))
  failed=$((failed + jf))
else
  failed=$((failed + 1))
fi

echo "== script tests (node:test)"
node --test scripts/ 2>&1 | tee "$results/scripts.tap" || failures+=("script tests")
count_node_tests "$results/scripts.tap"

echo "== end-to-end (scripts/start.sh + Chromium)"
"$root/scripts/test-e2e.sh" 2>&1 | tee "$results/e2e.tap" || failures+=("end-to-end")
count_node_tests "$results/e2e.tap"

echo "== production bundle on PostgreSQL"
"$root/scripts/test-production.sh" 2>&1 | tee "$results/production.tap" || failures+=("production")
count_node_tests "$results/production.tap"

echo
if [ ${#failures[@]} -gt 0 ]; then
  echo "failed: ${failures[*]} (details above; screenshots and logs in test-results/)"
fi
echo "${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ] && [ ${#failures[@]} -eq 0 ]
