#!/usr/bin/env bash
# make fuzz: runs every Go fuzz target for FUZZTIME (default 60s) each, one
# after the other, and fails if any finds a failing input (go test keeps it
# under the package's testdata/fuzz, where `make test` then replays it).
# `make test` runs the seed corpora only, as plain tests.
# Usage: FUZZTIME=5m tests/fuzz.sh
set -uo pipefail
cd "$(dirname "$0")/.."
time=${FUZZTIME:-60s}
failed=0
for file in $(grep -rl --include='*_test.go' '^func Fuzz' backend db | sort); do
  pkg="./$(dirname "$file")"
  for target in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$file" | cut -d' ' -f2); do
    echo "fuzz: $pkg $target ($time)"
    if ! tests/keychain-session.sh go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$time" > /tmp/fuzz-$$.log 2>&1; then
      failed=$((failed + 1))
      grep -vE '^fuzz: elapsed' /tmp/fuzz-$$.log | tail -20
    fi
  done
done
rm -f /tmp/fuzz-$$.log
echo "fuzz: $failed failing targets"
[ "$failed" -eq 0 ]
