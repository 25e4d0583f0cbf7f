#!/usr/bin/env bash
# Builds the open-source Coder server from the Go module proxy that `go env GOPROXY` names into
# .tools/coder/<version>/ at the repo root, once per version:
#   bin/coder               github.com/coder/coder/v2/cmd/coder (tool directive in go.mod). Built
#                           without the `embed` tag, so without the web frontend (the portal is the
#                           front end; Coder's API is all it needs), and not `slim`, which would
#                           leave out `coder server`
#   bin/echotemplates       ./echotemplates: writes the workspace templates as archives for Coder's
#                           echo provisioner, with this version's own echo package (the archive
#                           format changes between versions)
#   templates/*.tar         what echotemplates wrote
# go.mod requires Coder and repeats the `replace` lines of Coder's own go.mod (a module with replace
# lines cannot be `go install`ed), and its go.sum is Coder's. The proxy refuses Coder's version list
# and some versions; v2.30.0 is served. To bump: `go get -tool github.com/coder/coder/v2/cmd/coder@vX`,
# copy the replace lines of that version's go.mod, `go mod tidy`.
#   build.sh                  build what is missing, print the version folder
#   build.sh --force          rebuild all
#   build.sh --print-dir      only print the version folder (nothing is built)
#   build.sh --check          exit 0 when everything is built, 1 when a build is needed
# Prints the folder on stdout; everything else goes to stderr. MLP_CODER_TOOLS_DIR overrides the
# folder (the benchmark builds into a temporary one).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
force="" print_only="" check_only=""
case "${1:-}" in
  "") ;;
  --force) force=1 ;;
  --print-dir) print_only=1 ;;
  --check) check_only=1 ;;
  *) echo "usage: build.sh [--force | --print-dir | --check]" >&2; exit 2 ;;
esac

log() { printf '[coder-build] %s\n' "$*" >&2; }
die() { printf '[coder-build] error: %s\n' "$*" >&2; exit 1; }

module=github.com/coder/coder/v2
version="$(awk -v mod="$module" '$1 == mod { print $2; exit }' "$here/go.mod")"
[[ "$version" == v2.* ]] || die "could not read Coder's version from services/coder/go.mod"
out="${MLP_CODER_TOOLS_DIR:-$root/.tools/coder/${version#v}}"
if [ -n "$print_only" ]; then echo "$out"; exit 0; fi

built() { [ -x "$out/bin/coder" ] && [ -x "$out/bin/echotemplates" ] && [ -f "$out/templates/.complete" ]; }
if [ -n "$check_only" ]; then built; exit; fi
if [ -z "$force" ] && built; then
  log "coder $version: up to date in ${out#"$root"/}"
  echo "$out"
  exit 0
fi
command -v go >/dev/null ||
  die "go is not on PATH; Go 1.25 or newer is needed to build Coder once (install it from go.dev/dl or your package manager and put its bin folder on PATH)"
export CGO_ENABLED=0 GOWORK=off
mkdir -p "$out/bin" "$out/templates"

# build NAME PACKAGE LDFLAGS: into a temporary file, then renamed, so an interrupted build never
# leaves a binary that a later run would take as finished.
build() {
  local name="$1" pkg="$2" ldflags="$3" start
  if [ -z "$force" ] && [ -x "$out/bin/$name" ]; then return 0; fi
  log "$name: building from the Go module proxy (first time: about 6 minutes on 2 cores; with Go's build cache well under one)"
  start="$(date +%s)"
  (cd "$here" && go build -trimpath -buildvcs=false -ldflags "$ldflags" -o "$out/bin/.$name.tmp" "$pkg") ||
    die "$name: go build failed (messages above)"
  mv -f "$out/bin/.$name.tmp" "$out/bin/$name"
  log "$name: built in $(($(date +%s) - start))s ($(du -h "$out/bin/$name" | cut -f1))"
}
# Coder reports its version from buildinfo.tag (its Makefile sets it the same way).
build coder "$module/cmd/coder" "-s -w -X $module/buildinfo.tag=${version#v} -X $module/buildinfo.agpl=true"
build echotemplates ./echotemplates "-s -w"

rm -f "$out/templates/.complete"
"$out/bin/echotemplates" "$out/templates" || die "echotemplates failed"
touch "$out/templates/.complete"

"$out/bin/coder" --version | grep -q "^Coder (AGPL) ${version}\b" ||
  die "coder --version does not say $version: $("$out/bin/coder" --version | head -1)"
echo "$out"
