#!/usr/bin/env bash
# The test suite needs Debian's Chromium (end-to-end tests), PostgreSQL (production-config
# test) and Prometheus (GPU utilization of the local cluster). Installs them with apt when they are missing and we are root; otherwise says what to run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/prometheus ] || missing+=(prometheus)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  mlp_die "missing system packages: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}"
fi
mlp_log "installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-liberation >/dev/null
