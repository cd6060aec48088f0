#!/usr/bin/env bash
# Builds the benchmarks in Release, runs them, times the CLI over a corpus of
# 1,000 request files, and writes bench/RESULTS.md.
#
#   bench/run.sh [--smoke] [BUILD_DIR]
#
# BUILD_DIR defaults to build-bench/ at the project's root (git-ignored).
#
# The budget it demonstrates:
#   - one check of a realistic single-element CreateInstances request (about
#     600 bytes) costs at most 30 us on one core, with the schemas parsed once
#     (BM_CheckCreateInstances, median CPU time);
#   - `tairlint check --format json DIR` over 1,000 such files takes under one
#     second of wall time, the whole process included.
#
# --smoke runs every benchmark for a minimal time and the CLI once over 50
# files, checks that nothing failed (no benchmark skipped with an error, the
# CLI's verdicts match the corpus manifest), and writes no RESULTS.md: for CI.
#
# Needs cmake, a C++17 compiler, Google Benchmark (libbenchmark-dev) and
# python3 (standard library only).

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="$ROOT/bench"

SMOKE=0
BUILD_DIR=""
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $arg" >&2; exit 2 ;;
    *)
      if [[ -n "$BUILD_DIR" ]]; then echo "run.sh: one build directory only" >&2; exit 2; fi
      BUILD_DIR="$arg" ;;
  esac
done
BUILD_DIR="${BUILD_DIR:-$ROOT/build-bench}"

CORPUS_FILES=1000
CLI_RUNS=5
REPETITIONS=5
if [[ $SMOKE -eq 1 ]]; then CORPUS_FILES=50; CLI_RUNS=1; fi

die() { echo "run.sh: $*" >&2; exit 1; }
command -v python3 >/dev/null || die "python3 is needed"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tairlint-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# ---- build
echo "== building Release in $BUILD_DIR" >&2
cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DTAIRLINT_BUILD_TESTS=OFF \
  -DTAIRLINT_BUILD_BENCH=ON >"$WORK/configure.log" 2>&1 || { cat "$WORK/configure.log" >&2; die "configure failed"; }
JOBS="$(nproc 2>/dev/null || echo 2)"
cmake --build "$BUILD_DIR" -j"$JOBS" --target tairlint_cli tairlint_bench tairlint_scaling_bench >"$WORK/build.log" 2>&1 ||
  { tail -50 "$WORK/build.log" >&2; die "build failed (is libbenchmark-dev installed? the target tairlint_bench exists only when find_package(benchmark) succeeds)"; }
BENCH_BIN="$BUILD_DIR/bench/tairlint_bench"
CLI_BIN="$BUILD_DIR/tairlint"
[[ -x "$BENCH_BIN" ]] || die "no $BENCH_BIN"
[[ -x "$CLI_BIN" ]] || die "no $CLI_BIN"

# ---- Google Benchmark targets
BENCH_JSON="$WORK/bench.json"
if [[ $SMOKE -eq 1 ]]; then
  echo "== tairlint_bench (smoke)" >&2
  "$BENCH_BIN" --benchmark_min_time=0.01 --benchmark_format=json >"$BENCH_JSON"
else
  echo "== tairlint_bench ($REPETITIONS repetitions)" >&2
  "$BENCH_BIN" --benchmark_repetitions="$REPETITIONS" --benchmark_report_aggregates_only=true \
    --benchmark_format=json >"$BENCH_JSON"
fi

# ---- linear scaling (single-line files up to 10 MB, up to 200,000 elements)
SCALING_BIN="$BUILD_DIR/bench/tairlint_scaling_bench"
SCALING_TXT="$WORK/scaling.txt"
if [[ $SMOKE -eq 1 ]]; then
  echo "== tairlint_scaling_bench (smoke)" >&2
  "$SCALING_BIN" --benchmark_min_time=0.01 --benchmark_filter='/(1048576|12500)$' >"$SCALING_TXT"
