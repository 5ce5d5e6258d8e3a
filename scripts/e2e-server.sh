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
unset DATABASE_URL SMTP_URL
rm -rf .data-e2e
npx next build
exec npx next start -p "$port" -H 127.0.0.1
