#!/usr/bin/env bash
# Benchmark of the local Coder (services/coder/build.sh, scripts/services/coder.sh). Prints:
#   - build time of Coder and the echo template writer: cold (an empty Go build cache, modules
#     already downloaded) and with the build cache the earlier build left, into temporary folders;
#   - start time until the API answers and the bootstrap is done (first user, the catalog's people,
#     the demo templates): on a fresh database, and again on the database it has just migrated;
#   - beside it the previous way, in the same run: the fake Coder the tests used before
#     (plugins/coder-node/src/testUtils/fakeCoder), started until it answers.
# Needs the local PostgreSQL up (scripts/services.sh up postgres). Usage: bash bench/coder.sh [--skip-build]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/env.sh"
cd "$root"
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc | xargs printf '%.1f s'; }
pg="postgresql://postgres:postgres@127.0.0.1:${MLP_POSTGRES_PORT:-54329}/postgres"
PGPASSWORD=postgres psql "$pg" -Atc 'select 1' >/dev/null 2>&1 ||
  mlp_die "the local PostgreSQL is not up: scripts/services.sh up postgres"
tmp="$(mktemp -d)"
db=coder_bench_$$
fake=""
cleanup() {
  "$root/scripts/services/coder.sh" stop "$tmp/state" >/dev/null 2>&1 || true
  [ -n "$fake" ] && kill "$fake" 2>/dev/null || true
  PGPASSWORD=postgres psql "$pg" -qc "drop database if exists $db" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

if [ "${1:-}" != "--skip-build" ]; then
  t=$(now)
  GOCACHE="$tmp/gocache" MLP_CODER_TOOLS_DIR="$tmp/cold" "$root/services/coder/build.sh" --force >/dev/null 2>"$tmp/cold.log"
  printf '%-62s %s\n' "Coder build, cold (empty Go build cache)" "$(since "$t")"
  sed -n 's/^\[coder-build\] \(.*\): built in \(.*\)$/  \1: \2/p' "$tmp/cold.log"
  t=$(now)
  GOCACHE="$tmp/gocache" MLP_CODER_TOOLS_DIR="$tmp/warm" "$root/services/coder/build.sh" --force >/dev/null 2>"$tmp/warm.log"
  printf '%-62s %s\n' "Coder build, with the build cache" "$(since "$t")"
  sed -n 's/^\[coder-build\] \(.*\): built in \(.*\)$/  \1: \2/p' "$tmp/warm.log"
fi
"$root/services/coder/build.sh" >/dev/null 2>&1

t=$(now)
start() { MLP_CODER_DATABASE=$db "$root/scripts/services/coder.sh" start "$tmp/state" 7099 "$pg" 2>>"$tmp/start.log" || { cat "$tmp/start.log" >&2; exit 1; }; }
start
printf '%-62s %s  (%s)\n' "Coder start + bootstrap, fresh database" "$(since "$t")" "$(tail -1 "$tmp/state/bootstrap.log")"
"$root/scripts/services/coder.sh" stop "$tmp/state"
t=$(now)
start
printf '%-62s %s\n' "Coder start + bootstrap, already migrated database" "$(since "$t")"
t=$(now)
"$root/scripts/services/coder.sh" stop "$tmp/state"
printf '%-62s %s\n' "Coder stop" "$(since "$t")"

t=$(now)
FAKE_CODER_PORT=7098 node --require @backstage/cli/config/nodeTransform.cjs \
  "$root/plugins/coder-node/src/testUtils/fakeCoder/main.ts" >"$tmp/fake.log" 2>&1 &
fake=$!
until curl -fs -o /dev/null http://127.0.0.1:7098/api/v2/buildinfo; do
  kill -0 "$fake" 2>/dev/null || mlp_die "the fake Coder exited; see its log above: $(cat "$tmp/fake.log")"
  sleep 0.1
done
printf '%-62s %s\n' "  the previous way: the fake Coder, started" "$(since "$t")"
