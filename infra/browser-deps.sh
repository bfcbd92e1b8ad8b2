#!/usr/bin/env bash
# What the browser tests need from Debian: Chromium (never a browser downloaded by a test tool) and
# fonts for Chinese, Japanese and Arabic, so the screenshots the tests save are readable.
# Already installed -> nothing to do; missing on Debian as root -> apt-get install; otherwise say how.
set -euo pipefail
needed=()
[ -x /usr/bin/chromium ] || needed+=(chromium)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || needed+=(fonts-noto-cjk)
dpkg -s fonts-noto-core >/dev/null 2>&1 || needed+=(fonts-noto-core)
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "browser-deps: installing ${needed[*]} with apt-get"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${needed[@]}" >/dev/null
else
  echo "browser-deps: please install ${needed[*]} (sudo apt-get install -y ${needed[*]})" >&2
  exit 1
fi
