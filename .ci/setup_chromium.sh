#!/usr/bin/env bash
# Installs Debian's Chromium (tests/browser_test.ts drives it headless through the DevTools
# protocol) when /usr/bin/chromium is missing. Idempotent and quiet; needs root (or sudo) and
# apt-get. The test never skips: without Chromium it fails and names the install command.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup_chromium: /usr/bin/chromium is missing and apt-get is not available" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium; } >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "setup_chromium: apt-get install chromium failed" >&2
  exit 1
fi
rm -f "$log"
/usr/bin/chromium --version
