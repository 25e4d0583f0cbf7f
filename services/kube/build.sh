#!/usr/bin/env bash
# Builds the local cluster's binaries from Go modules (nothing but the Go module proxy that
# `go env GOPROXY` names is contacted) into one folder per set of versions,
# .tools/kube/<k8s>-<etcd>-kwok<v>-argo<v>-kserve<v>/bin/ at the repo root:
#   etcd                  etcd/go.mod        go.etcd.io/etcd/server/v3
#   kube                  apiserver/go.mod   k8s.io/kubernetes: kube-apiserver, kube-controller-manager
#                                            and kube-scheduler in one binary (they share most of their
#                                            code, so it is compiled and linked once), with a link of
#                                            each name to it; the component is the name it is called by
#   kwok                  ../kwok/go.mod     sigs.k8s.io/kwok (tool directive): the simulated nodes
#   workflow-controller   ../argo/go.mod     github.com/argoproj/argo-workflows/v4 (tool directive),
#                                            and next to bin/ the CRDs that module ships (argo-crds/)
#   kserve-controller     ../kserve/go.mod   github.com/kserve/kserve (tool directive): KServe's controller
#                                            (cmd/manager; the module's replace line for controller-runtime
#                                            is repeated in the wrapper), and next to bin/ the CRDs it
#                                            reconciles or reads, from the module's config/crd/full/ (kserve-crds/)
# A binary that is already there is not rebuilt.
#   build.sh                  build what is missing, print the bin directory
#   build.sh --force          rebuild all
#   build.sh --print-bin-dir  only print the bin directory (nothing is built)
#   build.sh --check          exit 0 when everything is built, 1 when a build is needed
#
# Bump a version with `go get` + `go mod tidy` in its module folder (`go get -tool` for kwok, argo
# and kserve; for KServe also copy any new `replace` line of its go.mod); for Kubernetes also move
# every staging `replace` in apiserver/go.mod to v0.<minor>.<patch>.
# Prints the directory holding the binaries on stdout; everything else goes to stderr.
# MLP_KUBE_BIN_DIR overrides the directory (the benchmark builds into a temporary one).
# MLP_KUBE_PROGRESS names a JSON file that says which part is building and about how long is left
# (scripts/services/kube.sh passes it; the portal reads it while the local cluster is not up yet).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
services="$(cd "$here/.." && pwd)"
root="$(cd "$here/../.." && pwd)"
force="" print_only="" check_only=""
case "${1:-}" in
  "") ;;
  --force) force=1 ;;
  --print-bin-dir) print_only=1 ;;
  --check) check_only=1 ;;
  *) echo "usage: build.sh [--force | --print-bin-dir | --check]" >&2; exit 2 ;;
esac

log() { printf '[kube-build] %s\n' "$*" >&2; }
die() { printf '[kube-build] error: %s\n' "$*" >&2; exit 1; }

# The pinned versions, read from the require lines of the go.mod files (no Go needed for that, so
# --print-bin-dir works on a machine without Go that already has the binaries).
modver() { awk -v mod="$2" '$1 == mod { print $2; exit } $1 == "require" && $2 == mod { print $3; exit }' "$services/$1/go.mod"; }
k8s_version="$(modver kube/apiserver k8s.io/kubernetes)"   # v1.37.2
etcd_version="$(modver kube/etcd go.etcd.io/etcd/server/v3)" # v3.7.0
kwok_version="$(modver kwok sigs.k8s.io/kwok)"                # v0.8.0
argo_module=github.com/argoproj/argo-workflows/v4
argo_version="$(modver argo "$argo_module")" # v4.0.5
kserve_module=github.com/kserve/kserve
kserve_version="$(modver kserve "$kserve_module")" # v0.16.0
[[ "$k8s_version" == v1.* ]] && [[ "$etcd_version" == v3.* ]] && [[ "$kwok_version" == v0.* ]] &&
  [[ "$argo_version" == v4.* ]] && [[ "$kserve_version" == v0.* ]] || die "could not read the versions from the go.mod files"

