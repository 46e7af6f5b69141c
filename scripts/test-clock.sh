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

# The offsets run side by side (one per core), each with its own test database,
# Redis database and temporary directory; their output is shown in order at the end.
redis_url=${TEST_REDIS_URL:-redis://127.0.0.1:6379/15}
redis_base=${redis_url%/*}
redis_db=${redis_url##*/}
logs=$(mktemp -d)
pids=()
for i in "${!offsets[@]}"; do
  offset=${offsets[$i]}
  # shellcheck disable=SC2086
  TEST_DATABASE_SUFFIX="_clock$i" TEST_REDIS_URL="$redis_base/$((redis_db - i))" \
    faketime "$offset" "$PY" -m pytest tests/unit tests/integration -m "not real_clock" -q \
    --basetemp="$logs/tmp$i" ${PYTEST_ARGS:-} >"$logs/run$i.log" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!offsets[@]}"; do
  rc=0
  wait "${pids[$i]}" || rc=$?
  echo "== unit and integration tests with the clock moved ${offsets[$i]} (faketime): exit $rc =="
  cat "$logs/run$i.log"
  [ "$rc" = 0 ] || status=$rc
done
rm -rf "$logs"
exit "$status"
