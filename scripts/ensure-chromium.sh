#!/usr/bin/env bash
# Browser tests drive Debian's Chromium. Install it with apt where we can;
# elsewhere the browser tests skip with a reason (in CI they fail instead).
set -u
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests (apt-get install chromium)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
    >/tmp/refund-wizard-chromium-install.log 2>&1 \
    || echo "Could not install Chromium (see /tmp/refund-wizard-chromium-install.log)."
else
  echo "Chromium not found at $CHROMIUM and apt-get is not usable: browser tests will be skipped."
fi
exit 0
