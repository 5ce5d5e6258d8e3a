#!/usr/bin/env bash
# `npm test`: everything CI checks, in order of speed. Stops at the first failure and prints how
# long each stage took, so a slow stage is seen before it eats everyone's time.
set -euo pipefail
bash scripts/ensure-chromium.sh

timings=()
stage() {
  local name="$1"
  shift
  echo "== $name"
  local started=$SECONDS
  "$@"
  timings+=("$(printf '%-34s %4d s' "$name" $((SECONDS - started)))")
}
report() {
  echo "== stage times"
  printf '  %s\n' "${timings[@]}"
}
trap report EXIT

# The static checks each use one core: run side by side, each with its own log, printed when all are done.
static_checks() {
  local dir
  dir=$(mktemp -d)
  local names=(typecheck format lint knip)
  local commands=("npx tsc --noEmit" "npx prettier --check ." "npx eslint ." "npx knip")
  local pids=() failed=()
  for i in "${!names[@]}"; do
    ${commands[$i]} >"$dir/${names[$i]}.log" 2>&1 &
    pids+=($!)
  done
  for i in "${!names[@]}"; do
    if ! wait "${pids[$i]}"; then failed+=("${names[$i]}"); fi
  done
  for i in "${!names[@]}"; do
    echo "-- ${names[$i]}: ${commands[$i]}"
    cat "$dir/${names[$i]}.log"
  done
  rm -rf "$dir"
  if [ ${#failed[@]} -gt 0 ]; then
    echo "failed: ${failed[*]}"
    return 1
  fi
}

stage "typecheck, format, lint, knip" static_checks
stage "unit" npx vitest run --project unit
stage "integration (${TEST_DATABASE_URL:+PostgreSQL server}${TEST_DATABASE_URL:-embedded PGlite})" npx vitest run --project integration
stage "e2e" npx playwright test
