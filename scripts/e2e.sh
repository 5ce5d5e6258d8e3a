#!/usr/bin/env bash
set -euo pipefail
bash scripts/ensure-chromium.sh
npx playwright test "$@"
