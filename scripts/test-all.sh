#!/usr/bin/env bash
# `npm test`: everything CI checks, in order of speed. Stops at the first failure.
set -euo pipefail
bash scripts/ensure-chromium.sh
echo "== typecheck"; npx tsc --noEmit
echo "== lint"; npx eslint .
echo "== unit"; npx vitest run --project unit
echo "== integration (${TEST_DATABASE_URL:+PostgreSQL server}${TEST_DATABASE_URL:-embedded PGlite})"; npx vitest run --project integration
echo "== e2e"; npx playwright test
