#!/bin/sh
# Benchmark (issue 5 c): throughput of `myohep population`, day-resolved, in
# person-years per second, on 1 thread, 2 threads, and 2 MPI ranks of 1 thread,
# and the parallel efficiency throughput_2 / (2 x throughput_1) (target >= 85 %).
# Population: bench/cohort-10y.yaml cut to SIZE subjects (default 50: 500
# person-years, 20-60 s on one thread); wall clock of the whole command,
# median (min-max) of REPEAT runs (default 5). Needs Open MPI's mpirun for the
# third line (skipped without it). Meaningful only on an otherwise idle
# machine: on a shared one another job takes cores from the 2-way runs.
# Usage: bench/throughput.sh [path/to/myohep]   (about 7 minutes)
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/release/myohep}
[ -x "$bin" ] || { echo "build first: ./setup.sh run" >&2; exit 2; }
n=${REPEAT:-5}
size=${SIZE:-50}
years=10
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# mpirun's ranks each read the file: keep it on a path every rank sees
pop="$tmp/population.yaml"
sed "s/^size: .*/size: $size/" bench/cohort-10y.yaml >"$pop"
py=$((size * years))

time_runs() { # label, then the command; prints "label median min max" (seconds)
    label=$1; shift
    i=0; : >"$tmp/t"
    while [ "$i" -lt "$n" ]; do
        t0=$(date +%s.%N)
        "$@" >/dev/null 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
        t1=$(date +%s.%N)
        echo "$t1 - $t0" | bc -l >>"$tmp/t"
        i=$((i + 1))
    done
    sort -g "$tmp/t" | awk -v l="$label" '{ t[NR] = $1 } END {
        m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; print l, m, t[1], t[NR] }'
}
{
    time_runs threads1 "$bin" population "$pop" --resolution day --threads 1 -o "$tmp/out1.csv"
    time_runs threads2 "$bin" population "$pop" --resolution day --threads 2 -o "$tmp/out2.csv"
    if command -v mpirun >/dev/null 2>&1; then
        time_runs mpi2x1 mpirun --allow-run-as-root --oversubscribe -np 2 \
            "$bin" population "$pop" --resolution day --mpi --threads 1 -o "$tmp/out3.csv"
    fi
} >"$tmp/all"
awk -v py="$py" -v n="$n" '
    { m[$1] = $2; lo[$1] = $3; hi[$1] = $4; order[NR] = $1 }
    END {
        for (i = 1; i <= NR; i++) {
            k = order[i]
            printf "%-9s median %6.2f s (%.2f-%.2f, %d runs): %6.1f person-years/s (%.1f-%.1f)", k, m[k], lo[k], hi[k], n, py / m[k], py / hi[k], py / lo[k]
            if (k != "threads1") printf "; parallel efficiency %.0f %% (target >= 85 %%)", 100 * m["threads1"] / (2 * m[k])
            printf "\n"
        }
    }' "$tmp/all"
cmp -s "$tmp/out1.csv" "$tmp/out2.csv" && echo "per-subject CSV: 1 and 2 threads byte-identical" || echo "per-subject CSV: 1 and 2 threads DIFFER"
[ -f "$tmp/out3.csv" ] && { cmp -s "$tmp/out1.csv" "$tmp/out3.csv" && echo "per-subject CSV: 2 MPI ranks byte-identical" || echo "per-subject CSV: 2 MPI ranks DIFFER"; }
echo "population: $size subjects x $years years = $py person-years, day-resolved"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr); $(mpirun --version 2>/dev/null | head -1)"
