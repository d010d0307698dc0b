#!/bin/sh
# Benchmark of issue 6, items 4-5: in-silico MR of 100,000 virtual adults over
# ten years, day-resolved (bench/insilico-mr-100k.yaml); target: under 10
# minutes on this 2-core machine.
#
# Runs SIZE of the subjects (default 1000; the truth subset keeps its 1 %
# share) and extrapolates to the file's 100,000, and times `myohep population`
# on the same cohort (same people, no genotypes, no truth runs, no GWAS), so
# that what the MR pipeline adds to the cohort simulation shows on its own:
# the truth runs, the genotypes and per-subject records, the GWAS and MR.
#
# Usage: [SIZE=1000] [THREADS=2] [POPULATION=no] bench/insilico_mr.sh [path/to/myohep]
# (POPULATION=no skips the population run: half the time, and the CPU split
# of the MR run, cohort against truth runs, still shows the pipeline's cost)
# The whole thing: myohep insilico-mr bench/insilico-mr-100k.yaml --threads 2
#   (or mpirun -np R myohep insilico-mr ... --mpi --threads T)
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/release/myohep}
size=${SIZE:-1000}
threads=${THREADS:-2}
file=bench/insilico-mr-100k.yaml
[ -x "$bin" ] || { echo "build first: ./setup.sh run" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

now() { date +%s.%N; }

# the cohort alone, as a population file of the same size
awk -v size="$size" '/^cohort:/ { inside = 1; next }
    inside && /^  / { line = substr($0, 3); if (line ~ /^size:/) line = "size: " size; print line; next }
    inside { inside = 0 }' "$file" > "$tmp/cohort.yaml"
t0=$(now)
if [ "${POPULATION:-yes}" != no ]; then
    "$bin" population "$tmp/cohort.yaml" --resolution day --threads "$threads" -o /dev/null 2>/dev/null
fi
t1=$(now)
"$bin" insilico-mr "$file" --size "$size" --threads "$threads" --format json -o "$tmp/mr.json"
t2=$(now)

simulating=$(sed -n 's/.*"simulating": \([^,]*\),.*/\1/p' "$tmp/mr.json")
analysing=$(sed -n 's/.*"analysing": \([^,]*\),.*/\1/p' "$tmp/mr.json")
cpu_cohort=$(sed -n 's/.*"cpu_cohort": \([^,]*\),.*/\1/p' "$tmp/mr.json")
cpu_truth=$(sed -n 's/.*"cpu_truth": \([^}]*\)}.*/\1/p' "$tmp/mr.json")
truth=$(sed -n 's/.*"truth_subjects": \([0-9]*\),.*/\1/p' "$tmp/mr.json")
awk -v size="$size" -v threads="$threads" -v t0="$t0" -v t1="$t1" -v t2="$t2" \
    -v sim="$simulating" -v ana="$analysing" -v truth="$truth" -v cc="$cpu_cohort" -v ct="$cpu_truth" 'BEGIN {
    pop = t1 - t0; all = t2 - t1
    printf "%d subjects (%d in the truth subset), 10 years, day-resolved, %d threads\n", size, truth, threads
    if (pop > 0.5)
        printf "  myohep population, same cohort:  %8.2f s  (%.2f ms per subject)\n", pop, 1000 * pop / size
    printf "  myohep insilico-mr, whole run:   %8.2f s  (%.2f ms per subject)\n", all, 1000 * all / size
    printf "    simulating (cohort + truth):   %8.2f s  (CPU %.2f s cohort, %.2f s truth runs)\n", sim, cc, ct
    printf "    GWAS and MR:                   %8.3f s  (%.4f ms per subject)\n", ana, 1000 * ana / size
    printf "  pipeline beyond the cohort simulation: truth runs %.2f ms CPU, GWAS and MR %.4f ms per subject (%.1f %% of the cohort CPU)\n",
        1000 * ct / size, 1000 * ana / size, 100 * (ct + ana) / cc
    if (pop > 0.5)
        printf "  (insilico-mr against population, whole runs: %+.1f %%; the genotypes change the physiology the solver follows)\n",
            100 * (all - pop) / pop
    printf "  extrapolated to 100000 subjects: %.0f s (%.1f min) on %d threads; target 600 s\n",
        all * 100000 / size, all * 100000 / size / 60, threads
}'
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
