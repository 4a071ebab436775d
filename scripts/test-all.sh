#!/usr/bin/env bash
# `npm test`: every test, in the order that fails fastest, each step under `timeout` in its
# own process group (killed if this script is interrupted). Set-up, build and type-check
# failures stop the run; after them every test step runs even when an earlier one failed,
# and the run fails at the end if any did. Prints each step's time.
set -uo pipefail
cd "$(dirname "$0")/.."

current=""
cleanup() {
  # timeout(1) leads its own process group; code-server and Chromium are killed by the
  # launcher and page check on SIGTERM (they run in process groups of their own).
  if [ -n "$current" ]; then kill -TERM -- "-$current" 2>/dev/null; fi
}
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
trap cleanup EXIT

failed=()
summary=()
# step NAME SECONDS MUST-PASS COMMAND...
step() {
  local name=$1 limit=$2 must=$3; shift 3
  echo
  echo "== $name"
  local start=$SECONDS
  timeout -k 15 "$limit" "$@" &
  current=$!
  wait "$current"
  local rc=$?
  current=""
  local took=$((SECONDS - start))
  if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
    echo "== $name: timed out after ${limit} s"
  fi
  if [ $rc -ne 0 ]; then
    failed+=("$name")
    summary+=("$(printf '%-22s %4ss  FAILED (%s)' "$name" "$took" "$rc")")
    if [ "$must" = must ]; then report; exit 1; fi
  else
    summary+=("$(printf '%-22s %4ss  ok' "$name" "$took")")
  fi
}
report() {
  echo
  echo "== summary"
  printf '%s\n' "${summary[@]}"
}

step "set-up (editors)" 1200 must bash scripts/setup-editors.sh
step "build" 300 must node scripts/build.mjs
step "typecheck" 600 must ./node_modules/.bin/tsc -p . --noEmit
step "mocha" 1200 - ./node_modules/.bin/mocha
step "build (VS Code suite)" 300 must node scripts/build-tests.mjs
step "VS Code suite" 600 - node test/vscode/run-suite.mjs
step "page check" 600 - node test/vscode/page-check.mjs
report
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}"
  exit 1
fi
