#!/usr/bin/env bash
# One-time (and cheap to repeat) set-up: Node (project-local when the system one is too old),
# JavaScript dependencies through yarn from .yarn/releases, and a virtualenv with MkDocs for
# TechDocs. Each step is skipped when its inputs have not changed since it last succeeded.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$MLP_ROOT"
shopt -s nullglob

stamp_dir="$MLP_ROOT/.tools/stamps"
mkdir -p "$stamp_dir"
# Prints a hash of the given files; a step re-runs only when it changes.
inputs_hash() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

step_yarn() {
  local manifests hash
  manifests=(package.json yarn.lock .yarnrc.yml packages/*/package.json plugins/*/package.json)
  hash="$(inputs_hash "${manifests[@]}")-$(node --version)"
  if [ -d node_modules ] && [ "$(cat "$stamp_dir/yarn" 2>/dev/null)" = "$hash" ]; then
    mlp_log "dependencies: up to date"
    return
  fi
  mlp_log "dependencies: yarn install"
  if [ -n "${CI:-}" ]; then
    mlp_yarn install --immutable
  else
    mlp_yarn install
  fi
  # yarn.lock may have been rewritten by a non-immutable install; stamp what is now on disk.
  echo "$(inputs_hash "${manifests[@]}")-$(node --version)" >"$stamp_dir/yarn"
}

step_venv() {
  local hash venv="$MLP_ROOT/.venv"
  hash="$(inputs_hash python/requirements-techdocs.txt)-$(python3 --version 2>&1)"
  if [ -x "$venv/bin/mkdocs" ] && [ "$(cat "$stamp_dir/venv" 2>/dev/null)" = "$hash" ]; then
    mlp_log "python virtualenv: up to date"
    return
  fi
  command -v python3 >/dev/null || mlp_die "python3 is needed for TechDocs (MkDocs); install Python 3.9+"
  mlp_log "python virtualenv: installing MkDocs + mkdocs-techdocs-core into .venv/"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r python/requirements-techdocs.txt
  echo "$hash" >"$stamp_dir/venv"
}

step_yarn
step_venv
mkdir -p "$MLP_ROOT/data"
mlp_log "set-up done (node $(node --version))"