else
  echo "== tairlint_scaling_bench" >&2
  "$SCALING_BIN" --benchmark_min_time=0.5 >"$SCALING_TXT"
fi
export SCALING_TXT

# ---- the CLI over a corpus
CORPUS="$WORK/corpus"
python3 "$BENCH_DIR/gen_corpus.py" "$CORPUS" -n "$CORPUS_FILES"
ONE="$WORK/one"
mkdir -p "$ONE"
CORPUS_JSON=("$CORPUS"/*.json)
cp "${CORPUS_JSON[0]}" "$ONE/"

# Runs the CLI over a directory; exit status 0 (clean) and 1 (findings) are
# both fine, 2 (a tool error) is not.
run_cli() {
  local rc=0
  "$CLI_BIN" check --format json "$1" >"$2" || rc=$?
  [[ $rc -le 1 ]] || die "tairlint check $1 exited with $rc"
}

# The verdicts must match the manifest: a CLI that fails early would be fast.
run_cli "$CORPUS" "$WORK/cli.json"
python3 - "$WORK/cli.json" "$CORPUS/MANIFEST.tsv" <<'EOF' || die "the CLI's verdicts do not match the corpus"
import json, os, sys
report = json.load(open(sys.argv[1]))
want = {}
for line in open(sys.argv[2]).read().splitlines()[1:]:
    name, verdict, mistake = line.split("\t")
    want[name] = (verdict, mistake)
got = {os.path.basename(f["path"]): f for f in report["files"]}
bad = 0
if set(got) != set(want):
    print("files differ: %d reported, %d in the manifest" % (len(got), len(want)), file=sys.stderr)
    bad += 1
for name, (verdict, mistake) in sorted(want.items()):
    f = got.get(name)
    if f is None:
        continue
    errors = [x for x in f["findings"] if x["severity"] == "error"]
    if (verdict == "valid") != (not errors):
        bad += 1
        if bad <= 10:
            print("%s: expected %s (%s), got %s" % (name, verdict, mistake,
                  [(x["rule"], x.get("code"), x.get("detail")) for x in errors[:3]]), file=sys.stderr)
print("CLI verdicts: %d files, %d with errors, %d mismatches" %
      (len(got), sum(1 for f in got.values() if any(x["severity"] == "error" for x in f["findings"])), bad),
      file=sys.stderr)
sys.exit(1 if bad else 0)
EOF

now_ns() { date +%s%N; }
time_cli() {  # prints the wall time of one run, in microseconds
  local t0 t1
  t0=$(now_ns)
  run_cli "$1" /dev/null
  t1=$(now_ns)
  echo $(( (t1 - t0) / 1000 ))  # us
}

CLI_TIMES=()
ONE_TIMES=()
if [[ $SMOKE -eq 0 ]]; then
  echo "== timing the CLI over $CORPUS_FILES files, $CLI_RUNS runs (after one warm-up)" >&2
  time_cli "$CORPUS" >/dev/null
  for _ in $(seq "$CLI_RUNS"); do CLI_TIMES+=("$(time_cli "$CORPUS")"); done
  for _ in $(seq "$CLI_RUNS"); do ONE_TIMES+=("$(time_cli "$ONE")"); done
else
  CLI_TIMES+=("$(time_cli "$CORPUS")")
fi

# ---- report
CXX_PATH="$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt" | head -1)"
COMPILER="$("${CXX_PATH:-c++}" --version 2>/dev/null | head -1 || echo unknown)"
CPU_MODEL="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null | head -1)" ]]; then COMMIT="$COMMIT (with uncommitted changes)"; fi

export SMOKE CORPUS_FILES CLI_RUNS REPETITIONS COMPILER COMMIT
DATE="$(date -u '+%Y-%m-%d %H:%M UTC')"
LOADAVG="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
CORPUS_BYTES="$(cat "$CORPUS"/*.json | wc -c)"
NPROC="$JOBS"
CPU_MODEL="${CPU_MODEL:-unknown}"
CLI_TIMES_US="${CLI_TIMES[*]}"
ONE_TIMES_US="${ONE_TIMES[*]:-}"
export NPROC CPU_MODEL DATE LOADAVG CORPUS_BYTES CLI_TIMES_US ONE_TIMES_US

python3 - "$BENCH_JSON" "$BENCH_DIR/RESULTS.md" <<'EOF'
import json, os, statistics, sys

bench = json.load(open(sys.argv[1]))
smoke = os.environ["SMOKE"] == "1"
runs = bench["benchmarks"]

failed = [b for b in runs if b.get("error_occurred")]
for b in failed:
    print("FAILED %s: %s" % (b["name"], b.get("error_message")), file=sys.stderr)

# name -> {"median": run, "min": run, ...}; a single run (smoke) counts as all.
by = {}
for b in runs:
    if b.get("error_occurred"):
        continue
    if b.get("run_type") == "aggregate":
        by.setdefault(b["run_name"], {})[b["aggregate_name"]] = b
    else:
        d = by.setdefault(b["run_name"], {})
        for k in ("mean", "median", "min", "max"):
            d.setdefault(k, b)

targets = ["CreateInstances", "CreateInstancesInline", "VNode", "Invalid", "300Elements"]
expected = ["BM_Check" + t for t in targets] + ["BM_NlohmannParse_" + t for t in targets] + ["BM_CheckerConstruct"]
missing = [n for n in expected if n not in by]
for n in missing:
    print("MISSING %s" % n, file=sys.stderr)

def us(run, field="cpu_time"):
    v = run[field]
    unit = run.get("time_unit", "ns")
    return v * {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}[unit]

def fmt(v):
    return "%.0f" % v if v >= 100 else "%.1f" % v if v >= 10 else "%.2f" % v

cli = [int(x) / 1000.0 for x in os.environ["CLI_TIMES_US"].split()]  # ms
one = [int(x) / 1000.0 for x in os.environ.get("ONE_TIMES_US", "").split()]

if smoke:
    print("smoke: %d benchmarks ran, CLI over %s files in %.0f ms" %
          (len(by), os.environ["CORPUS_FILES"], cli[0]), file=sys.stderr)
    sys.exit(1 if failed or missing else 0)

lines = []
w = lines.append
w("# tairlint benchmark results")
w("")
w("Written by `bench/run.sh` (do not edit by hand).")
w("")
w("| | |")
w("| --- | --- |")
w("| date | %s |" % os.environ["DATE"])
w("| commit | %s |" % os.environ["COMMIT"])
w("| machine | %s CPUs (nproc), %s |" % (os.environ["NPROC"], os.environ["CPU_MODEL"]))
w("| load average at the end | %s |" % os.environ["LOADAVG"])
w("| compiler | %s, CMAKE_BUILD_TYPE=Release |" % os.environ["COMPILER"])
w("| Google Benchmark | %s, %d repetitions each; single-threaded (one core) |" % (
    "the harness library reports build type %s (Debian's package; the code under test is Release)"
    % bench["context"].get("library_build_type", "?"), int(os.environ["REPETITIONS"])))
w("")

budget_check = by.get("BM_CheckCreateInstances", {}).get("median")
budget_cli = statistics.median(cli) if cli else None
ok_check = budget_check is not None and us(budget_check) <= 30.0
ok_cli = budget_cli is not None and budget_cli < 1000.0
w("## Budget")
w("")
w("| budget | measured (median) | verdict |")
w("| --- | --- | --- |")
w("| one check of a ~600-byte single-element CreateInstances request (wire form) <= 30 us CPU | %s us | %s |" %
  (fmt(us(budget_check)) if budget_check else "n/a", "PASS" if ok_check else "FAIL"))
w("| `tairlint check --format json DIR` over %s files < 1 s wall | %s ms | %s |" %
  (os.environ["CORPUS_FILES"], fmt(budget_cli) if budget_cli is not None else "n/a", "PASS" if ok_cli else "FAIL"))
w("")
w("## Check vs nlohmann::json::parse of the same bytes")
w("")
w("CPU time per request in microseconds over %s repetitions (min / median / max of the repetitions' means); "
  "one `tairlint::Checker` built once for every run. *parse* is `nlohmann::json::parse` of the whole "
  "document; *parse + Instances* also parses the `Instances` string, which a checker of a wire request "
  "must do too." % os.environ["REPETITIONS"])
w("")
w("| target | bytes | errors | check min | check median | check max | check median (wall) | parse median | parse + Instances median | check / parse |")
w("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for t in targets:
    c = by.get("BM_Check" + t, {})
    p = by.get("BM_NlohmannParse_" + t, {})
    pn = by.get("BM_NlohmannParse_" + t + "_Nested", {})
    if "median" not in c:
        w("| BM_Check%s | | | FAILED | | | | | | |" % t)
        continue
    cm = us(c["median"])
    pm = us(p["median"]) if "median" in p else None
    pnm = us(pn["median"]) if "median" in pn else None
    w("| BM_Check%s | %d | %d | %s | %s | %s | %s | %s | %s | %s |" % (
        t, int(c["median"].get("bytes", 0)), int(c["median"].get("errors", 0)),
        fmt(us(c.get("min", c["median"]))), fmt(cm), fmt(us(c.get("max", c["median"]))),
        fmt(us(c["median"], "real_time")),
        fmt(pm) if pm else "", fmt(pnm) if pnm else "",
        "%.1fx" % (cm / (pnm or pm)) if (pnm or pm) else ""))
c300 = by.get("BM_Check300Elements", {}).get("median")
if c300:
    w("")
    w("BM_Check300Elements: %s us per element (median)." % fmt(us(c300) / 300))
cc = by.get("BM_CheckerConstruct", {})
if "median" in cc:
    w("")
    w("`tairlint::Checker` construction (schemas and catalogs parsed, once per process): "
      "min %s / median %s / max %s ms CPU." % (
          fmt(us(cc.get("min", cc["median"])) / 1e3), fmt(us(cc["median"]) / 1e3),
          fmt(us(cc.get("max", cc["median"])) / 1e3)))
w("")
w("## The CLI")
w("")
w("Whole-process wall time of `tairlint check --format json DIR > /dev/null` (`date +%%s%%N` around it), "
  "%d runs after one warm-up. The corpus comes from `bench/gen_corpus.py` (seeded): %s files, %s bytes in all, "
  "about 10%% of them invalid; the verdicts were checked against its manifest." % (
      len(cli), os.environ["CORPUS_FILES"], os.environ["CORPUS_BYTES"]))
w("")
w("| input | min | median | max | per file (median) |")
w("| --- | ---: | ---: | ---: | ---: |")
n = int(os.environ["CORPUS_FILES"])
w("| %d files | %s ms | %s ms | %s ms | %s us |" % (
    n, fmt(min(cli)), fmt(statistics.median(cli)), fmt(max(cli)), fmt(statistics.median(cli) * 1000 / n)))
if one:
    w("| 1 file (process start-up and Checker construction) | %s ms | %s ms | %s ms | |" % (
        fmt(min(one)), fmt(statistics.median(one)), fmt(max(one))))
w("")
w("Timings on a shared or loaded machine vary; the load average above says how busy this one was. "
  "CPU time is the fairer measure of the per-check cost there; wall time is what the CLI budget is about.")
w("")
w("## Linear scaling of one check")
w("")
w("`bench/scaling_bench.cpp`: one check of a single-line CreateInstances request growing to 10 MB, and of a "
  "request growing to 200,000 Instances elements (every fourth with an error), limits raised; Google Benchmark "
  "fits the times to O(N) in the input's bytes (the `BigO` and `RMS` rows: a small RMS means a good linear fit).")
w("")
w("```")
w(open(os.environ["SCALING_TXT"]).read().strip())
w("```")
text = "\n".join(lines) + "\n"
open(sys.argv[2], "w").write(text)
sys.stdout.write(text)
if failed or missing:
    sys.exit(1)
EOF
