#!/usr/bin/env bash
# Installs the npm dependencies at the versions package-lock.json pins, and builds the mediasoup
# worker. `npm start`, `npm test` and `.ci/run` all call this first; when neither the lockfile nor
# this build recipe changed since the last run it returns at once.
#
# Why not a bare `npm install`: mediasoup 3.8.4 (pinned, see README) compiles its C++ worker in its
# postinstall step, and on Debian 12 that build needs two fixes in its environment:
#   1. its bundled gyp imports collections.MutableSet & co., removed in Python 3.10;
#      infra/mediasoup-build/sitecustomize.py restores them when it is on PYTHONPATH.
#   2. its bundled abseil needs SIGSTKSZ to be a constant, which glibc >= 2.34 no longer gives;
#      infra/mediasoup-build/sigstksz.h is force-included into every C++ unit to pin it.
# The compiled worker is cached per recipe in ~/.cache/yiqiao so a reinstall does not rebuild it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
compat="$root/infra/mediasoup-build"
worker_rel=node_modules/mediasoup/worker/out/Release/mediasoup-worker

recipe=$(cat "$compat/sitecustomize.py" "$compat/sigstksz.h" | sha256sum | cut -c1-16)
compiler=$( (g++ --version 2>/dev/null || echo none) | head -n1 | sha256sum | cut -c1-8)
stamp_key="$(sha256sum package-lock.json | cut -c1-64) $(node -v) $recipe"
stamp=node_modules/.yiqiao-setup

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$stamp_key" ] && [ -x "$worker_rel" ]; then
  exit 0
fi

for tool in python3 make g++; do
  command -v "$tool" >/dev/null || { echo "setup: '$tool' is needed to build the mediasoup worker (apt-get install -y python3 make g++)" >&2; exit 1; }
done

# Debian's own interpreter when present (pyenv shims may shadow it).
python_bin=python3
[ -x /usr/bin/python3 ] && python_bin=/usr/bin/python3

cache_dir="${XDG_CACHE_HOME:-$HOME/.cache}/yiqiao"
cached_worker="$cache_dir/mediasoup-worker-3.8.4-$recipe-$compiler"

# `npm install` rather than `npm ci`: with a lockfile present it installs exactly the locked versions,
# but unlike `npm ci` it does not insist on lock entries for other platforms' optional binaries
# (swc, rollup, msgpackr), which the registry mirror reachable here does not always carry.
with_build_fixes() {
  PYTHON="$python_bin" \
  PYTHONPATH="$compat${PYTHONPATH:+:$PYTHONPATH}" \
  CXXFLAGS="-include $compat/sigstksz.h ${CXXFLAGS:-}" \
    "$@"
}

echo "setup: installing dependencies from package-lock.json"
if [ -x "$cached_worker" ]; then
  # mediasoup's postinstall skips compiling when MEDIASOUP_WORKER_BIN is set.
  MEDIASOUP_WORKER_BIN="$cached_worker" npm install --no-audit --no-fund --loglevel=error
  mkdir -p "$(dirname "$worker_rel")"
  cp "$cached_worker" "$worker_rel"
else
  echo "setup: building the mediasoup 3.8.4 worker from source (about 6 minutes on 2 cores)"
  with_build_fixes npm install --no-audit --no-fund --loglevel=error
  # An earlier install without scripts leaves mediasoup in place but unbuilt.
  [ -x "$worker_rel" ] || with_build_fixes npm rebuild mediasoup --loglevel=error
  mkdir -p "$cache_dir"
  cp "$worker_rel" "$cached_worker.tmp" && mv "$cached_worker.tmp" "$cached_worker"
fi

[ -x "$worker_rel" ] || { echo "setup: the mediasoup worker binary is missing after install" >&2; exit 1; }
echo "$stamp_key" > "$stamp"
echo "setup: dependencies ready"