bin="${MLP_KUBE_BIN_DIR:-$root/.tools/kube/${k8s_version#v}-${etcd_version#v}-kwok${kwok_version#v}-argo${argo_version#v}-kserve${kserve_version#v}/bin}"
if [ -n "$print_only" ]; then echo "$bin"; exit 0; fi
mkdir -p "$bin"
components=(kube-apiserver kube-controller-manager kube-scheduler)
crds="$(dirname "$bin")/argo-crds"
kserve_crds="$(dirname "$bin")/kserve-crds"
built() {
  [ -x "$bin/etcd" ] && [ -x "$bin/kube" ] && [ -L "$bin/kube-scheduler" ] &&
    [ -x "$bin/kwok" ] && [ -x "$bin/workflow-controller" ] && [ -f "$crds/.complete" ] &&
    [ -x "$bin/kserve-controller" ] && [ -f "$kserve_crds/.complete" ]
}
if [ -n "$check_only" ]; then built; exit; fi
if [ -z "$force" ] && built; then
  log "etcd, kube (${components[*]}), kwok, workflow-controller, kserve-controller: up to date in ${bin#"$root"/}"
  echo "$bin"
  exit 0
fi
command -v go >/dev/null ||
  die "go is not on PATH; Go 1.26 or newer is needed to build the Kubernetes binaries once (install it from go.dev/dl or your package manager and put its bin folder on PATH)"

export CGO_ENABLED=0 GOWORK=off
common=(-trimpath -buildvcs=false)

# What each part takes to build cold (empty module and build caches) on the 2-core machine the
# README's figures come from (bench/services.sh measures it); only for the time-left estimate.
expected_seconds() {
  case "$1" in
    etcd) echo 70 ;;
    kube) echo 330 ;;
    kwok) echo 60 ;;
    workflow-controller) echo 105 ;;
    kserve-controller) echo 240 ;;
  esac
}
describe() {
  case "$1" in
    kube) echo "kube-apiserver, kube-controller-manager and kube-scheduler" ;;
    workflow-controller) echo "the Argo Workflows controller" ;;
    kserve-controller) echo "the KServe controller" ;;
    kwok) echo "KWOK, the simulated GPU nodes" ;;
    *) echo "$1" ;;
  esac
}
# The parts still to build, in build order; kube.sh adds one step after them: starting the cluster.
todo=()
for name in etcd kube kwok workflow-controller kserve-controller; do
  if [ -n "$force" ] || [ ! -x "$bin/$name" ]; then todo+=("$name"); fi
done
step=0
# progress NAME: NAME starts building now. Written to a temporary file, then renamed, so a reader
# never sees half a file.
progress() {
  [ -n "${MLP_KUBE_PROGRESS:-}" ] || return 0
  local name="$1" later=0 seen="" other
  step=$((step + 1))
  for other in "${todo[@]}"; do
    [ -n "$seen" ] && later=$((later + $(expected_seconds "$other")))
    [ "$other" = "$name" ] && seen=1
  done
  printf '{"state":"building","step":%d,"steps":%d,"part":"%s","since":%d,"seconds":%d,"laterSeconds":%d,"log":"%s"}\n' \
    "$step" "$((${#todo[@]} + 1))" "$(describe "$name")" "$(date +%s)" "$(expected_seconds "$name")" \
    "$((later + 20))" "${MLP_KUBE_BUILD_LOG:-}" >"$MLP_KUBE_PROGRESS.tmp"
  mv -f "$MLP_KUBE_PROGRESS.tmp" "$MLP_KUBE_PROGRESS"
}

# build NAME MODULE-DIR LDFLAGS [PACKAGE]: go build into a temporary file, then rename, so an
# interrupted build never leaves a binary that a later run would take as finished.
build() {
  local name="$1" dir="$2" ldflags="$3" pkg="${4:-.}" start
  if [ -z "$force" ] && [ -x "$bin/$name" ]; then
    log "$name: up to date in ${bin#"$root"/}"
    return 0
  fi
  progress "$name"
  log "$name: building from the Go module proxy that go env GOPROXY names (minutes on a small machine)"
  start="$(date +%s)"
  (cd "$services/$dir" && go build "${common[@]}" -ldflags "$ldflags" -o "$bin/.$name.tmp" "$pkg")
  mv -f "$bin/.$name.tmp" "$bin/$name"
  log "$name: built in $(($(date +%s) - start))s ($(du -h "$bin/$name" | cut -f1))"
}

