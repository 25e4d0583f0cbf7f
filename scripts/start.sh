#!/usr/bin/env bash
# Starts the portal on embedded defaults: frontend on http://localhost:3000, backend on
# http://localhost:7007, SQLite files and built TechDocs under data/.
# Extra arguments go to `backstage-cli repo start` (e.g. --config app-config.local.yaml).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
source "$root/scripts/env.sh"
cd "$root"
# The backend's local TechDocs generator runs `mkdocs` from PATH.
export PATH="$root/.venv/bin:$PATH"
mkdir -p data/sqlite data/techdocs
# Fail fast, naming the file and key, when a config file is broken.
node scripts/check-config.mjs "$@"
args=()
[ -f app-config.local.yaml ] && args+=(--config app-config.yaml --config app-config.local.yaml)
exec node .yarn/releases/yarn-4.13.0.cjs start "${args[@]}" "$@"
