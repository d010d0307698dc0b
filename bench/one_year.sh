#!/bin/sh
# Benchmark: one simulated year, three meals a day, minute-resolved.
# Reports the median over 5 runs of wall time per simulated year, with CVODE's
# step and right-hand-side counts, for two output densities (daily samples and
# minute samples). Usage: bench/one_year.sh [path/to/myohep]
# (default: a Release build in build/release, made by ./setup.sh run)
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/release/myohep}
[ -x "$bin" ] || { echo "build first: ./setup.sh run" >&2; exit 2; }
for every in "1 day" "1 min"; do
    for i in 1 2 3 4 5; do
        "$bin" run bench/one-year.yaml --every "$every" --stats -o /dev/null 2>&1 |
            sed -n 's/.* in \([0-9.]*\) s wall.*; \([0-9]*\) steps, \([0-9]*\) rhs evaluations.*/\1 \2 \3/p'
    done | sort -n | awk -v every="$every" '
        { t[NR] = $1; steps = $2; rhs = $3 }
        END { printf "output every %-6s median %.3f s per simulated year (min %.3f, max %.3f); %d steps, %d rhs evaluations\n",
              every, t[3], t[1], t[5], steps, rhs }'
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
