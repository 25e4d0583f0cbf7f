#!/usr/bin/env bash
# Builds etcd, kube-apiserver and kube-controller-manager from Go modules (nothing but the Go module
# proxy that `go env GOPROXY` names is contacted) into .tools/kube/<k8s-version>-<etcd-version>/bin/
# at the repo root. A binary that is already there is not rebuilt.
#   build.sh                  build what is missing, print the bin directory
#   build.sh --force          rebuild all three
#   build.sh --print-bin-dir  only print the bin directory (nothing is built)
#
# The versions come from the two modules next to this script (bump them with `go get` + `go mod
# tidy` there; for Kubernetes also move every staging `replace` in apiserver/go.mod to v0.<minor>.<patch>):
#   apiserver/go.mod  k8s.io/kubernetes (kube-apiserver: apiserver/main.go,
#                     kube-controller-manager: apiserver/kube-controller-manager/main.go)
#   etcd/go.mod       go.etcd.io/etcd/server/v3
# Prints the directory holding the binaries on stdout; everything else goes to stderr.
# MLP_KUBE_BIN_DIR overrides the directory (the benchmark builds into a temporary one).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
force="" print_only=""
case "${1:-}" in
  "") ;;
  --force) force=1 ;;
  --print-bin-dir) print_only=1 ;;
  *) echo "usage: build.sh [--force | --print-bin-dir]" >&2; exit 2 ;;
esac

log() { printf '[kube-build] %s\n' "$*" >&2; }
die() { printf '[kube-build] error: %s\n' "$*" >&2; exit 1; }

# The pinned versions, read from the require lines of the go.mod files (no Go needed for that, so
# --print-bin-dir works on a machine without Go that already has the binaries).
modver() { awk -v mod="$2" '($1 == mod || ($1 == "require" && $2 == mod)) { print $NF; exit }' "$here/$1/go.mod"; }
k8s_version="$(modver apiserver k8s.io/kubernetes)"   # v1.37.2
etcd_version="$(modver etcd go.etcd.io/etcd/server/v3)" # v3.7.0
[[ "$k8s_version" == v1.* ]] && [[ "$etcd_version" == v3.* ]] || die "could not read the versions from the go.mod files"

bin="${MLP_KUBE_BIN_DIR:-$root/.tools/kube/${k8s_version#v}-${etcd_version#v}/bin}"
if [ -n "$print_only" ]; then echo "$bin"; exit 0; fi
mkdir -p "$bin"
if [ -z "$force" ] && [ -x "$bin/etcd" ] && [ -x "$bin/kube-apiserver" ] && [ -x "$bin/kube-controller-manager" ]; then
  log "etcd, kube-apiserver, kube-controller-manager: up to date in ${bin#"$root"/}"
  echo "$bin"
  exit 0
fi
command -v go >/dev/null ||
  die "go is not on PATH; Go 1.26 or newer is needed to build the Kubernetes binaries once (install it from go.dev/dl or your package manager and put its bin folder on PATH)"

export CGO_ENABLED=0 GOWORK=off
common=(-trimpath -buildvcs=false)

# build NAME PACKAGE-DIR LDFLAGS: go build into a temporary file, then rename, so an interrupted
# build never leaves a binary that a later run would take as finished.
build() {
  local name="$1" dir="$2" ldflags="$3" start
  if [ -z "$force" ] && [ -x "$bin/$name" ]; then
    log "$name: up to date in ${bin#"$root"/}"
    return 0
  fi
  log "$name: building from the Go module proxy that go env GOPROXY names (minutes on a small machine)"
  start="$(date +%s)"
  (cd "$here/$dir" && go build "${common[@]}" -ldflags "$ldflags" -o "$bin/.$name.tmp" .)
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

build etcd etcd "-s -w"
build kube-apiserver apiserver "$kube_ldflags"
build kube-controller-manager apiserver/kube-controller-manager "$kube_ldflags"

for name in kube-apiserver kube-controller-manager; do
  "$bin/$name" --version | grep -qx "Kubernetes $k8s_version" ||
    die "$name --version does not say $k8s_version"
done
"$bin/etcd" --version | grep -qx "etcd Version: ${etcd_version#v}" ||
  die "etcd --version does not say ${etcd_version#v}"
echo "$bin"
