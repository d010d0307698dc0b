#!/bin/sh
# Issue 6 item 5: in-silico MR split across 2 MPI ranks gives the same report
# (every number but the timings) as one process on 2 threads.
# usage: mpi_insilico_mr.sh MYOHEP MPIRUN MR_FILE
set -eu
myohep=$1 mpirun=$2 file=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
as_root=""
if [ "$(id -u)" -eq 0 ]; then
    as_root="--allow-run-as-root"
fi
"$myohep" insilico-mr "$file" --threads 2 --bootstrap 100 --format json -o "$work/one.json"
# leak checking off for the ranks only, as in mpi_population.sh (Open MPI's own allocations)
ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" \
    "$mpirun" $as_root --oversubscribe -np 2 "$myohep" insilico-mr "$file" --mpi --threads 1 \
    --bootstrap 100 --format json -o "$work/two.json" 2>"$work/two.err"
grep -q "split across 2 MPI ranks" "$work/two.err" || { cat "$work/two.err"; exit 1; }
grep -v '"seconds"' "$work/one.json" > "$work/one.txt"
grep -v '"seconds"' "$work/two.json" > "$work/two.txt"
cmp "$work/one.txt" "$work/two.txt"
echo "2 MPI ranks: the same report as one process"
