#!/bin/sh
# Benchmark (issue 5 a): minute-resolved cost per simulated person-day, myohep
# vs simglucose's UVA/Padova T1D patient model, on the same one-day meal
# protocol (bench/one-day.yaml: meals at 07:30, 12:30, 19:00, 108.82 g
# carbohydrate each). Reports medians (min-max) of REPEAT runs (default 7) of:
#   myohep, whole process:   myohep run bench/one-day.yaml --every '1 min' -o /dev/null
#   myohep, in process:      the wall time --stats prints (mh_simulate: settling
#                            the basal state and the day; no parsing, no output)
#   myohep, fixed costs:     `myohep --version`, and the same scenario for 15 min
#   simglucose:              bench/peers/simglucose/bench_simglucose.py (one day,
#                            1440 one-minute steps, in process, import not counted)
# and the ratio simglucose / myohep per simulated day.
# Usage: bench/vs_simglucose.sh [path/to/myohep]
# Needs simglucose unpacked in $SIMGLUCOSE_SRC (default /tmp/simglucose) and a
# Python with numpy, scipy and pandas in $PYTHON (default /usr/bin/python3);
# see bench/peers/simglucose/README.md.
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/release/myohep}
[ -x "$bin" ] || { echo "build first: ./setup.sh run" >&2; exit 2; }
n=${REPEAT:-7}
py=${PYTHON:-/usr/bin/python3}
src=${SIMGLUCOSE_SRC:-/tmp/simglucose}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed 's/^duration: 1 day$/duration: 15 min/' bench/one-day.yaml >"$tmp/short.yaml"

now() { date +%s.%N; }
# median (min-max) in ms of the numbers (seconds) on stdin
summary() { sort -g | awk '{ t[NR] = $1 * 1000 } END {
    m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
    printf "%.1f ms (%.1f-%.1f)", m, t[1], t[NR] }'; }

i=0; : >"$tmp/proc"; : >"$tmp/inproc"; : >"$tmp/version"; : >"$tmp/short"
while [ "$i" -lt "$n" ]; do
    t0=$(now)
    "$bin" run bench/one-day.yaml --every '1 min' --stats -o /dev/null 2>"$tmp/err"
    t1=$(now)
    echo "$t1 - $t0" | bc -l >>"$tmp/proc"
    sed -n 's/.* in \([0-9.]*\) s wall.*/\1/p' "$tmp/err" >>"$tmp/inproc"
    t0=$(now); "$bin" --version >/dev/null; t1=$(now)
    echo "$t1 - $t0" | bc -l >>"$tmp/version"
    t0=$(now); "$bin" run "$tmp/short.yaml" --every '1 min' -o /dev/null 2>/dev/null; t1=$(now)
    echo "$t1 - $t0" | bc -l >>"$tmp/short"
    i=$((i + 1))
done
grep -m1 'stats:' "$tmp/err" | sed 's/^/myohep one day: /'
echo "myohep one day, whole process:  $(summary <"$tmp/proc")"
echo "myohep one day, in process:     $(summary <"$tmp/inproc")"
echo "myohep --version (start-up):    $(summary <"$tmp/version")"
echo "myohep 15 min, whole process:   $(summary <"$tmp/short")"
"$py" bench/peers/simglucose/bench_simglucose.py --src "$src" --repeat "$n" | tee "$tmp/sg"
sg=$(sed -n 's/.*median \([0-9.]*\) ms per simulated day.*/\1/p' "$tmp/sg")
mp=$(sort -g "$tmp/proc" | awk '{ t[NR] = $1 * 1000 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
mi=$(sort -g "$tmp/inproc" | awk '{ t[NR] = $1 * 1000 } END { print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')
echo "ratio simglucose / myohep per simulated day (medians): $(echo "$sg / $mp" | bc -l | xargs printf '%.1f')x (whole process), $(echo "$sg / $mi" | bc -l | xargs printf '%.1f')x (in process); target >= 1000x"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sr); $("$py" -c 'import sys, numpy, scipy; print("Python", sys.version.split()[0], "numpy", numpy.__version__, "scipy", scipy.__version__)')"
