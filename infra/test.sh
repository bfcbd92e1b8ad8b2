#!/usr/bin/env bash
# The whole test run behind `npm test`: type check, lint, then every jest tier (unit, integration
# on real PostgreSQL and Redis, end to end with real processes, mediasoup and Chromium).
# Each test creates and drops its own databases and uses its own Redis key prefix, so this can run
# twice in a row and beside a running `npm start`. Ends with one line: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test/artifacts
passed=0
failed=0

check() {
  local name=$1
  shift
  echo "== $name"
  if "$@"; then
    passed=$((passed + 1))
  else
    echo "FAILED: $name"
    failed=$((failed + 1))
  fi
}

check "local services (PostgreSQL, Redis)" bash infra/services.sh
check "test prerequisites (Chromium, fonts, coturn)" bash infra/test-deps.sh
check "build" bash infra/build.sh
check "type check (tsc --noEmit)" npx tsc -p tsconfig.json --noEmit
check "type check of the join-time bench page" npx tsc -p test/bench/join/product-page/tsconfig.json
check "lint (eslint)" npx eslint . --max-warnings 0
check "format (prettier --check)" npx prettier --check . --log-level warn
if [ -f apps/web/package.json ] || [ -f apps/web/tsconfig.json ]; then
  check "web app type check and build" bash apps/web/build.sh
fi

echo "== jest"
rm -f test/artifacts/jest-results.json
npx jest --ci --maxWorkers=2 --json --outputFile=test/artifacts/jest-results.json "$@"
jest_status=$?
if [ -f test/artifacts/jest-results.json ]; then
  read -r jest_passed jest_failed < <(node -e '
    const r = require("./test/artifacts/jest-results.json");
    // A suite that fails to load has no test results; count it as a failure so it cannot hide.
    const broken = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
    console.log(r.numPassedTests, r.numFailedTests + broken);
  ')
  passed=$((passed + jest_passed))
  failed=$((failed + jest_failed))
  if [ "$jest_status" -ne 0 ] && [ "$jest_failed" -eq 0 ]; then failed=$((failed + 1)); fi
else
  echo "FAILED: jest produced no results"
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
