#!/usr/bin/env bash
# Runs the mlp package's tests in sdk/python/.venv (made on first use), passing
# the arguments to pytest. Paths are relative to sdk/python, e.g.
#   sdk/python/run-tests.sh -m 'not portal'        # offline tests only
#   MLP_TEST_PORTAL_URL=... MLP_TEST_TOKEN=... sdk/python/run-tests.sh tests/test_portal.py
# Packages come from pip's configured index (pytest only; mlp itself has no dependencies).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv"
python="${PYTHON:-python3}"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "run-tests.sh: $python not found: install Python 3.9 or newer" >&2
  exit 1
fi

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
  rm -rf "$venv"
  log="$(mktemp)"
  if ! "$python" -m venv "$venv" >"$log" 2>&1; then
    cat "$log" >&2 || true
    rm -rf "$venv" "$log"
    echo "run-tests.sh: could not create a virtualenv with '$python -m venv':" \
      "on Debian/Ubuntu install python3-venv (apt-get install python3-venv), then run this again" >&2
    exit 1
  fi
  rm -f "$log"
fi

# (Re)install when the package's metadata changed; the install is editable, so code changes need none.
stamp="$venv/.mlp-installed"
want="$(cat "$here/pyproject.toml" | cksum)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  if ! "$venv/bin/python" -m pip install --quiet -e "$here[test]"; then
    echo "run-tests.sh: pip could not install the package and pytest from its configured index" >&2
    exit 1
  fi
  echo "$want" >"$stamp"
fi

cd "$here"
exec "$venv/bin/python" -m pytest -q "$@"
