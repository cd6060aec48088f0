#!/usr/bin/env bash
# Builds the benchmarks in Release, runs them and the peer validators over the
# same generated documents, and writes bench/RESULTS.md.
#
#   bench/run.sh [--smoke] [BUILD_DIR]
#
# BUILD_DIR defaults to build-bench/ at the project's root (git-ignored).
#
# What it runs (one run, one machine; the ratios are what count):
#   - corpora from bench/gen_corpus.py (seeded, so the same every time):
#     "mixed" (both actions, JSON/YAML/query, Instances as string and array,
#     1-50 elements, about 10% invalid) and "peer" (single-element inline
#     CreateInstances JSON of about 510 bytes, about 10% invalid); the CLI's
#     verdicts are checked against each corpus' manifest first;
#   - tairlint_bench (Google Benchmark): one realistic request of each action,
#     an invalid one, 300 elements, and the peer corpus document by document,
#     each next to nlohmann::json::parse of the same bytes; the corpus with one
#     and with two threads (2 s each, beside nlohmann's parse with one and
#     two threads); the Checker's construction and first checks;
#   - tairlint_scaling_bench: one check growing to 10 MB and 200,000 elements;
#   - the CLI as a whole process (tairlint_spawn_time: posix_spawn, wall time,
#     peak memory from wait4): over the 10,000 mixed files, over the 10,000
#     peer files with --jobs 1 and --jobs 2 (and, as the machine's reference,
#     two processes at once over its halves), over 2,500 to 20,000 files in
#     alternating rounds (cost per file and memory as the count grows), and
#     over one file (start-up);
#   - the peers, fed the project's own schema (`tairlint schema
#     CreateInstances`) over the peer corpus: ajv and @exodus/schemasafe
#     (npm ci into bench/peers/node_modules) and Debian's python3-jsonschema
#     (bench/peers/run.sh); then the library and schemasafe in alternating
#     rounds, whose ratios decide "faster than schemasafe".
#
# The comparisons made in one process (the library's single-thread
# benchmarks, each peer in process) run on one CPU: TAIRLINT_BENCH_CPU
# (default 0; "none" to leave them unpinned). The CLI's one-job runs that
# the two-job runs are compared with run on each of two CPUs in turn, the
# faster counting ("none" leaves them unpinned too).
#
# --smoke runs every part once, small (200-file corpora, minimal benchmark
# times), checks that nothing failed, and writes no RESULTS.md: for CI.
#
# Needs cmake, a C++17 compiler, Google Benchmark (libbenchmark-dev),
# python3, node and npm (the npm registry), and python3-jsonschema.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="$ROOT/bench"

SMOKE=0
BUILD_DIR=""
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    -h|--help) sed -n '2,42p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "run.sh: unknown option $arg" >&2; exit 2 ;;
    *)
      if [[ -n "$BUILD_DIR" ]]; then echo "run.sh: one build directory only" >&2; exit 2; fi
      BUILD_DIR="$arg" ;;
  esac
done
BUILD_DIR="${BUILD_DIR:-$ROOT/build-bench}"

FILES=10000
SCALE_COUNTS=(2500 5000 20000)
CLI_RUNS=7
SCALE_ROUNDS=5
ONE_RUNS=30
REPETITIONS=5
PAIR_ROUNDS=5
CORPUS_PROCESSES=3
VERSUS_ROUNDS=7
VERSUS_SECONDS=1
VERSUS_PEER_ROUNDS=5
if [[ $SMOKE -eq 1 ]]; then
  FILES=200; SCALE_COUNTS=(); CLI_RUNS=1; ONE_RUNS=3; PAIR_ROUNDS=1; CORPUS_PROCESSES=2
  VERSUS_ROUNDS=1; VERSUS_SECONDS=0.01; VERSUS_PEER_ROUNDS=1
fi

