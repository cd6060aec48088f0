#!/usr/bin/env bash
# Runs three peer JSON Schema validators over the same request documents that
# tairlint is benchmarked on, each fed tairlint's own editor schema, and writes
# their costs as JSON.
#
#   bench/peers/run.sh CORPUS_DIR SCHEMA_FILE OUT_JSON [--smoke]
#
# CORPUS_DIR holds the *.json request files (e.g. from
# `bench/gen_corpus.py DIR --mix peer`; its MANIFEST.tsv, when present, is used
# for the agreement check). SCHEMA_FILE is the output of
# `tairlint schema CreateInstances` saved to a file.
#
# Peers: ajv 8 and @exodus/schemasafe (versions pinned in package-lock.json;
# `npm ci` installs them into bench/peers/node_modules when it is missing), and
# python-jsonschema from Debian's python3-jsonschema, run by /usr/bin/python3.
#
# For each peer, OUT_JSON gets one object:
#   peer, version, docs, invalid_docs (as the peer judged them),
#   per_doc_us {min, median, max}: in-process cost of parse + validate (all
#     errors collected) of one document, every file loaded into memory first,
#     the schema compiled once, one warm-up round, then 21 timed rounds (1 with
#     --smoke); min / median / max of the rounds' means, from the fastest of 3
#     processes (by median; 1 with --smoke). schemasafe has a slow mode, about
#     4.8-5.4 us a document against its usual 2.9-3.0, that some processes
#     stay in for most of their rounds: the peer is compared at its best;
#   process_wall_ms: wall time of one fresh process that compiles the schema,
#     reads each file from disk, parses and validates it and counts the invalid
#     ones (date +%s%N around the process; median of 3 runs after one untimed
#     run that warms the page cache; 1 run with --smoke);
#   process_wall_ms_runs: every timed run;
#   files_per_s: docs / process wall seconds.
#
# On stderr: how many manifest-invalid and manifest-valid documents each peer
# flags (a manifest-valid document flagged invalid means the exported schema
# is wrong; schema-only validators cannot see cross-field mistakes, so missing
# some manifest-invalid ones is expected), and which mistakes each one misses.
#
# Exit status: 0 when every peer ran (whatever its timings or verdicts), 1 when
# a peer failed to run (the others are still measured and written), 2 for bad
# arguments or a missing prerequisite.

set -euo pipefail

PEERS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3

usage() { sed -n '2,38p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "peers/run.sh: $*" >&2; exit 2; }

SMOKE=0
ARGS=()
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    -h|--help) usage; exit 0 ;;
    -*) die "unknown option $arg (see --help)" ;;
    *) ARGS+=("$arg") ;;
  esac
