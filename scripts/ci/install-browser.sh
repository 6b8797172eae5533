#!/usr/bin/env bash
# Installs Debian's chromium for the end-to-end tests unless /usr/bin/chromium
# already exists, so a second run does nothing.
#
# The tests drive /usr/bin/chromium through playwright-core, because
# `npx playwright install` cannot download browsers on the build machines.
# Needs root (CI images run as root) or passwordless sudo.
set -euo pipefail

browser=/usr/bin/chromium

if [ -x "$browser" ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo -n)
else
  echo "install-browser.sh: $browser is missing and this user is not root; install the 'chromium' package by hand" >&2
  exit 1
fi

echo "install-browser.sh: installing Debian's chromium package" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null

if [ ! -x "$browser" ]; then
  echo "install-browser.sh: apt-get finished but $browser is still missing" >&2
  exit 1
fi
"$browser" --version >&2
