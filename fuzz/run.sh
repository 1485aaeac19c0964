#!/usr/bin/env bash
# Fuzzes the dsl's entry points and the write-ahead log's reader: configures a separate build
# directory with clang++-14 (libclang-rt-14-dev) and -DLINKGRAPH_FUZZ=ON, builds the libFuzzer
# targets (ASan + UBSan, the code under test instrumented for coverage), and runs each target for
# SECONDS seconds, two at a time, from the committed seeds in fuzz/corpus/<target> plus a scratch
# corpus kept in the build directory. Prints the run count of each target; exits non-zero when
# any target crashes, leaks, hangs (one input over 10 s) or fails a check.
#
# Usage: fuzz/run.sh [SECONDS]        (default 60)
# Environment: LG_FUZZ_BUILD (default <repo>/build-fuzz), LG_FUZZ_JOBS (default 2).
# A crashing input is left in $LG_FUZZ_BUILD/fuzz-artifacts/; add it to fuzz/corpus/<target>/
# and as a test case once fixed.
set -euo pipefail

seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build=${LG_FUZZ_BUILD:-$root/build-fuzz}
jobs=${LG_FUZZ_JOBS:-2}
targets=(field filter_text filter_json request_json schema_text statement log_reader)

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++-14 -DLINKGRAPH_FUZZ=ON -DLINKGRAPH_BUILD_TESTS=OFF \
  -DLINKGRAPH_BUILD_BENCH=OFF -DLINKGRAPH_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$build" --target "${targets[@]/#/fuzz_}"

mkdir -p "$build/fuzz-artifacts" "$build/fuzz-logs"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

run_one() {  # run_one TARGET: fuzz it, leave its log, return its status
  local t=$1
  mkdir -p "$build/fuzz-corpus/$t"
  "$build/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len=8192 -dict="$root/fuzz/dsl.dict" -print_final_stats=1 \
    -artifact_prefix="$build/fuzz-artifacts/$t-" \
    "$build/fuzz-corpus/$t" "$root/fuzz/corpus/$t" >"$build/fuzz-logs/$t.log" 2>&1
}

declare -A pid status
for ((i = 0; i < ${#targets[@]}; i += jobs)); do
  for t in "${targets[@]:i:jobs}"; do
    run_one "$t" &
    pid[$t]=$!
  done
  for t in "${targets[@]:i:jobs}"; do
    if wait "${pid[$t]}"; then status[$t]=0; else status[$t]=$?; fi
  done
done

failed=0
echo "fuzz summary (${seconds}s per target):"
for t in "${targets[@]}"; do
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$build/fuzz-logs/$t.log" |
         awk '{print $2}' | tail -1)
  if [[ ${status[$t]} -eq 0 ]]; then
    printf '  ok      fuzz_%-14s %12s runs\n' "$t" "${runs:-?}"
  else
    printf '  FAILED  fuzz_%-14s %12s runs (exit %s; log %s)\n' "$t" "${runs:-?}" \
      "${status[$t]}" "$build/fuzz-logs/$t.log"
    tail -n 40 "$build/fuzz-logs/$t.log" | sed 's/^/    /'
    failed=1
  fi
done
exit $failed
