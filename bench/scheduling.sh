#!/usr/bin/env bash
# Scheduling throughput of the local cluster: 500 pending GPU pods, bound by kube-scheduler and
# run by KWOK (bench/scheduling.mjs). Prints figures; not a test.
# Usage: bash bench/scheduling.sh [PODS]   (default 500)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/env.sh"
cd "$root"
"$root/scripts/setup.sh" >/dev/null
"$root/scripts/services.sh" up kube >/dev/null
kubeconfig="$(sed -n 's/^MLP_KUBECONFIG=//p' data/services/services.env | tail -1)"
node bench/scheduling.mjs "$kubeconfig" "${1:-500}"