die() { echo "run.sh: $*" >&2; exit 1; }
command -v python3 >/dev/null || die "python3 is needed"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tairlint-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# The comparisons in one process (the library's single-thread benchmarks and
# each peer in process) all run on one CPU, TAIRLINT_BENCH_CPU (default 0;
# "none": not pinned). On a virtual machine one vCPU can be much slower
# than the other for a while (measured: the same check took 2.8 us on one
# and 4.4 us on the other, for minutes), and a ratio of two measurements
# must not depend on where each of them landed. What uses both cores (the
# two-thread rounds, the CLI) is not pinned.
PIN=()
PIN_NOTE=""
TAIRLINT_BENCH_CPU="${TAIRLINT_BENCH_CPU:-0}"
if [[ $TAIRLINT_BENCH_CPU != none ]] && command -v taskset >/dev/null &&
  taskset -c "$TAIRLINT_BENCH_CPU" true 2>/dev/null; then
  PIN=(taskset -c "$TAIRLINT_BENCH_CPU")
  PIN_NOTE=", on CPU $TAIRLINT_BENCH_CPU"
  export TAIRLINT_BENCH_CPU
else
  unset TAIRLINT_BENCH_CPU
fi

# ---- build
echo "== building Release in $BUILD_DIR" >&2
cmake -S "$ROOT" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release -DTAIRLINT_BUILD_TESTS=OFF \
  -DTAIRLINT_BUILD_BENCH=ON >"$WORK/configure.log" 2>&1 || { cat "$WORK/configure.log" >&2; die "configure failed"; }
JOBS="$(nproc 2>/dev/null || echo 2)"
cmake --build "$BUILD_DIR" -j"$JOBS" --target tairlint_cli tairlint_bench tairlint_scaling_bench tairlint_spawn_time \
  >"$WORK/build.log" 2>&1 ||
  { tail -50 "$WORK/build.log" >&2; die "build failed (is libbenchmark-dev installed? the bench targets exist only when find_package(benchmark) succeeds)"; }
CLI_BIN="$BUILD_DIR/tairlint"
BENCH_BIN="$BUILD_DIR/bench/tairlint_bench"
SCALING_BIN="$BUILD_DIR/bench/tairlint_scaling_bench"
SPAWN="$BUILD_DIR/bench/tairlint_spawn_time"
for b in "$CLI_BIN" "$BENCH_BIN" "$SCALING_BIN" "$SPAWN"; do [[ -x "$b" ]] || die "no $b"; done

# ---- corpora
MIXED="$WORK/mixed"
PEER="$WORK/peer"
python3 "$BENCH_DIR/gen_corpus.py" "$MIXED" -n "$FILES" --mix mixed
python3 "$BENCH_DIR/gen_corpus.py" "$PEER" -n "$FILES" --mix peer

# The CLI's verdicts must match the manifest: a CLI that fails early would be fast.
check_verdicts() {  # DIR
  local rc=0
  "$CLI_BIN" check --format json "$1" >"$WORK/verdicts.json" || rc=$?
  [[ $rc -le 1 ]] || die "tairlint check $1 exited with $rc"
  python3 - "$WORK/verdicts.json" "$1/MANIFEST.tsv" <<'EOF' || die "the CLI's verdicts do not match the corpus $1"
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
print("CLI verdicts on %s: %d files, %d with errors, %d mismatches" %
      (os.path.basename(os.path.dirname(sys.argv[2])), len(got),
       sum(1 for f in got.values() if any(x["severity"] == "error" for x in f["findings"])), bad), file=sys.stderr)
sys.exit(1 if bad else 0)
EOF
}
check_verdicts "$MIXED"
check_verdicts "$PEER"

# ---- library benchmarks
# The single-thread benchmarks run pinned to PIN's CPU, like the peers in
# process (above); the two-thread rounds run where the system puts them.
BENCH_JSON="$WORK/bench.json"
if [[ $SMOKE -eq 1 ]]; then
  echo "== tairlint_bench (smoke)" >&2
  BENCH_ARGS=(--benchmark_min_time=0.01)
  export TAIRLINT_BENCH_THREAD_SECONDS=0.01 TAIRLINT_BENCH_THREAD_ROUNDS=1
else
  echo "== tairlint_bench ($REPETITIONS repetitions${PIN_NOTE})" >&2
  BENCH_ARGS=(--benchmark_repetitions="$REPETITIONS" --benchmark_report_aggregates_only=true)
