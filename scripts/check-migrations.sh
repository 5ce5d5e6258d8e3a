#!/usr/bin/env bash
# Fails when db/schema and db/migrations disagree: drizzle-kit would generate a new migration.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(git status --porcelain -- db/migrations)
npx drizzle-kit generate --name schema_drift_check >/dev/null
after=$(git status --porcelain -- db/migrations)
if [ "$before" != "$after" ]; then
  echo "db/schema has changes that no migration holds. Run: npm run db:generate -- --name <what_changed>"
  git status --porcelain -- db/migrations
  # Leave the tree as it was.
  git clean -fq -- db/migrations && git checkout -q -- db/migrations
  exit 1
fi
echo "schema and migrations agree"
