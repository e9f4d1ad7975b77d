#!/usr/bin/env bash
# Installs rsyslog (the real syslog daemon tests/syslog_handler_test.ts starts on loopback with a
# configuration of its own) when rsyslogd is missing. Idempotent and quiet; needs root and apt-get.
# The test never skips: without rsyslogd it fails and names this script.
set -euo pipefail
if command -v rsyslogd >/dev/null 2>&1 || [ -x /usr/sbin/rsyslogd ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup_rsyslog: rsyslogd is missing and apt-get is not available: install rsyslog" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends rsyslog; } \
  >"$log" 2>&1; then
  cat "$log" >&2
  rm -f "$log"
  echo "setup_rsyslog: apt-get install rsyslog failed" >&2
  exit 1
fi
rm -f "$log"
command -v rsyslogd >/dev/null 2>&1 || [ -x /usr/sbin/rsyslogd ]