fi
TAIRLINT_BENCH_CORPUS="$PEER" "${PIN[@]}" "$BENCH_BIN" --benchmark_filter=-Threads "${BENCH_ARGS[@]}" \
  --benchmark_format=json >"$WORK/bench.one.json"
# The corpus, which is compared with the peers, in CORPUS_PROCESSES
# processes like each peer (bench/peers/run.sh), each shown at its best.
for i in $(seq 2 "$CORPUS_PROCESSES"); do
  TAIRLINT_BENCH_CORPUS="$PEER" "${PIN[@]}" "$BENCH_BIN" --benchmark_filter='^BM_(CheckCorpus|NlohmannParseCorpus)$' \
    "${BENCH_ARGS[@]}" --benchmark_format=json >"$WORK/bench.corpus.$i.json"
done
TAIRLINT_BENCH_CORPUS="$PEER" "$BENCH_BIN" --benchmark_filter=Threads "${BENCH_ARGS[@]}" \
  --benchmark_format=json >"$WORK/bench.threads.json"
python3 "$BENCH_DIR/report.py" --merge "$BENCH_JSON" "$WORK/bench.one.json" "$WORK/bench.threads.json" \
  "$WORK"/bench.corpus.*.json

SCALING_TXT="$WORK/scaling.txt"
if [[ $SMOKE -eq 1 ]]; then
  echo "== tairlint_scaling_bench (smoke)" >&2
  "$SCALING_BIN" --benchmark_min_time=0.01 --benchmark_filter='/(1048576|12500)$' >"$SCALING_TXT"
else
  echo "== tairlint_scaling_bench" >&2
  # Pinned like the single-thread benchmarks: a run that moved between a
  # fast and a slow virtual CPU part way made one size 30% faster per byte
  # than the others (fit RMS 19%, where a calm run gave 7%).
  "${PIN[@]}" "$SCALING_BIN" --benchmark_min_time=0.5 >"$SCALING_TXT"
fi

