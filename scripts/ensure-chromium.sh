#!/usr/bin/env bash
# Browser tests drive Debian's Chromium. Install it with apt where we can (and a
# small CJK font, so that screenshots of the Chinese pages are readable);
# elsewhere the browser tests skip with a reason (in CI they fail instead).
set -u
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
packages=()
[ -x "$CHROMIUM" ] || packages+=(chromium)
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  packages+=(fonts-wqy-microhei)
fi
[ ${#packages[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing for the browser tests: ${packages[*]} (apt-get)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}") \
    >/tmp/refund-wizard-browser-install.log 2>&1 \
    || echo "Could not install ${packages[*]} (see /tmp/refund-wizard-browser-install.log)."
elif [ ! -x "$CHROMIUM" ]; then
  echo "Chromium not found at $CHROMIUM and apt-get is not usable: browser tests will be skipped."
fi
exit 0
