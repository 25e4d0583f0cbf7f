#!/usr/bin/env bash
# Benchmark of the GPU cost store and service on SQLite and PostgreSQL with a 1,000,000-row ledger
# (see bench/cost.ts for what is timed). Prints the figures; not a test.
# Usage: bash bench/cost.sh [ROWS]   (default 1000000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/env.sh"
cd "$root"
"$root/scripts/setup.sh"
"$root/scripts/services.sh" up postgres >/dev/null
mkdir -p data/bench
# Runs the plugin's TypeScript as it is, with the Backstage CLI's own Node transform.
node --require @backstage/cli/config/nodeTransform.cjs bench/cost.ts "${1:-1000000}"
