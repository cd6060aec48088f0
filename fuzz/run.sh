#!/usr/bin/env bash
# Builds the libFuzzer targets with clang, ASan and UBSan, makes their seed
# corpora and runs each target for a while.
#
#   fuzz/run.sh [SECONDS_PER_TARGET] [BUILD_DIR]
#
# SECONDS_PER_TARGET defaults to 60, BUILD_DIR to build-fuzz in the project
# root. The corpora grow in BUILD_DIR/fuzz-corpus/<target> (kept between
# runs), crash reproducers land in BUILD_DIR/fuzz-artifacts/<target>/ and
# the fuzzer logs in BUILD_DIR/fuzz-logs/<target>.log. FUZZ_TARGETS (a
# space-separated list) picks targets; FUZZ_JOBS the build parallelism.
# fuzz_config (the CLI's configuration reader: small inputs, few paths) runs
# for at most FUZZ_CONFIG_SECONDS (default 20) of them, so that it adds
# little to a CI run.
#
# Exits non-zero when a target finds a crash, a leak, a timeout or a
# sanitizer report (or when the build fails).
set -euo pipefail

seconds=${1:-60}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${2:-$root/build-fuzz}
targets=${FUZZ_TARGETS:-fuzz_json fuzz_yaml fuzz_query fuzz_check fuzz_config fuzz_catalog fuzz_output}
config_seconds=${FUZZ_CONFIG_SECONDS:-20}
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}

if ! [[ $seconds =~ ^[0-9]+$ ]] || [[ $seconds -eq 0 ]]; then
  echo "usage: $0 [SECONDS_PER_TARGET] [BUILD_DIR]" >&2
  exit 2
fi

echo "==> configuring $build (clang, address,undefined)"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTAIRLINT_BUILD_FUZZ=ON \
  -DTAIRLINT_SANITIZE=address,undefined \
  -DTAIRLINT_BUILD_TESTS=OFF \
  -DTAIRLINT_BUILD_BENCH=OFF >/dev/null

echo "==> building the fuzz targets"
# shellcheck disable=SC2086  # targets is a word list
cmake --build "$build" --parallel "$jobs" --target $targets

corpus=$build/fuzz-corpus
artifacts=$build/fuzz-artifacts
logs=$build/fuzz-logs
echo "==> making the seed corpora in $corpus"
"$root/fuzz/make_corpus.sh" "$corpus"
mkdir -p "$logs"

# Sanitizer reports end the run (libFuzzer then saves the input).
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:strict_string_checks=1:check_initialization_order=1:print_stacktrace=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:report_error_type=1}

# fuzz_stat NAME LOG: the value of libFuzzer's final `stat::NAME: value` line.
fuzz_stat() {
  sed -n "s/^stat::$1: *//p" "$2" | tail -n 1
}

start=$(date +%s)
failed=0
summary=()
for t in $targets; do
  bin=$build/fuzz/$t
  dict=$root/fuzz/${t#fuzz_}.dict
  log=$logs/$t.log
  mkdir -p "$artifacts/$t"
  time_for=$seconds
  if [[ $t == fuzz_config && $config_seconds -lt $seconds ]]; then time_for=$config_seconds; fi
  echo "==> $t: ${time_for}s"
  rc=0
  "$bin" "$corpus/$t" \
    -max_total_time="$time_for" \
    -dict="$dict" \
    -rss_limit_mb=2048 \
    -timeout=10 \
    -max_len=8192 \
    -print_final_stats=1 \
    -artifact_prefix="$artifacts/$t/" >"$log" 2>&1 || rc=$?

  execs=$(fuzz_stat number_of_executed_units "$log")
  rate=$(fuzz_stat average_exec_per_sec "$log")
  rss=$(fuzz_stat peak_rss_mb "$log")
  # The last status line: `#N DONE cov: C ft: F corp: ...` (or the last pulse).
  status=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$status")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$status")
  corp=$(sed -n 's/.* corp: \([0-9]*\/[0-9A-Za-z]*\).*/\1/p' <<<"$status")
  echo "    executions: ${execs:-?}  exec/s: ${rate:-?}  peak rss: ${rss:-?} MB"

  verdict=ok
  if [[ $rc -ne 0 ]] ||
    grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|libFuzzer)|runtime error:|SUMMARY: (Address|Leak|UndefinedBehavior)Sanitizer' "$log"; then
    verdict="FAILED (exit $rc)"
    failed=1
    echo "    $t FAILED (exit $rc); log: $log" >&2
    grep -E 'ERROR:|runtime error:|SUMMARY:|Test unit written|^    #[0-9]+ ' "$log" | head -n 25 >&2 || true
    for a in "$artifacts/$t"/*; do
      if [[ -f $a ]]; then echo "    reproducer: $a (run: $bin $a)" >&2; fi
    done
  fi
  summary+=("$(printf '%-11s %-16s execs=%-10s exec/s=%-7s cov=%-6s ft=%-7s corpus=%s' \
    "$t" "$verdict" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}")")
done

echo "==> summary (${seconds}s per target, $(($(date +%s) - start))s in all)"
for line in "${summary[@]}"; do echo "$line"; done
exit "$failed"
