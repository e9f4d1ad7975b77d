#!/usr/bin/env bash
# Installs the real peers some tests talk to, when missing (idempotent, quiet; root or sudo, and
# apt-get): rsyslog for tests/syslog_handler_test.ts and Debian's Chromium for
# tests/browser_test.ts. The README's test command runs this before `npm test`; neither test ever
# skips: without its peer it fails and names the script that installs it.
set -euo pipefail
cd "$(dirname "$0")"
bash ./setup_rsyslog.sh
bash ./setup_chromium.sh