# kube-apiserver reports its version from these variables; Kubernetes' own build (hack/lib/version.sh)
# sets them the same way (gitCommit/gitTreeState stay unset: the module proxy does not say which
# commit the tag is). buildDate honours SOURCE_DATE_EPOCH like upstream does.
k8s_minor="${k8s_version#v*.}"
k8s_minor="${k8s_minor%%.*}"
k8s_major="${k8s_version#v}"
k8s_major="${k8s_major%%.*}"
build_date="$(date ${SOURCE_DATE_EPOCH:+--date=@$SOURCE_DATE_EPOCH} -u +%Y-%m-%dT%H:%M:%SZ)"
kube_ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  kube_ldflags+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=$k8s_major -X $pkg.gitMinor=$k8s_minor"
  kube_ldflags+=" -X $pkg.buildDate=$build_date"
done

build etcd kube/etcd "-s -w"
build kube kube/apiserver "$kube_ldflags"
build kwok kwok "-s -w" sigs.k8s.io/kwok/cmd/kwok
# The controller reports its version from these (Argo's Makefile sets them the same way).
build workflow-controller argo "-s -w -X github.com/argoproj/argo-workflows/v4.version=$argo_version" \
  "$argo_module/cmd/workflow-controller"

# KServe's controller has no version flag: the check at the end reads the module version from
# the binary's build information instead.
build kserve-controller kserve "-s -w" "$kserve_module/cmd/manager"

# The CRDs the controller's own module ships (the minimal ones: the full schemas are too large to
# apply and add nothing here). Read from the module cache, where the build above put the module.
if [ -n "$force" ] || [ ! -f "$crds/.complete" ]; then
  argo_src="$(cd "$services/argo" && go list -m -f '{{.Dir}}' "$argo_module")"
  rm -rf "$crds" && mkdir -p "$crds"
  cp "$argo_src"/manifests/base/crds/minimal/argoproj.io_*.yaml "$crds/"
  chmod u+w "$crds"/*.yaml
  touch "$crds/.complete"
  log "argo CRDs: $(ls "$crds" | wc -l) from $argo_module@$argo_version"
fi
# KServe's CRDs, the full ones (schemas, defaults, the status subresource its controller writes):
# those of the kinds the controller watches or reads (InferenceService, ServingRuntime,
# ClusterServingRuntime, TrainedModel, InferenceGraph, ClusterStorageContainer); not the LocalModel*
# ones (the local model cache is a separate controller) nor LLMInferenceService. The
# InferenceService CRD is about 1 MB of YAML: bootstrap.mjs applies it server-side, which keeps no
# last-applied annotation, so it stays within the API server's and etcd's request limits.
if [ -n "$force" ] || [ ! -f "$kserve_crds/.complete" ]; then
  kserve_src="$(cd "$services/kserve" && go list -m -f '{{.Dir}}' "$kserve_module")"
  rm -rf "$kserve_crds" && mkdir -p "$kserve_crds"
  for kind in inferenceservices servingruntimes clusterservingruntimes trainedmodels inferencegraphs clusterstoragecontainers; do
    cp "$kserve_src/config/crd/full/serving.kserve.io_$kind.yaml" "$kserve_crds/"
  done
  chmod u+w "$kserve_crds"/*.yaml
  touch "$kserve_crds/.complete"
  log "kserve CRDs: $(ls "$kserve_crds" | wc -l) from $kserve_module@$kserve_version"
fi
# Binaries of an earlier layout (one per component) give way to the links.
for name in "${components[@]}"; do ln -sfn kube "$bin/$name"; done

for name in "${components[@]}"; do
  "$bin/$name" --version | grep -qx "Kubernetes $k8s_version" ||
    die "$name --version does not say $k8s_version"
done
"$bin/etcd" --version | grep -qx "etcd Version: ${etcd_version#v}" ||
  die "etcd --version does not say ${etcd_version#v}"
"$bin/kwok" --version | grep -q "^kwok version $kwok_version " || die "kwok --version does not say $kwok_version"
go version -m "$bin/kserve-controller" | grep -Eq "^[[:space:]]+(mod|dep)[[:space:]]+$kserve_module[[:space:]]+$kserve_version([[:space:]]|$)" ||
  die "kserve-controller was not built from $kserve_module $kserve_version (go version -m)"
echo "$bin"
