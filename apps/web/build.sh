#!/usr/bin/env bash
# Type-checks the browser app (strict, its own tsconfig) and bundles it with Vite into apps/web/dist.
set -euo pipefail
cd "$(dirname "$0")"
../../node_modules/.bin/tsc -p tsconfig.json --noEmit
../../node_modules/.bin/vite build --logLevel warn