done
[[ ${#ARGS[@]} -eq 3 ]] || { usage >&2; die "expected CORPUS_DIR SCHEMA_FILE OUT_JSON"; }
CORPUS="${ARGS[0]}"
SCHEMA="${ARGS[1]}"
OUT="${ARGS[2]}"

[[ -d "$CORPUS" ]] || die "no corpus directory $CORPUS"
compgen -G "$CORPUS/*.json" >/dev/null || die "no *.json files in $CORPUS"
[[ -r "$SCHEMA" ]] || die "cannot read the schema file $SCHEMA"
command -v node >/dev/null || die "node is needed (node 20)"
command -v npm >/dev/null || die "npm is needed"
[[ -x "$PY" ]] || die "$PY is needed (Debian's python3, for python3-jsonschema)"
"$PY" -c 'import jsonschema' 2>/dev/null ||
  die "$PY cannot import jsonschema: apt-get install -y python3-jsonschema"
"$PY" -c 'import json, sys; json.load(open(sys.argv[1]))' "$SCHEMA" 2>/dev/null ||
  die "$SCHEMA is not JSON (save the output of: tairlint schema CreateInstances)"
CORPUS="$(cd "$CORPUS" && pwd)"
SCHEMA="$(cd "$(dirname "$SCHEMA")" && pwd)/$(basename "$SCHEMA")"

ROUNDS=21
PROCESSES=3
CLI_RUNS=3
if [[ $SMOKE -eq 1 ]]; then ROUNDS=1; PROCESSES=1; CLI_RUNS=1; fi

START_NS=$(date +%s%N)

# ---- the JavaScript peers, pinned by package-lock.json
if [[ ! -d "$PEERS_DIR/node_modules/ajv" || ! -d "$PEERS_DIR/node_modules/@exodus/schemasafe" ]]; then
  echo "== npm ci in $PEERS_DIR" >&2
  (cd "$PEERS_DIR" && npm ci --no-audit --no-fund >&2) || die "npm ci failed in $PEERS_DIR"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tairlint-peers.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# In process, a peer runs on the CPU that run.sh measures the library on
# (TAIRLINT_BENCH_CPU, a CPU number; unset: wherever the system puts it).
PIN=()
if [[ -n "${TAIRLINT_BENCH_CPU:-}" ]]; then PIN=(taskset -c "$TAIRLINT_BENCH_CPU"); fi

# The command line of a peer: inproc or cli mode, then its arguments.
peer_cmd() {  # peer mode args...
  local peer="$1" mode="$2"
  shift 2
  local pin=()
  if [[ $mode == inproc ]]; then pin=("${PIN[@]}"); fi
  case "$peer" in
    ajv|@exodus/schemasafe) "${pin[@]}" node "$PEERS_DIR/peers.js" "$mode" "$peer" "$@" ;;
    python3-jsonschema) "${pin[@]}" "$PY" "$PEERS_DIR/peer_jsonschema.py" "$mode" "$@" ;;
  esac
}

FAILED=()
RESULTS=()
n=0
for peer in ajv @exodus/schemasafe python3-jsonschema; do
  n=$((n + 1))
  inproc="$WORK/$n.inproc.json"
  echo "== $peer: in process, $PROCESSES process(es) of 1 warm-up + $ROUNDS rounds" >&2
  ok=1
  for i in $(seq "$PROCESSES"); do
    if ! peer_cmd "$peer" inproc "$CORPUS" "$SCHEMA" "$ROUNDS" >"$WORK/$n.inproc.$i.json" 2>"$WORK/$n.err"; then
      cat "$WORK/$n.err" >&2
      ok=0
      break
    fi
  done
  if [[ $ok -eq 0 ]]; then
    echo "peers/run.sh: $peer failed (in process)" >&2
    FAILED+=("$peer")
    continue
  fi
  # The process with the lowest median: the peer at its best.
  "$PY" -c 'import json, sys
runs = [json.load(open(f)) for f in sys.argv[1:]]
print(json.dumps(min(runs, key=lambda r: r["per_doc_us"]["median"])))' "$WORK/$n".inproc.*.json >"$inproc"
  echo "== $peer: whole process over the files, $CLI_RUNS timed run(s)" >&2
  ok=1
  times=()
  runs=$CLI_RUNS
  [[ $SMOKE -eq 1 ]] || runs=$((CLI_RUNS + 1))  # the first one only warms the page cache
  for i in $(seq "$runs"); do
    t0=$(date +%s%N)
    if ! peer_cmd "$peer" cli "$CORPUS" "$SCHEMA" >"$WORK/$n.cli.json" 2>"$WORK/$n.err"; then
      cat "$WORK/$n.err" >&2
      ok=0
      break
    fi
    t1=$(date +%s%N)
    if [[ $SMOKE -eq 1 || $i -gt 1 ]]; then times+=($(( (t1 - t0) / 1000 ))); fi  # us
  done
  if [[ $ok -eq 0 ]]; then
    echo "peers/run.sh: $peer failed (whole process)" >&2
    FAILED+=("$peer")
    continue
  fi
  echo "${times[*]}" >"$WORK/$n.times"
  RESULTS+=("$n")
done

# ---- OUT_JSON and the agreement check
"$PY" - "$OUT" "$CORPUS" "$WORK" "${RESULTS[@]}" <<'EOF'
import collections, json, os, statistics, sys

out, corpus, work = sys.argv[1:4]
results = []
manifest = {}
mpath = os.path.join(corpus, "MANIFEST.tsv")
if os.path.exists(mpath):
    for line in open(mpath, encoding="utf-8").read().splitlines()[1:]:
        name, verdict, mistake = line.split("\t")
        if name.endswith(".json"):
            manifest[name] = (verdict, mistake)
else:
    print("agreement: no MANIFEST.tsv in %s, skipped" % corpus, file=sys.stderr)

sets = {}
for n in sys.argv[4:]:
    r = json.load(open(os.path.join(work, n + ".inproc.json")))
    cli = json.load(open(os.path.join(work, n + ".cli.json")))
    times_ms = [int(t) / 1000.0 for t in open(os.path.join(work, n + ".times")).read().split()]
    wall = statistics.median(times_ms)
    invalid = set(r.pop("invalid_files"))
    sets[r["peer"]] = invalid
    if cli["docs"] != r["docs"] or cli["invalid_docs"] != r["invalid_docs"]:
        print("%s: the whole-process run counted %d docs, %d invalid; in process %d, %d" % (
            r["peer"], cli["docs"], cli["invalid_docs"], r["docs"], r["invalid_docs"]), file=sys.stderr)
    r["process_wall_ms"] = round(wall, 1)
    r["process_wall_ms_runs"] = [round(t, 1) for t in times_ms]
    r["files_per_s"] = round(r["docs"] / (wall / 1000.0), 1) if wall > 0 else None
    r["per_doc_us"] = {k: round(v, 2) for k, v in r["per_doc_us"].items()}
    results.append(r)

    if manifest:
        m_invalid = [f for f, (v, _) in manifest.items() if v == "invalid"]
        m_valid = [f for f, (v, _) in manifest.items() if v == "valid"]
        hit = sum(1 for f in m_invalid if f in invalid)
        false_pos = sorted(f for f in m_valid if f in invalid)
        print("agreement %s: flags %d of %d manifest-invalid docs, %d of %d manifest-valid docs" % (
            r["peer"], hit, len(m_invalid), len(false_pos), len(m_valid)), file=sys.stderr)
        if false_pos:
            print("  manifest-valid docs it flags (the schema export is wrong for them?): %s" %
                  ", ".join(false_pos[:5]), file=sys.stderr)
        missed = collections.Counter(manifest[f][1] for f in m_invalid if f not in invalid)
        if missed:
            print("  mistakes it cannot see (per mistake, docs missed): %s" %
                  ", ".join("%s %d" % kv for kv in sorted(missed.items())), file=sys.stderr)
        unknown = len(invalid - set(manifest))
        if unknown:
            print("  %d flagged docs are not in the manifest" % unknown, file=sys.stderr)

peers = list(sets)
for a, b in zip(peers, peers[1:]):
    if sets[a] != sets[b]:
        print("peers disagree: %s and %s differ on %d docs, e.g. %s" % (
            a, b, len(sets[a] ^ sets[b]), ", ".join(sorted(sets[a] ^ sets[b])[:5])), file=sys.stderr)
if len(peers) > 1 and all(sets[p] == sets[peers[0]] for p in peers):
    print("peers agree: all %d flag the same %d docs" % (len(peers), len(sets[peers[0]])), file=sys.stderr)

with open(out, "w", encoding="utf-8") as f:
    json.dump(results, f, indent=2)
    f.write("\n")
EOF

END_NS=$(date +%s%N)
echo "peers/run.sh: wrote $OUT ($(( (END_NS - START_NS) / 1000000 )) ms in all)" >&2
if [[ ${#FAILED[@]} -gt 0 ]]; then
  echo "peers/run.sh: failed to run: ${FAILED[*]}" >&2
  exit 1
fi
