#!/usr/bin/env bash
# The clock guard: the unit and integration tests again with the machine's clock
# moved by libfaketime, so a test that quietly depends on the calendar fails on
# the day it is written, not months later. Usage: scripts/test-clock.sh PYTHON [OFFSET...]
# (offsets default to '+400 days' and '+3 days'; pytest arguments go in PYTEST_ARGS).
set -euo pipefail
PY=$1
shift
offsets=("$@")
[ ${#offsets[@]} -gt 0 ] || offsets=("+400 days" "+3 days")

if ! command -v faketime >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing libfaketime for the clock guard (apt-get)..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime) \
      >/tmp/refund-wizard-faketime-install.log 2>&1 || true
  fi
fi
if ! command -v faketime >/dev/null 2>&1; then
  echo "test-clock needs libfaketime's faketime command (Debian: apt-get install faketime)." >&2
  exit 1
fi

for offset in "${offsets[@]}"; do
  echo "== unit and integration tests with the clock moved ${offset} (faketime) =="
  # shellcheck disable=SC2086
  faketime "$offset" "$PY" -m pytest tests/unit tests/integration -m "not real_clock" -q \
    ${PYTEST_ARGS:-}
done
