#!/usr/bin/env bash
# Sends requests through Alibaba Cloud's official Node.js SDK
# (@alicloud/r-kvstore20150101, pinned in package-lock.json) to a local
# capture server and checks what `tairlint check` reports on each captured
# request (see README.md in this folder).
#
#   tests/sdk/run.sh BUILD_DIR_OR_TAIRLINT [--keep | --out DIR] [--only CASE]...
#
# The first argument is a build directory holding the tairlint binary, or the
# binary itself. Exit status: 0 when every expectation holds, 1 when one does
# not, 2 when the harness could not run, 77 (skipped) when node or
# tests/sdk/node_modules is missing, unless CI=true, where a missing package
# fails the run (2). The whole run is bounded by `timeout 120`.

set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SKIP=77

if [[ $# -lt 1 ]]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
target="$1"
shift
if [[ -d "$target" ]]; then
  cli="$target/tairlint"
else
  cli="$target"
fi
if [[ ! -x "$cli" ]]; then
  echo "sdk: no tairlint binary at $cli" >&2
  exit 2
fi

missing=""
if ! command -v node >/dev/null; then
  missing="node is not installed"
elif [[ ! -d "$HERE/node_modules/@alicloud/r-kvstore20150101" ]]; then
  missing="tests/sdk/node_modules is missing: run 'npm ci --ignore-scripts' in tests/sdk (or bash .ci/install-deps)"
fi
if [[ -n "$missing" ]]; then
  if [[ "${CI:-}" == "true" ]]; then
    echo "sdk: FAIL: $missing (CI=true: the SDK test may not be skipped)" >&2
    exit 2
  fi
  echo "sdk: SKIP: $missing"
  exit "$SKIP"
fi

exec timeout 120 node "$HERE/run.js" --cli "$cli" "$@"
