#!/usr/bin/env bash
# make bench: builds (once, then reuses) a database of 100,000 sub-accounts
# made by `switchboard demo` with a million audit entries, copies it for each
# run, and runs the Go benchmarks and figure report against the copy; then
# times the app's start-up to its painted list against a bare Wails app.
# Usage: tests/bench.sh PATH_TO_SWITCHBOARD [COUNT]
set -euo pipefail
bin=$1
count=${2:-100000}
root=$(cd "$(dirname "$0")/.." && pwd)
# The cache is keyed by what shapes its data: the schema, the demo data and
# the audit filler.
key=$(cat "$root"/db/migrations/*.sql "$root"/backend/demo/*.go "$root"/backend/bench_audit_test.go | sha256sum | cut -c1-16)
cache="$root/build/bench-cache/$count-$key"
if [ ! -f "$cache/ready" ]; then
  rm -rf "$root/build/bench-cache" && mkdir -p "$cache"
  echo "bench: building a database of $count sub-accounts and 1,000,000 audit entries in $cache (once)"
  "$bin" demo --count "$count" --seed 1 --calls-per-account 0 --data-dir "$cache" | tail -1
  SWITCHBOARD_BENCH_DIR=$cache go test -tags bench -count=1 -run '^TestBenchAuditFill$' -timeout 30m -v ./backend/ | grep -E '^bench:|FAIL|ok'
  touch "$cache/ready"
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$cache"/switchboard.db* "$dir"/
export SWITCHBOARD_BENCH_DIR=$dir
go test -tags bench -count=1 -run '^(TestBenchFigures|TestBenchAuditFigures|TestBenchSyncFigures|TestBenchAccessFigures|TestBenchAuditFilterFigures)$' -timeout 30m -v ./backend/ | grep -E '^bench:|FAIL|ok'
# Permissions: bulk publish to 10,000 sub-accounts, drift, the visibility check.
go test -tags bench -count=1 -run '^TestBenchPermissionFigures$' -timeout 30m -v ./backend/ | grep -E '^bench:|FAIL|ok'
# Bulk: every sub-account disabled through "Select all matching", and the list exported (on a fresh copy).
rm -f "$dir"/switchboard.db*
cp "$cache"/switchboard.db* "$dir"/
go test -tags bench -count=1 -run '^TestBenchBulkFigures$' -timeout 30m -v ./backend/ | grep -E '^bench:|FAIL|ok'
go test -tags bench -count=1 -run '^$' -bench . -benchtime 50x ./backend/ | grep -E '^Benchmark|^ok|FAIL' | sed 's/^/gobench: /'
# Import: 100,000 CSV rows into a fresh database, and the list during an
# import of 100,000 more into the copy (last: it grows the copy, which the
# start-up run below replaces).
go test -tags bench -count=1 -run '^TestBenchImportFigures$' -timeout 30m -v ./backend/ | grep -E '^bench:|FAIL|ok'
# Start-up: the app on a fresh copy of the database against a bare Wails app
# built the same way, alternating, under Xvfb inside a private D-Bus session
# (tests/bench/startup; medians of 5 runs each after a warm-up).
rm -f "$dir"/switchboard.db*
cp "$cache"/switchboard.db* "$dir"/
go build -tags desktop,production,webkit2_41 -ldflags "-w -s" -o "$root/build/bin/bare-wails" ./tests/bench/bare
go build -o "$root/build/bin/startup-bench" ./tests/bench/startup
"$root"/tests/keychain-session.sh xvfb-run -a -s "-screen 0 1440x900x24" \
  "$root/build/bin/startup-bench" -app "$bin" -bare "$root/build/bin/bare-wails" -data-dir "$dir" -runs "${STARTUP_RUNS:-5}" 2>/dev/null |
  grep -E '^(bench|startup):'
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
