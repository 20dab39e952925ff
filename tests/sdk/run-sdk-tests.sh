#!/usr/bin/env bash
# Run the LocalStash SDK end-to-end suite (official @upstash/qstash JS SDK against a real broker).
#
#   tests/sdk/run-sdk-tests.sh [path/to/localstash] [extra *.test.mjs files...]
#
# The broker binary comes from the first argument or from $LOCALSTASH_BIN.
# One-time setup (needs Node >= 20 and npm):  cd tests/sdk && npm ci
set -euo pipefail

if [[ $# -ge 1 && -n "$1" ]]; then
  LOCALSTASH_BIN="$1"
  shift
fi
if [[ -z "${LOCALSTASH_BIN:-}" ]]; then
  echo "run-sdk-tests.sh: no broker binary given." >&2
  echo "usage: $0 <path/to/localstash> [test files...]   (or set LOCALSTASH_BIN)" >&2
  exit 2
fi
# Make the path absolute before changing directory.
case "$LOCALSTASH_BIN" in
  /*) ;;
  *) LOCALSTASH_BIN="$PWD/$LOCALSTASH_BIN" ;;
esac
if [[ ! -x "$LOCALSTASH_BIN" ]]; then
  echo "run-sdk-tests.sh: broker binary '$LOCALSTASH_BIN' does not exist or is not executable." >&2
  exit 2
fi
export LOCALSTASH_BIN

cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v node >/dev/null 2>&1; then
  echo "run-sdk-tests.sh: 'node' (>= 20) is not on PATH; install Node.js 20+ to run the SDK suite." >&2
  exit 1
fi
if [[ ! -f node_modules/@upstash/qstash/package.json ]]; then
  echo "run-sdk-tests.sh: the SDK test dependencies are not installed." >&2
  echo "  Run:  (cd \"$PWD\" && npm ci)" >&2
  exit 1
fi

if [[ $# -gt 0 ]]; then
  files=("$@")
else
  shopt -s nullglob
  files=(*.test.mjs)
fi
if [[ ${#files[@]} -eq 0 ]]; then
  echo "run-sdk-tests.sh: no *.test.mjs files found in $PWD" >&2
  exit 1
fi

exec node --test --test-reporter=spec "${files[@]}"
