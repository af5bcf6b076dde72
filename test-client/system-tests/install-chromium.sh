#!/usr/bin/env bash
# Installs Debian's Chromium for the console's browser test when it is missing (root; prints the binary).
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "Chromium is missing; as root: apt-get install -y chromium" >&2
    exit 1
  fi
  echo "installing Chromium from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends chromium >&2 \
    || { apt-get update -q >&2 && apt-get install -y -q --no-install-recommends chromium >&2; }
fi
echo /usr/bin/chromium
