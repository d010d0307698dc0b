#!/bin/sh
# Benchmark (issue 5 d): memory per in-flight subject of `myohep population`
# (target: under 64 KiB), and what the runner keeps per finished subject.
#
# 1. In-flight working memory, exact (valgrind massif, heap + stacks): the peak
#    of a population of 2 subjects run on 1 thread (one subject in flight at a
#    time) and on 2 threads (two at once). The difference is one more in-flight
#    subject: its scenario, solver (CVODE memory, vectors, dense matrices),
#    result and its thread's stack. The same with 1 subject on 1 and 2 threads
#    gives what a second, idle OpenMP thread costs by itself (subtracted).
#    Both resolutions: minute (2 simulated days) and day (1 simulated year).
#    --fair-sched=yes: valgrind runs one thread at a time, and with its default
#    lock the second OpenMP thread often started only after the first had run
#    both subjects (then "2 threads" held one subject and the difference read
#    ~0); the fair lock makes them overlap from one run to the next.
# 2. Max RSS (/usr/bin/time -v), the same comparison on 8 subjects, day mode:
#    coarse (pages, shared libraries, a malloc arena per thread), for scale.
# 3. Kept per finished subject: sizeof(mh_population_subject) (compiled here
#    against the sources), and the max-RSS slope between 2000 and 4000
#    subjects of a 1-hour protocol on 1 thread (below ~1000 subjects the rows
#    fit in memory the process already holds and the slope reads low).
# Usage: bench/memory.sh [path/to/myohep]   (needs valgrind, /usr/bin/time, cc;
# MYOHEP_SRC: the source tree the binary was built from, default this
# checkout). About 4 minutes.
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/release/myohep}
[ -x "$bin" ] || { echo "build first: ./setup.sh run" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pop() { # size duration -> population file derived from bench/cohort-10y.yaml
    sed -e "s/^size: .*/size: $1/" -e "s/duration: 10 years/duration: $2/" \
        bench/cohort-10y.yaml >"$tmp/p-$1-$(echo "$2" | tr ' ' _).yaml"
    echo "$tmp/p-$1-$(echo "$2" | tr ' ' _).yaml"
}
peak() { # massif out file -> "heap stacks total" at the snapshot with the largest total
    grep -E 'mem_heap_B|mem_heap_extra_B|mem_stacks_B' "$1" | paste - - - |
        awk -F'[= \t]+' '{ h = $2 + $4; s = $6; if (h + s > m) { m = h + s; H = h; S = s } }
                         END { print H, S, m }'
}
massif() { # file resolution threads -> heap stacks total
    valgrind --tool=massif --stacks=yes --fair-sched=yes --massif-out-file="$tmp/massif" \
        "$bin" population "$1" --resolution "$2" --threads "$3" -o /dev/null 2>/dev/null
    peak "$tmp/massif"
}

echo "1. in-flight working memory (valgrind massif peak, heap incl. malloc overhead + stacks, bytes)"
for mode in "minute 2 days" "day 1 year"; do
    set -- $mode; res=$1; dur="$2 $3"
    p2=$(pop 2 "$dur"); p1=$(pop 1 "$dur")
    a=$(massif "$p2" "$res" 1); b=$(massif "$p2" "$res" 2)
    c=$(massif "$p1" "$res" 1); d=$(massif "$p1" "$res" 2)
    echo "$a $b $c $d" | awk -v res="$res" -v dur="$dur" '{
        printf "  %s-resolved, %s: 2 subjects on 1 thread: heap %d + stacks %d = %d; on 2 threads: %d + %d = %d\n", res, dur, $1, $2, $3, $4, $5, $6
        printf "    1 subject: 1 thread %d, 2 threads %d (an idle second thread: %+d)\n", $9, $12, $12 - $9
        x = $6 - $3 - ($12 - $9)
        printf "    one more in-flight subject: %d B = %.1f KiB (heap %+d, stacks %+d); target < 64 KiB: %s\n",
               x, x / 1024, $4 - $1, $5 - $2, (x < 65536) ? "met" : "MISSED" }'
done

echo "2. max RSS (/usr/bin/time -v), 8 subjects, day-resolved, 1 year; median of 3"
p8=$(pop 8 "1 year")
for t in 1 2; do
    for i in 1 2 3; do
        /usr/bin/time -v "$bin" population "$p8" --resolution day --threads "$t" -o /dev/null 2>&1 |
            sed -n 's/.*Maximum resident set size (kbytes): //p'
    done | sort -n | awk -v t="$t" '{ r[NR] = $1 } END { printf "  threads %d: max RSS %d KiB (%d-%d)\n", t, r[2], r[1], r[3] }'
done

echo "3. kept per finished subject"
cat >"$tmp/size.c" <<'EOF'
#include <stdio.h>
#include "population/population.h"
int main(void) { printf("%zu\n", sizeof(mh_population_subject)); return 0; }
EOF
srcdir=${MYOHEP_SRC:-.}
if cc -I"$srcdir/src" -I"$srcdir/include" "$tmp/size.c" -o "$tmp/size" 2>/dev/null; then
    echo "  sizeof(mh_population_subject) = $("$tmp/size") B (src/population/population.h; one per subject, calloc'd up front, held for the output)"
fi
for n in 2000 4000; do
    p=$(pop "$n" "1 h")
    /usr/bin/time -v "$bin" population "$p" --threads 1 -o /dev/null 2>&1 |
        sed -n 's/.*Maximum resident set size (kbytes): //p' >"$tmp/rss$n"
done
awk -v a="$(cat "$tmp/rss2000")" -v b="$(cat "$tmp/rss4000")" 'BEGIN {
    printf "  max RSS 2000 subjects %d KiB, 4000 subjects %d KiB (1-hour protocol, 1 thread, one run each): %.0f B per subject\n", a, b, (b - a) * 1024 / 2000 }'
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr); $(valgrind --version)"
