#!/usr/bin/env bash
# The browser tests need Debian's Chromium (Playwright cannot download its own browser here).
# Installs it when missing and we may (root with apt-get); otherwise stops with the command to run.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$browser" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y chromium >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
  [ -x "$browser" ] && exit 0
fi
echo "The browser tests need Chromium at $browser. Install it with:  sudo apt-get install -y chromium" >&2
echo "(or point CHROMIUM_PATH at a Chromium binary)" >&2
exit 1
