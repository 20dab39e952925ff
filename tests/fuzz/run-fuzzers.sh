#!/usr/bin/env bash
# Builds the libFuzzer targets with clang + ASan + UBSan and runs each for a bounded time on its
# seed corpus. Not part of CTest.
#   tests/fuzz/run-fuzzers.sh [seconds-per-target] [target...]
# Targets: cron retrydelay publish destination batch (default: all). The build goes to
# $LOCALSTASH_FUZZ_BUILD_DIR (default ./build-fuzz); new interesting inputs collect in
# <build>/corpus/<target>, the checked-in seeds stay untouched. Crash inputs land in
# <build>/artifacts/. Exits non-zero when a target crashes or fails to build.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SECONDS_PER_TARGET=${1:-60}
[ $# -gt 0 ] && shift
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(cron retrydelay publish destination batch)
BUILD=${LOCALSTASH_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}

CXX_CLANG=$(command -v clang++ || command -v clang++-14 || true)
if [ -z "$CXX_CLANG" ]; then
    echo "run-fuzzers: clang++ not found (apt-get install clang libclang-rt-14-dev)" >&2
    exit 2
fi
if [ ! -f "$BUILD/build.ninja" ]; then
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER="$CXX_CLANG" -DLOCALSTASH_FUZZ=ON -DLOCALSTASH_SANITIZE=ON \
        -DLOCALSTASH_BUILD_UI=OFF -DBUILD_TESTING=OFF -DLOCALSTASH_WERROR=OFF
fi
cmake --build "$BUILD" -j2 --target "${TARGETS[@]/#/fuzz_}"

# Qt keeps a few process-wide caches alive on purpose; leaks would be reported at exit only.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export QT_QPA_PLATFORM=offscreen
mkdir -p "$BUILD/artifacts"
status=0
summary=()
for t in "${TARGETS[@]}"; do
    work="$BUILD/corpus/$t"
    mkdir -p "$work"
    log="$BUILD/fuzz_$t.log"
    echo "=== fuzz_$t: ${SECONDS_PER_TARGET}s ==="
    if "$BUILD/tests/fuzz/fuzz_$t" "$work" "$ROOT/tests/fuzz/corpus/$t" \
        -max_total_time="$SECONDS_PER_TARGET" -timeout=10 -rss_limit_mb=3072 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/${t}-" >"$log" 2>&1; then
        result=ok
    else
        result="CRASH (see $log)"
        status=1
    fi
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo '?')
    rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo '?')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo '?')
    summary+=("fuzz_$t: $execs execs ($rate/s), coverage $cov, $result")
    tail -n 3 "$log"
done
echo "=== summary (${SECONDS_PER_TARGET}s per target, ASan + UBSan) ==="
printf '%s\n' "${summary[@]}"
exit $status
