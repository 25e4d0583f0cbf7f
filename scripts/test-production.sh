#!/usr/bin/env bash
# The production path without Docker: builds the frontend and the backend bundle, unpacks them the
# way the Dockerfile does (skeleton + production dependencies + bundle), and starts the backend with
# app-config.production.yaml against a real PostgreSQL server on loopback. Then
# e2e/production.test.mjs checks that it serves the app and the catalog API.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/env.sh"
cd "$root"

work="$(mktemp -d)"
# PostgreSQL runs as the postgres user, which must be able to enter this folder.
chmod 755 "$work"
pg="$work/pg"
app="$work/app"
port=7017
pgport=54339
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  "$root/scripts/services/postgres.sh" stop "$pg"
  rm -rf "$work"
}
trap cleanup EXIT

echo "building the backend bundle (it builds the frontend too)"
mlp_yarn workspace backend build >/dev/null

echo "unpacking like the Dockerfile does into $app"
mkdir -p "$app"
cp -r .yarn .yarnrc.yml backstage.json yarn.lock package.json "$app/"
tar xzf packages/backend/dist/skeleton.tar.gz -C "$app"
(cd "$app" && mlp_yarn workspaces focus --all --production >"$work/focus.log" 2>&1) ||
  { tail -20 "$work/focus.log"; exit 1; }
tar xzf packages/backend/dist/bundle.tar.gz -C "$app"
cp -r catalog templates guides app-config.yaml app-config.production.yaml "$app/"

echo "starting PostgreSQL on 127.0.0.1:$pgport"
"$root/scripts/services/postgres.sh" start "$pg" "$pgport"

export APP_BASE_URL="http://localhost:$port" PORT="$port"
export BACKEND_SECRET="$(head -c 24 /dev/urandom | base64)"
export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT="$pgport" POSTGRES_USER=postgres POSTGRES_PASSWORD=postgres
# Only so the test can get a token; a real deployment signs in with its identity provider.
export ALLOW_GUEST_SIGN_IN=true
export PATH="$root/.venv/bin:$PATH"
mkdir -p "$app/data/techdocs"
(cd "$app" && exec node packages/backend \
  --config app-config.yaml --config app-config.production.yaml \
  --config "$root/e2e/app-config.production-test.yaml") >"$work/backend.log" 2>&1 &
pid=$!

deadline=$((SECONDS + 240))
until curl -fs -o /dev/null "$APP_BASE_URL/.backstage/health/v1/readiness"; do
  if [ $SECONDS -ge $deadline ] || ! kill -0 "$pid" 2>/dev/null; then
    echo "production backend did not become ready; last lines of its log:" >&2
    tail -40 "$work/backend.log" >&2
    exit 1
  fi
  sleep 2
done

E2E_BACKEND_URL="$APP_BASE_URL" PGPORT="$pgport" node --test --test-timeout=300000 e2e/production.test.mjs ||
  { tail -40 "$work/backend.log" >&2; exit 1; }