# ---- the CLI as a whole process
CLI_JSON="$WORK/cli.jsonl"
: >"$CLI_JSON"
# CLI_CPUS="0,1" time_cli ...: the run pinned to those CPUs (empty: not pinned).
CLI_CPUS=""
on_cli_cpus() { if [[ -n $CLI_CPUS ]]; then taskset -c "$CLI_CPUS" "$@"; else "$@"; fi; }
time_cli() {  # LABEL FILES RUNS ARGS...
  local label="$1" files="$2" runs="$3"
  shift 3
  on_cli_cpus "$SPAWN" 1 -- "$CLI_BIN" "$@" >/dev/null  # warm the page cache
  local out
  out="$(on_cli_cpus "$SPAWN" "$runs" -- "$CLI_BIN" "$@")"
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); bad=[c for c in d["exit"] if c>1]; sys.exit(1 if bad else 0)' "$out" ||
    die "tairlint $* exited with ${out}"
  echo "{\"label\": \"$label\", \"files\": $files, \"result\": $out}" >>"$CLI_JSON"
  echo "   $label: $out" >&2
}
echo "== the CLI over $FILES files, $CLI_RUNS runs each (after one warm-up)" >&2
time_cli mixed "$FILES" "$CLI_RUNS" check --format json "$MIXED"
# Two jobs against one, alternating round after round (the host's load
# drifts): report.py takes the median of each round's ratio. Beside them,
# the machine's own reference: two processes at once, each over one half
# of the files (hard links), sharing nothing but the machine; the CLI's
# two-job speed-up passes at 0.9x or more of this reference's. All of it runs
# on the same two CPUs, and the one-job run runs on each of them in turn,
# pinned: a round's ratio is against the faster of the two. (Unpinned, a
# one-job run that landed on a vCPU in a slow spell made the ratio 1.90x in
# a run where the same binary measured 1.70x against either CPU a minute
# later: the ratio must not depend on where one run landed.)
# ONE_JOB: the one-job runs of a round, as LABEL:CPUS.
PAIR="" ONE_JOB=("peer-jobs1:")
if [[ ${#PIN[@]} -gt 0 ]]; then  # taskset works, and TAIRLINT_BENCH_CPU is not "none"
  read -r -a PAIR_CPUS <<<"$(python3 -c 'import os; print(*sorted(os.sched_getaffinity(0))[:2])')"
  if [[ ${#PAIR_CPUS[@]} -eq 2 ]]; then
    PAIR="${PAIR_CPUS[0]},${PAIR_CPUS[1]}"
    ONE_JOB=("peer-jobs1@cpu${PAIR_CPUS[0]}:${PAIR_CPUS[0]}" "peer-jobs1@cpu${PAIR_CPUS[1]}:${PAIR_CPUS[1]}")
  fi
fi
HALF1="$WORK/peer-half1" HALF2="$WORK/peer-half2"
python3 - "$PEER" "$HALF1" "$HALF2" <<'EOF_HALVES'
import os, sys
src, a, b = sys.argv[1:]
names = sorted(n for n in os.listdir(src) if n.endswith(".json"))
for d, part in ((a, names[:len(names) // 2]), (b, names[len(names) // 2:])):
    os.makedirs(d)
    for n in part:
        os.link(os.path.join(src, n), os.path.join(d, n))
EOF_HALVES
for ((r = 1; r <= PAIR_ROUNDS; r++)); do
  CLI_CPUS="$PAIR" time_cli peer-jobs2 "$FILES" 3 check --jobs 2 --format json "$PEER"
  for run in "${ONE_JOB[@]}"; do
    CLI_CPUS="${run#*:}" time_cli "${run%%:*}" "$FILES" 3 check --jobs 1 --format json "$PEER"
  done
  CLI_CPUS="$PAIR" time_cli peer-halves "$FILES" 3 check --jobs 1 --format json "$HALF1" ::: "$CLI_BIN" check --jobs 1 --format json "$HALF2"
done
# Cost per file as the count grows: the sizes alternate round after round
# (with the mixed corpus as the 10,000-file point), so that a slow spell of
# the host lands on every size rather than on one; report.py shows the
# median of each size's round medians, and takes the cost per further file
# within each round (the median over the rounds).
SCALE_DIRS=()
for n in "${SCALE_COUNTS[@]}"; do
  d="$WORK/scale-$n"
  python3 "$BENCH_DIR/gen_corpus.py" "$d" -n "$n" --mix mixed 2>/dev/null
  SCALE_DIRS+=("$n:$d")
done
if [[ ${#SCALE_DIRS[@]} -gt 0 ]]; then SCALE_DIRS+=("$FILES:$MIXED"); fi
for ((r = 1; r <= SCALE_ROUNDS && ${#SCALE_DIRS[@]} > 0; r++)); do
  for nd in "${SCALE_DIRS[@]}"; do
    time_cli "scale" "${nd%%:*}" 3 check --format json "${nd#*:}"
  done
done
for nd in "${SCALE_DIRS[@]}"; do
  if [[ "${nd#*:}" != "$MIXED" ]]; then rm -rf "${nd#*:}"; fi
done
ONE="$WORK/one"
mkdir -p "$ONE"
cp "$(ls "$MIXED"/*.json | head -1)" "$ONE/"
time_cli one 1 "$ONE_RUNS" check --format json "$ONE"

# ---- the peers, over the peer corpus, fed tairlint's own schema
SCHEMA="$WORK/CreateInstances.schema.json"
"$CLI_BIN" schema CreateInstances >"$SCHEMA"
PEERS_JSON="$WORK/peers.json"
echo "== peers (bench/peers/run.sh)" >&2
if [[ $SMOKE -eq 1 ]]; then
  "$BENCH_DIR/peers/run.sh" "$PEER" "$SCHEMA" "$PEERS_JSON" --smoke || die "a peer failed to run"
else
  "$BENCH_DIR/peers/run.sh" "$PEER" "$SCHEMA" "$PEERS_JSON" || die "a peer failed to run"
fi

# ---- tairlint against schemasafe and ajv, round after round
# "Faster than schemasafe" and "at or below ajv" are judged on adjacent
# measurements: in each of VERSUS_ROUNDS rounds the library checks the peer
# corpus (one process, VERSUS_SECONDS), then schemasafe and ajv validate it in
# process (VERSUS_PEER_ROUNDS rounds each), all on the pinned CPU; report.py
# takes the median of the rounds' ratios. A slow spell of the host then falls on both sides of a round
# instead of on one side of the comparison (measured: schemasafe's in-process
# median moved between 2.8 and 5.0 us a document from one minute to the next).
VERSUS_JSONL="$WORK/versus.jsonl"
: >"$VERSUS_JSONL"
echo "== tairlint, @exodus/schemasafe and ajv, $VERSUS_ROUNDS alternating rounds${PIN_NOTE}" >&2
for ((r = 1; r <= VERSUS_ROUNDS; r++)); do
  TAIRLINT_BENCH_CORPUS="$PEER" "${PIN[@]}" "$BENCH_BIN" --benchmark_filter='^BM_CheckCorpus$' \
    --benchmark_min_time="$VERSUS_SECONDS" --benchmark_format=json >"$WORK/versus.lib.json"
  "${PIN[@]}" node "$BENCH_DIR/peers/peers.js" inproc @exodus/schemasafe "$PEER" "$SCHEMA" "$VERSUS_PEER_ROUNDS" \
    >"$WORK/versus.peer.json" || die "schemasafe failed in round $r"
  "${PIN[@]}" node "$BENCH_DIR/peers/peers.js" inproc ajv "$PEER" "$SCHEMA" "$VERSUS_PEER_ROUNDS" \
    >"$WORK/versus.ajv.json" || die "ajv failed in round $r"
  python3 -c 'import json, sys
lib = [b for b in json.load(open(sys.argv[1]))["benchmarks"] if b["run_name"] == "BM_CheckCorpus"][0]
scale = {"ns": 1e-3, "us": 1.0, "ms": 1e3}[lib["time_unit"]]
peer = json.load(open(sys.argv[2]))
ajv = json.load(open(sys.argv[3]))
print(json.dumps({"round": int(sys.argv[4]), "tairlint_us": lib["cpu_time"] * scale,
                  "schemasafe_us": peer["per_doc_us"]["median"], "ajv_us": ajv["per_doc_us"]["median"]}))' \
    "$WORK/versus.lib.json" "$WORK/versus.peer.json" "$WORK/versus.ajv.json" "$r" >>"$VERSUS_JSONL"
done
export VERSUS_JSONL

# ---- report
CXX_PATH="$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$BUILD_DIR/CMakeCache.txt" | head -1)"
COMPILER="$("${CXX_PATH:-c++}" --version 2>/dev/null | head -1 || echo unknown)"
CPU_MODEL="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
# Changes to the results file itself (an earlier run's) do not count.
if [[ -n "$(git -C "$ROOT" status --porcelain -- . ':!bench/RESULTS.md' 2>/dev/null | head -1)" ]]; then
  COMMIT="$COMMIT (with uncommitted changes)"
fi
pkgver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo unknown; }
VERSIONS="valijson $(pkgver libvalijson-dev); nlohmann-json $(pkgver nlohmann-json3-dev); RE2 $(pkgver libre2-dev); libyaml $(pkgver libyaml-dev); Google Benchmark $(pkgver libbenchmark-dev); node $(node --version 2>/dev/null || echo none)"
if ldd "$CLI_BIN" >/dev/null 2>&1; then LINKAGE=dynamically; else LINKAGE=statically; fi
export SMOKE FILES REPETITIONS CORPUS_PROCESSES COMPILER COMMIT VERSIONS LINKAGE
export DATE="$(date -u '+%Y-%m-%d %H:%M UTC')"
export LOADAVG="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
export NPROC="$JOBS" CPU_MODEL="${CPU_MODEL:-unknown}" SCALING_TXT
export MEM="$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo 2>/dev/null || echo unknown)"

python3 "$BENCH_DIR/report.py" "$BENCH_JSON" "$CLI_JSON" "$PEERS_JSON" "$BENCH_DIR/RESULTS.md"
