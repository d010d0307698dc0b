#!/bin/sh
# insilico_mr_sumstats.sh - the summary statistics `myohep insilico-mr --sumstats`
# writes are read unchanged by `myohep mr`, which finds the same IVW estimate to
# the last digit (both print 17 significant digits of the same computation).
# Usage: tests/cli/insilico_mr_sumstats.sh MYOHEP_BINARY DATA_DIR
set -eu
bin=$1
data=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$bin" insilico-mr "$data/mr/insilico-smoke.yaml" --bootstrap 100 --format json \
    --sumstats "$out/ss" -o "$out/insilico.json"
"$bin" mr "$out/ss/analysis-1.csv" --bootstrap 100 --format json -o "$out/mr.json" 2>/dev/null
# the first ivw_fixed object of each report: analysis 1's, and the file's
estimate() { grep -m1 '"method": "ivw_fixed"' "$1" | sed 's/.*"estimate": \([^,]*\),.*/\1/'; }
a=$(estimate "$out/insilico.json")
b=$(estimate "$out/mr.json")
echo "insilico-mr IVW $a, myohep mr on its summary statistics $b"
[ -n "$a" ] && [ "$a" = "$b" ]
