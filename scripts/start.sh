#!/usr/bin/env bash
# Starts the portal on embedded defaults: frontend on http://localhost:3000, backend on
# http://localhost:7007, SQLite files and built TechDocs under data/.
# Config: app-config.yaml, plus app-config.local.yaml when it exists; or pass your own list:
#   ./scripts/start.sh --config app-config.yaml --config my-overrides.yaml
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/setup.sh"
source "$root/scripts/env.sh"
cd "$root"

args=("$@")
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

# The backend's local TechDocs generator runs `mkdocs` from PATH.
export PATH="$root/.venv/bin:$PATH"
mkdir -p data
exec node "$MLP_YARN" start "${args[@]}"
