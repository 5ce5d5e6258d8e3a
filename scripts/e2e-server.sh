#!/usr/bin/env bash
# The server the e2e tests run against: a production build on a brand-new embedded database.
set -euo pipefail
port="${1:-3100}"
export PGLITE_DATA_DIR=".data-e2e/pglite"
export AUTH_SECRET="e2e-only-secret-not-for-production-000000"
export AUTH_TRUST_HOST=true
# Links in emails point here; production refuses to start without it.
export APP_URL="http://127.0.0.1:$port"
export NEXT_TELEMETRY_DISABLED=1
# The journeys sign in as the demo people; a production build seeds them only when asked.
export SEED_DEMO=true
# Every journey signs up from 127.0.0.1: more than the 30 sign-ups an hour one address may make.
export SIGN_UPS_PER_ADDRESS_PER_HOUR=1000
unset DATABASE_URL SMTP_URL
rm -rf .data-e2e
# E2E_REUSE_BUILD=1 serves the last build as it is: for rerunning one journey after a change to
# the tests only (a change to the app needs a new build).
if [ "${E2E_REUSE_BUILD:-}" = 1 ] && [ -f .next/BUILD_ID ]; then
  echo "reusing the build in .next"
else
  npx next build
fi
# The server's log is also kept in a file: without a mail server, a password reset link goes to the
# log (never to an outbox), and the journey that resets a password reads it there.
mkdir -p .data-e2e
exec > >(tee -a .data-e2e/server.log) 2>&1
# Through server.mjs, as `npm start` runs it, so the journeys cover how it reads client addresses.
exec node server.mjs -p "$port" -H 127.0.0.1
