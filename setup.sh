#!/bin/sh
# myohep set-up on Debian 12: installs the Debian packages myohep needs (only
# the missing ones), configures and builds, then
#   ./setup.sh run    runs the showcase: one year of a sedentary man with obesity
#                     against the same man training (out/sedentary.csv,
#                     out/training.csv, out/showcase.png)
#   ./setup.sh test   builds with warnings as errors and runs every test, then
#                     rebuilds under AddressSanitizer + UndefinedBehaviorSanitizer
#                     and runs every test again
# Safe to run again: installed packages and finished builds are reused.
set -eu

cd "$(dirname "$0")"
mode=${1:-run}
case "$mode" in
run | test) ;;
*)
    echo "usage: ./setup.sh [run|test]" >&2
    exit 2
    ;;
esac

PACKAGES="build-essential cmake pkg-config libsundials-dev libsuitesparse-dev libfyaml-dev libcairo2-dev
fonts-dejavu-core libcmocka-dev libopenmpi-dev openmpi-bin"

missing=""
for package in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done
if [ -n "$missing" ]; then
    echo "setup: installing Debian packages:$missing"
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    $sudo apt-get update
    # shellcheck disable=SC2086 # word splitting of the package list is intended
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends $missing
fi

jobs=$(nproc 2>/dev/null || echo 2)

if [ "$mode" = run ]; then
    cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DMYOHEP_TESTS=OFF >/dev/null
    cmake --build build/release -j "$jobs"
    mkdir -p out
    for arm in sedentary training; do
        ./build/release/myohep run "data/scenarios/showcase/$arm.yaml" -o "out/$arm.csv"
    done
    ./build/release/myohep plot out/sedentary.csv out/training.csv --labels sedentary,training \
        --vars liver_fat_pct,muscle_insulin_sensitivity,hepatic_insulin_sensitivity,muscle_mass_kg,grip_strength_kg,vo2max_ml_kg_min,weight_kg \
        --title "One year, sedentary vs training (man of 58, BMI 34)" -o out/showcase.png
    echo "setup: results in $(pwd)/out: sedentary.csv, training.csv and showcase.png"
    exit 0
fi

cmake -S . -B build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMYOHEP_WERROR=ON >/dev/null
cmake --build build/test -j "$jobs"
ctest --test-dir build/test --output-on-failure -j "$jobs"

cmake -S . -B build/sanitize -DCMAKE_BUILD_TYPE=Debug -DMYOHEP_WERROR=ON -DMYOHEP_SANITIZE=ON >/dev/null
cmake --build build/sanitize -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp" \
    ctest --test-dir build/sanitize --output-on-failure -LE long
echo "setup: every test passed (plain and sanitizer builds)"
