#!/usr/bin/env bash
# make bench: builds a 100,000-sub-account database with `switchboard demo`
# and runs the Go benchmarks and figure report against it.
# Usage: tests/bench.sh PATH_TO_SWITCHBOARD [COUNT]
set -euo pipefail
bin=$1
count=${2:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "bench: building a database of $count sub-accounts in $dir"
"$bin" demo --count "$count" --seed 1 --calls-per-account 0 --data-dir "$dir" | tail -1
export SWITCHBOARD_BENCH_DIR=$dir
go test -tags bench -count=1 -run '^(TestBenchFigures|TestBenchSyncFigures)$' -timeout 30m -v ./backend/ | grep -E '^bench:|FAIL|ok'
go test -tags bench -count=1 -run '^$' -bench . -benchtime 50x ./backend/ | grep -E '^Benchmark|^ok|FAIL' | sed 's/^/gobench: /'
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
