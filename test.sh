#!/usr/bin/env bash
# Runs every test of Choshu: starts (and if need be installs) PostgreSQL 15, builds the whole
# solution with warnings as errors, runs every test project, and prints one closing line
# "Total: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
source scripts/ensure-postgres.sh

mkdir -p .build
echo "Building (warnings are errors)..."
if ! dotnet build Choshu.slnx -c Release --nologo -v q -clp:NoSummary >.build/test-build.log 2>&1; then
  cat .build/test-build.log
  echo "Total: 0 passed, 1 failed, 0 skipped"
  exit 1
fi

results=.build/test-results
rm -rf "$results"
set +e
dotnet test Choshu.slnx -c Release --no-build --nologo --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results"
rc=$?
set -e

passed=0; failed=0; total=0; executed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  total=$((total + $(get total))); executed=$((executed + $(get executed)))
done
echo "Total: ${passed} passed, ${failed} failed, $((total - executed)) skipped"
if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
