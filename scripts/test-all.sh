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

stage "typecheck" npx tsc --noEmit
stage "format" npx prettier --check .
stage "lint" npx eslint .
stage "knip" npx knip
stage "unit" npx vitest run --project unit
stage "integration (${TEST_DATABASE_URL:+PostgreSQL server}${TEST_DATABASE_URL:-embedded PGlite})" npx vitest run --project integration
stage "e2e" npx playwright test
