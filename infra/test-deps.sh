#!/usr/bin/env bash
# What the tests need from Debian besides PostgreSQL and Redis: Chromium for the browser tests (never
# a browser downloaded by a test tool), fonts for Chinese, Japanese and Arabic so the screenshots the
# tests save are readable, and coturn so a test can relay a call through a real TURN server.
# Already installed -> nothing to do; missing on Debian as root -> apt-get install; otherwise say how.
set -euo pipefail
needed=()
[ -x /usr/bin/chromium ] || needed+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || needed+=(fonts-noto-cjk)
dpkg -s fonts-noto-core >/dev/null 2>&1 || needed+=(fonts-noto-core)
command -v turnserver >/dev/null || needed+=(coturn)
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "test-deps: installing ${needed[*]} with apt-get"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}" >/dev/null
else
  echo "test-deps: please install ${needed[*]} (sudo apt-get install -y ${needed[*]})" >&2
  exit 1
fi
