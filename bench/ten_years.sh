#!/bin/sh
# Benchmark: ten simulated years of a healthy adult on three meals a day,
# minute-resolved, with the slow physiology (data/scenarios/ten-years-healthy.yaml).
# Reports wall time per simulated year and CVODE's counters; one run (each takes
# minutes). Usage: bench/ten_years.sh [path/to/myohep]
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/release/myohep}
[ -x "$bin" ] || { echo "build first: ./setup.sh run" >&2; exit 2; }
"$bin" run data/scenarios/ten-years-healthy.yaml --stats -o /dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
