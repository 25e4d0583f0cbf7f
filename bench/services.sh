#!/usr/bin/env bash
# Benchmark of the local services (scripts/services.sh). Prints:
#   - cold build time of the local cluster's binaries (etcd; kube, holding kube-apiserver,
#     kube-controller-manager and kube-scheduler; kwok; Argo's workflow-controller; KServe's
#     kserve-controller), each timed:
#     empty Go build cache, modules already downloaded; binaries into a temporary folder; and
#     beside it the previous way, on the same machine in the same run: the cluster without nodes,
#     scheduler or workflow controller (etcd, then kube-apiserver and kube-controller-manager as
#     two binaries), also from an empty build cache;
#   - MLflow seeding time (training and logging the demo runs into a fresh MLflow);
#   - warm start time of all services (binaries built, MLflow seeded) and stop time.
# Stops the project's running services first. Usage: bash bench/services.sh [--skip-build]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/env.sh"
cd "$root"
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc | xargs printf '%.1f s'; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"; "$root/scripts/services.sh" down >/dev/null 2>&1 || true' EXIT

"$root/scripts/services.sh" down >/dev/null 2>&1 || true

if [ "${1:-}" != "--skip-build" ]; then
  t=$(now)
  GOCACHE="$tmp/gocache" MLP_KUBE_BIN_DIR="$tmp/bin" "$root/services/kube/build.sh" --force >/dev/null 2>"$tmp/build.log"
  printf '%-58s %s\n' "local cluster binaries, cold build (empty Go build cache)" "$(since "$t")"
  sed -n 's/^\[kube-build\] \(.*\): built in \(.*\)$/  \1: \2/p' "$tmp/build.log"

  # The previous way: what the cluster was before it had nodes, a scheduler and a workflow
  # controller. Same modules, same flags, a build cache of its own.
  before() { # NAME MODULE-DIR PACKAGE
    (cd "$root/services/$2" && CGO_ENABLED=0 GOWORK=off GOCACHE="$tmp/gocache-before" \
      go build -trimpath -buildvcs=false -ldflags "-s -w" -o "$tmp/before/$1" "$3")
  }
  t=$(now)
  before etcd kube/etcd .
  before kube-apiserver kube/apiserver k8s.io/kubernetes/cmd/kube-apiserver
  before kube-controller-manager kube/apiserver k8s.io/kubernetes/cmd/kube-controller-manager
  printf '%-58s %s\n' "  the previous way (etcd, kube-apiserver, controller-manager)" "$(since "$t")"
fi

t=$(now)
"$root/scripts/services/mlflow.sh" start "$tmp/mlflow" 5099 2>"$tmp/mlflow.log"
printf '%-58s %s  (%s)\n' "MLflow start + seeding on a fresh store" "$(since "$t")" "$(tail -1 "$tmp/mlflow.log")"
"$root/scripts/services/mlflow.sh" stop "$tmp/mlflow"

"$root/scripts/services.sh" up >/dev/null 2>&1 # makes sure everything is built and seeded
"$root/scripts/services.sh" down >/dev/null 2>&1
t=$(now)
"$root/scripts/services.sh" up >/dev/null 2>&1
printf '%-58s %s\n' "all services, warm start (postgres, mlflow, the living cluster)" "$(since "$t")"
t=$(now)
"$root/scripts/services.sh" down >/dev/null 2>&1
printf '%-58s %s\n' "all services, stop" "$(since "$t")"
