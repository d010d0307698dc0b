#!/bin/sh
# Benchmark (issue 5 b): day-resolved cost per person-year, myohep vs the R
# package bw's adult model (Rcpp core), on the same ten-year cohort.
#   myohep: myohep population bench/cohort-10y.yaml --resolution day --threads 1
#           (100 adults, 10 years, weight-stable western diet, no exercise)
#   bw:     bench/peers/bw/bench_bw.R on the covariates myohep drew (sex, age,
#           height, weight, PAL from the per-subject CSV), 3650 one-day RK4 steps
# Reports medians (min-max) of REPEAT runs (default 5) of the wall time, per
# person-year and per person-year and state; the target is myohep at most
# 1 ms per person-year on one core.
# Usage: bench/vs_bw.sh [path/to/myohep]   (R_LIBS must find bw: default /tmp/rlib,
# built as in bench/peers/bw/README.md). Takes about 7 minutes.
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/release/myohep}
[ -x "$bin" ] || { echo "build first: ./setup.sh run" >&2; exit 2; }
n=${REPEAT:-5}
export R_LIBS=${R_LIBS:-/tmp/rlib}
pop=bench/cohort-10y.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
size=$(sed -n 's/^size: *\([0-9]*\).*/\1/p' "$pop")
years=10
# myohep integrates all its states in day mode too: 58 in 0.1.0 (docs/MODEL.md
# section 1: 40 fast, 5 stores, 13 slow); the command prints no state count.
states=${MYOHEP_STATES:-58}

i=0; : >"$tmp/t"
while [ "$i" -lt "$n" ]; do
    t0=$(date +%s.%N)
    "$bin" population "$pop" --resolution day --threads 1 -o "$tmp/subjects.csv" 2>"$tmp/err"
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc -l >>"$tmp/t"
    i=$((i + 1))
done
sort -g "$tmp/t" | awk -v n="$size" -v y="$years" -v s="$states" '{ t[NR] = $1 } END {
    m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; py = n * y
    printf "myohep population, day-resolved, 1 thread: median %.2f s (%.2f-%.2f; %d runs) for %d person-years\n", m, t[1], t[NR], NR, py
    printf "  = %.2f ms per person-year (%.2f-%.2f); %d states: %.3f ms per person-year and state; target <= 1 ms per person-year\n",
           1000 * m / py, 1000 * t[1] / py, 1000 * t[NR] / py, s, 1000 * m / py / s }'
Rscript bench/peers/bw/bench_bw.R "$tmp/subjects.csv" "$years" "$n" | tee "$tmp/bw"
sed -n 's/.*= \([0-9.]*\) ms per person-year.*/\1/p' "$tmp/bw" | awk '{
    printf "  bw: 4 integrated states (AT, ECF, glycogen, lean; fat is algebraic): %.4f ms per person-year and state\n", $1 / 4 }'
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr)"
