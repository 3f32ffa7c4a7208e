#!/bin/sh
# Install Debian's Chromium and its WebDriver for the site's browser test (tests/test_site_browser.py).
# Idempotent: a quick no-op when both binaries are already present. Needs root (or sudo) for apt-get.
set -eu

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    echo "install-browser: chromium and chromedriver already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install-browser: need root (or sudo) to run apt-get" >&2
        exit 1
    fi
fi

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver

# The browser test starts Chromium itself with --headless --no-sandbox --disable-gpu --disable-quic
# --no-first-run --disable-background-networking --disable-component-update --disable-sync and a
# fresh --user-data-dir, because the machine has no network beyond the package registries.
/usr/bin/chromium --version
/usr/bin/chromedriver --version
