#!/usr/bin/env bash
# Compiles the TypeScript of apps, libs, infra scripts and tests to dist/ with swc (fast, keeps
# decorator metadata for Nest, rewrites the @yiqiao/* path aliases). Type checking is `npm run typecheck`.
set -euo pipefail
cd "$(dirname "$0")/.."
# No `rm -rf dist`: tests of other processes may be running from it; swc overwrites every file.
npx swc apps/api/src apps/sfu/src apps/worker/src libs infra test \
  --out-dir dist --config-file .swcrc --only '**/*.ts' --ignore '**/*.d.ts' --quiet
