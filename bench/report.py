#!/usr/bin/env python3
"""Writes bench/RESULTS.md from what bench/run.sh measured.

    report.py BENCH_JSON CLI_JSONL PEERS_JSON RESULTS_MD
    report.py --merge BENCH_JSON BENCH_OUTPUT...

BENCH_JSON: tairlint_bench's Google Benchmark JSON; CLI_JSONL: one line per
CLI timing (tairlint_spawn_time's output with a label and a file count);
PEERS_JSON: bench/peers/run.sh's output. Run information comes from the
environment run.sh exports. With SMOKE=1 it only checks that every part ran
and writes nothing. Exits 1 when a benchmark failed or is missing. --merge
joins several runs of tairlint_bench into BENCH_JSON first (see merge).
Standard library only.
"""

import json
import os
import re
import statistics
import sys


def merge(out, files):
    """Joins tairlint_bench's JSON outputs into `out`: every benchmark of the
    first files, and of a benchmark measured in several processes (the corpus
    pair) the entries of the process with the lowest median."""
    docs = [json.load(open(f)) for f in files]
    best = {}
    for i, d in enumerate(docs):
        for b in d["benchmarks"]:
            if b.get("aggregate_name") == "median" or b.get("run_type") != "aggregate":
                key = b["run_name"]
                if key not in best or us(b) < best[key][1]:
                    best[key] = (i, us(b))
    merged = dict(docs[0])
    merged["benchmarks"] = [b for i, d in enumerate(docs) for b in d["benchmarks"] if best.get(b["run_name"], (i,))[0] == i]
    json.dump(merged, open(out, "w"))
    return 0


def load(argv):
    bench = json.load(open(argv[1]))
    cli = [json.loads(line) for line in open(argv[2]) if line.strip()]
    peers = json.load(open(argv[3]))
    return bench, cli, peers


def by_name(bench):
    """name -> {"median": run, "min": run, "max": run, ...}; a single run counts as all."""
    out = {}
    for b in bench["benchmarks"]:
        if b.get("error_occurred"):
            continue
        name = re.sub(r"/(min_time|repeats):[^/]+", "", b["run_name"])  # the thread benchmarks set their own
        if b.get("run_type") == "aggregate":
            out.setdefault(name, {})[b["aggregate_name"]] = b
        else:
            d = out.setdefault(name, {})
            for k in ("mean", "median", "min", "max"):
                d.setdefault(k, b)
    return out


def us(run, field="cpu_time"):
    return run[field] * {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}[run.get("time_unit", "ns")]


def fmt(v):
    return "%.0f" % v if v >= 100 else "%.1f" % v if v >= 10 else "%.2f" % v


TARGETS = ["CreateInstances", "CreateInstancesInline", "VNode", "Invalid", "300Elements"]
EXPECTED = (["BM_Check" + t for t in TARGETS] + ["BM_NlohmannParse_" + t for t in TARGETS] +
            ["BM_CheckerConstruct", "BM_CheckCorpus", "BM_NlohmannParseCorpus",
             "BM_CheckCorpusThreads/round:1/real_time/threads:1", "BM_CheckCorpusThreads/round:1/real_time/threads:2",
             "BM_NlohmannParseCorpusThreads/round:1/real_time/threads:1",
             "BM_NlohmannParseCorpusThreads/round:1/real_time/threads:2"])


def thread_rounds(runs, name):
    """[(one thread items/s, two threads items/s)] of every round of `name`."""
    out = []
    r = 1
    while "%s/round:%d/real_time/threads:1" % (name, r) in runs:
        one = runs["%s/round:%d/real_time/threads:1" % (name, r)]["median"]["items_per_second"]
        two = runs["%s/round:%d/real_time/threads:2" % (name, r)]["median"]["items_per_second"]
        out.append((one, two))
        r += 1
    return out


def merged(results):
    """Rounds of one CLI measurement as one: every run counted, the median of
    the rounds' medians, the extremes and the largest peak memory."""
    return {"runs": sum(r["runs"] for r in results), "min_ms": min(r["min_ms"] for r in results),
            "median_ms": statistics.median(r["median_ms"] for r in results),
            "max_ms": max(r["max_ms"] for r in results), "max_rss_kb": max(r["max_rss_kb"] for r in results)}


def faster_pinned_one_job(cli):
    """run.sh times `--jobs 1` pinned to each of two CPUs in every round
    (labels peer-jobs1@cpuN, in round order): each round's faster of the two
    becomes that round's peer-jobs1. Without pinning, peer-jobs1 is as run."""
    pinned = {}
    for c in cli:
        if c["label"].startswith("peer-jobs1@"):
            pinned.setdefault(c["label"], []).append(c)
    if not pinned:
        return cli
    rounds = zip(*(pinned[label] for label in sorted(pinned)))
    faster = [dict(min(r, key=lambda c: c["result"]["median_ms"]), label="peer-jobs1") for r in rounds]
    return [c for c in cli if not c["label"].startswith("peer-jobs1@")] + faster


def main(argv):
    bench, cli, peers = load(argv)
    cli = faster_pinned_one_job(cli)
    env = os.environ
    smoke = env.get("SMOKE") == "1"
    runs = by_name(bench)
    failed = [b for b in bench["benchmarks"] if b.get("error_occurred")]
    for b in failed:
        print("FAILED %s: %s" % (b["name"], b.get("error_message")), file=sys.stderr)
    missing = [n for n in EXPECTED if n not in runs]
    for n in missing:
        print("MISSING %s" % n, file=sys.stderr)
    peer_names = [p["peer"] for p in peers]
    for want in ("ajv", "@exodus/schemasafe", "python3-jsonschema"):
        if want not in peer_names:
            print("MISSING peer %s" % want, file=sys.stderr)
            missing.append(want)
    labels = {c["label"] for c in cli}
    for want in ("mixed", "peer-jobs1", "peer-jobs2", "one"):
        if want not in labels:
            print("MISSING CLI timing %s" % want, file=sys.stderr)
            missing.append(want)
    versus_path = env.get("VERSUS_JSONL", "")
    if not versus_path or not os.path.exists(versus_path) or not open(versus_path).read().strip():
        print("MISSING the alternating rounds of tairlint, schemasafe and ajv", file=sys.stderr)
        missing.append("versus")
    elif any("ajv_us" not in json.loads(line) for line in open(versus_path) if line.strip()):
        print("MISSING ajv in the alternating rounds", file=sys.stderr)
        missing.append("versus-ajv")
    if smoke:
        print("smoke: %d benchmarks, %d CLI timings, %d peers ran, tairlint, schemasafe and ajv alternated" % (
            len(runs), len(cli), len(peers)), file=sys.stderr)
        return 1 if failed or missing else 0

    def med(name, field="cpu_time"):
        r = runs.get(name, {}).get("median")
        return us(r, field) if r else None

    def spread(name):
        d = runs.get(name, {})
        return tuple(us(d[k]) if k in d else None for k in ("min", "median", "max"))

    cli_by = {}
    for c in cli:
        cli_by.setdefault(c["label"], []).append(c)

    def cli_files_per_s(label):  # the median over the label's rounds
        return statistics.median(c["files"] / (c["result"]["median_ms"] / 1000.0) for c in cli_by[label])

    peer = {p["peer"]: p for p in peers}
    check_doc = med("BM_CheckCorpus")
    parse_doc = med("BM_NlohmannParseCorpus")
    inline_check, inline_parse = med("BM_CheckCreateInstancesInline"), med("BM_NlohmannParse_CreateInstancesInline")
    wire_check, wire_nested = med("BM_CheckCreateInstances"), med("BM_NlohmannParse_CreateInstances_Nested")
    schemasafe = peer["@exodus/schemasafe"]["per_doc_us"]["median"]
    # tairlint against schemasafe in alternating rounds (run.sh): the median
    # of the rounds' ratios decides.
    versus = [json.loads(line) for line in open(env["VERSUS_JSONL"]) if line.strip()]
    versus_ratios = [v["tairlint_us"] / v["schemasafe_us"] for v in versus]
    versus_ratio = statistics.median(versus_ratios)
    ajv_ratios = [v["tairlint_us"] / v["ajv_us"] for v in versus if "ajv_us" in v]
    ajv_ratio = statistics.median(ajv_ratios) if ajv_ratios else None
    # Scaling: the median over rounds of each round's two-against-one ratio.
    lib_rounds = thread_rounds(runs, "BM_CheckCorpusThreads")
    nl_rounds = thread_rounds(runs, "BM_NlohmannParseCorpusThreads")
    lib_ratios = [two / one for one, two in lib_rounds]
    nl_ratios = [two / one for one, two in nl_rounds]
    t1 = statistics.median(one for one, _ in lib_rounds)
    t2 = statistics.median(two for _, two in lib_rounds)
    n1 = statistics.median(one for one, _ in nl_rounds)
    n2 = statistics.median(two for _, two in nl_rounds)
    lib_ratio, nl_ratio = statistics.median(lib_ratios), statistics.median(nl_ratios)
    cli_mixed = cli_files_per_s("mixed")
    cli_j2, cli_j1 = cli_files_per_s("peer-jobs2"), cli_files_per_s("peer-jobs1")
    # Rounds alternate --jobs 2 and --jobs 1: the median of each round's ratio.
    cli_ratios = [b["result"]["median_ms"] / a["result"]["median_ms"]
                  for a, b in zip(cli_by["peer-jobs2"], cli_by["peer-jobs1"])]
    cli_ratio = statistics.median(cli_ratios)
    # The machine's reference: --jobs 1 over all the files against two
    # processes at once over the halves (nothing shared), round by round.
    halves_ratios = [one["result"]["median_ms"] / halves["result"]["median_ms"]
                     for one, halves in zip(cli_by["peer-jobs1"], cli_by.get("peer-halves", []))]
    halves_ratio = statistics.median(halves_ratios) if halves_ratios else None
    # The CLI's two-job speed-up against that reference's, round by round:
    # (jobs1 / jobs2) / (jobs1 / halves) = halves / jobs2.
    relative_ratios = [halves["result"]["median_ms"] / two["result"]["median_ms"]
                       for two, halves in zip(cli_by["peer-jobs2"], cli_by.get("peer-halves", []))]
    relative_ratio = statistics.median(relative_ratios) if relative_ratios else None
    ajv_doc = peer["ajv"]["per_doc_us"]["median"]
    one = cli_by["one"][0]["result"]
    max_rss_mb = max(c["result"]["max_rss_kb"] for c in cli) / 1024.0
    # The scaling sizes ran in alternating rounds: one row per size.
    scale_by = {}
    for c in cli:
        if c["label"] == "scale":
            scale_by.setdefault(c["files"], []).append(c["result"])
    scale = {f: merged(rs) for f, rs in scale_by.items()}
    scale_rows = sorted((f, f / (r["median_ms"] / 1000.0), r["max_rss_kb"] / 1024.0) for f, r in scale.items())
    # Linear (affine) in files: each further file costs the same. The cost
    # per file between consecutive sizes (the slope), within 20% of its
    # median; the start-up is the fixed part (the intercept). Each slope is
    # taken within a round, whose sizes ran within seconds of each other,
    # and its median over the rounds counts: the host's slow spells last
    # longer than a round, and a slope between the medians of different
    # rounds measured them (a run whose slopes were 13.8, 13.9 and 13.8 us
    # a file within rounds gave 13.0, 18.4 and 17.2 between medians).
    scale_ms = sorted((f, r["median_ms"]) for f, r in scale.items())
    sizes = [f for f, _ in scale_ms]
    scale_rounds = min(len(rs) for rs in scale_by.values()) if scale_by else 0
    slopes = [statistics.median((scale_by[f2][r]["median_ms"] - scale_by[f1][r]["median_ms"]) * 1000.0 / (f2 - f1)
                                for r in range(scale_rounds))
              for f1, f2 in zip(sizes, sizes[1:]) if f2 > f1 and scale_rounds > 0]
    slope_spread = (max(slopes) - min(slopes)) / statistics.median(slopes) if slopes else 1
    fixed_ms = scale_ms[0][1] - scale_ms[0][0] * statistics.median(slopes) / 1000.0 if slopes else 0
    scaling_txt = open(env["SCALING_TXT"]).read()
    m = re.search(r"BM_ScaleElements_RMS\s+(\d+) %", scaling_txt)
    elements_rms = int(m.group(1)) if m else None
    # A size that could not run leaves the fit to the others: the target fails.
    scaling_errors = len(re.findall(r"ERROR OCCURRED", scaling_txt))

    def verdict(ok):
        return "PASS" if ok else "**FAIL**"

    lines = []
    w = lines.append
    w("# tairlint benchmark results")
    w("")
    w("Written by `bench/run.sh` (do not edit by hand). Made with `bench/run.sh` on the machine below, in one run.")
    w("")
    w("| | |")
    w("| --- | --- |")
    w("| date | %s |" % env["DATE"])
    w("| commit | %s |" % env["COMMIT"])
    w("| machine | %s CPUs (nproc), %s, %s |" % (env["NPROC"], env["CPU_MODEL"], env["MEM"]))
    w("| load average at the end | %s |" % env["LOADAVG"])
    w("| compiler | %s, CMAKE_BUILD_TYPE=Release; the CLI is linked %s |" % (env["COMPILER"], env["LINKAGE"]))
    w("| libraries | %s |" % env["VERSIONS"])
    w("| peers | %s |" % "; ".join("%s %s" % (p["peer"], p["version"]) for p in peers))
    w("| Google Benchmark | %d repetitions each (min / median / max of the repetitions' means); the harness library "
      "reports build type %s (Debian's package; the code under test is Release) |" % (
          int(env["REPETITIONS"]), bench["context"].get("library_build_type", "?")))
    cpu = env.get("TAIRLINT_BENCH_CPU", "")
    w("| pinned | %s |" % (
        "the library's single-thread benchmarks (the scaling benchmark too) and every peer in process ran on CPU %s (taskset), so that no ratio "
        "depends on which virtual CPU each landed on; the library's threads and the CLI ran unpinned, except the CLI's rounds of one job against two (on the same two CPUs, below)" % cpu if cpu else
        "nothing (no taskset, or TAIRLINT_BENCH_CPU=none)"))
    w("| processes | the corpus pair (tairlint's check, nlohmann's parse) in %s processes and each JavaScript peer in "
      "3, each shown at its best (its process with the lowest median) |" % env.get("CORPUS_PROCESSES", "1"))
    w("")
    w("## Targets")
    w("")
    w("| target | measured (medians) | verdict |")
    w("| --- | --- | --- |")
    w("| library: a realistic single-element request (inline `Instances`), positions included, <= 2x nlohmann's parse "
      "of the same bytes (aim 1.5x) | %s us / %s us = %.2fx | %s |" % (
          fmt(inline_check), fmt(inline_parse), inline_check / inline_parse, verdict(inline_check <= 2 * inline_parse)))
    w("| library: the same over the %d peer-corpus documents (10%% invalid), <= 2x | %s us / %s us = %.2fx | %s |" % (
        int(runs["BM_CheckCorpus"]["median"].get("docs", 0)), fmt(check_doc), fmt(parse_doc), check_doc / parse_doc,
        verdict(check_doc <= 2 * parse_doc)))
    w("| library: the wire form (`Instances` a JSON string) against parsing both levels with nlohmann | "
      "%s us / %s us = %.2fx | %s |" % (fmt(wire_check), fmt(wire_nested), wire_check / wire_nested,
                                        verdict(wire_check <= 2 * wire_nested)))
    w("| library: faster than @exodus/schemasafe's parse + validate of the same documents (median of %d alternating "
      "rounds of both, each round's tairlint time / schemasafe time) | %.2fx (rounds: %s; medians %s us vs %s us) "
      "| %s |" % (len(versus), versus_ratio, ", ".join("%.2f" % r for r in versus_ratios),
                  fmt(statistics.median(v["tairlint_us"] for v in versus)),
                  fmt(statistics.median(v["schemasafe_us"] for v in versus)), verdict(versus_ratio < 1)))
    if ajv_ratio is not None:
        w("| library: check of the peer corpus at or below ajv's parse and validate of the same documents with the same "
          "schema (median of %d alternating rounds of both, each round's tairlint time / ajv time) | %.2fx (rounds: %s; "
          "medians %s us vs %s us) | %s |" % (
              len(ajv_ratios), ajv_ratio, ", ".join("%.2f" % r for r in ajv_ratios),
              fmt(statistics.median(v["tairlint_us"] for v in versus if "ajv_us" in v)),
              fmt(statistics.median(v["ajv_us"] for v in versus if "ajv_us" in v)), verdict(ajv_ratio <= 1)))
    else:
        w("| library: check of the peer corpus at or below ajv's parse and validate of the same documents with the same "
          "schema, in the same run (per document) | %s us / %s us = %.2fx | %s |" % (
              fmt(check_doc), fmt(ajv_doc), check_doc / ajv_doc, verdict(check_doc <= ajv_doc)))
    w("| CLI over %d files (mixed corpus), both cores: >= 40,000 files/s | %s files/s | %s |" % (
        int(env["FILES"]), "{:,.0f}".format(cli_mixed), verdict(cli_mixed >= 40000)))
    w("| CLI peak memory < 32 MB whatever the number of files (largest of every CLI run, up to %d files) | %.1f MB | %s |" % (
        max(f for f, _, _ in scale_rows) if scale_rows else 0, max_rss_mb, verdict(max_rss_mb < 32)))
    w("| CLI on one file < 5 ms wall, start-up included | %s ms | %s |" % (fmt(one["median_ms"]), verdict(one["median_ms"] < 5)))
    w("| cost linear in the number of elements (fit RMS of the scaling benchmark, every size run) | %s%%%s | %s |" % (
        elements_rms, "; %d sizes failed to run" % scaling_errors if scaling_errors else "",
        verdict(elements_rms is not None and elements_rms <= 15 and scaling_errors == 0)))
    w("| cost linear in the number of files (cost per further file between %s files, each the median over the "
      "rounds of its value within a round, within 20%% of their median) "
      "| %s us a file (%s), spread %.0f%%; fixed part %s ms | %s |" % (
          ", ".join("{:,}".format(f) for f, _ in scale_ms), fmt(statistics.median(slopes)) if slopes else "?",
          ", ".join(fmt(x) for x in slopes), slope_spread * 100, fmt(fixed_ms), verdict(slope_spread <= 0.2)))
    w("| two threads >= 1.8x one: the library (corpus, items/s, 2 s runs, median of %d alternating rounds; "
      "nlohmann's parse alone: %.2fx) | %.2fx (rounds: %s) | %s |" % (
          len(lib_ratios), nl_ratio, lib_ratio, ", ".join("%.2f" % x for x in lib_ratios), verdict(lib_ratio >= 1.8)))
    w("| two threads: the CLI's speed-up at least 0.9x this machine's own reference, measured in the same run "
      "(`--jobs 2` against `--jobs 1` on the faster of the same two CPUs, each pinned in turn; the reference: two "
      "processes at once over the halves of the files, sharing nothing, against the same `--jobs 1`; whole process, "
      "peer corpus, median of %d alternating rounds of the CLI's speed-up / the reference's) "
      "| %s (rounds: %s); the CLI's speed-up %.2fx, the reference's %s | %s |" % (
          len(relative_ratios), "%.2fx" % relative_ratio if relative_ratio else "not measured",
          ", ".join("%.2f" % x for x in relative_ratios), cli_ratio,
          "%.2fx" % halves_ratio if halves_ratio else "not measured",
          verdict(relative_ratio is not None and relative_ratio >= 0.9)))
    w("")
    w("## Side by side with the validators people use today")
    w("")
    w("The %d peer-corpus documents (CreateInstances, one inline element, about %d bytes, %d of them invalid by the "
      "manifest), each validator fed tairlint's own schema (`tairlint schema CreateInstances`), every error collected. "
      "The peers check the schema only; tairlint also runs its cross-field and catalog rules, keeps positions and "
      "duplicate keys, and reports codes." % (
          int(runs["BM_CheckCorpus"]["median"].get("docs", 0)), int(runs["BM_CheckCorpus"]["median"].get("bytes", 0)),
          int(runs["BM_CheckCorpus"]["median"].get("invalid", 0))))
    w("")
    w("| in one process, per document | parse + validate (median) | / nlohmann parse alone | documents found invalid |")
    w("| --- | ---: | ---: | ---: |")
    w("| nlohmann::json parse alone (the floor for our stack) | %s us | 1 | |" % fmt(parse_doc))
    w("| **tairlint library** (`Checker::Check`) | %s us | %.2f | %d |" % (
        fmt(check_doc), check_doc / parse_doc, int(runs["BM_CheckCorpus"]["median"].get("invalid", 0))))
    for p in peers:
        w("| %s %s | %s us | %.2f | %d |" % (p["peer"], p["version"], fmt(p["per_doc_us"]["median"]),
                                            p["per_doc_us"]["median"] / parse_doc, p["invalid_docs"]))
    w("")
    w("| whole process over the files | files/s |")
    w("| --- | ---: |")
    w("| **tairlint check --format json**, `--jobs 2` | {:,.0f} |".format(cli_j2))
    w("| **tairlint check --format json**, `--jobs 1` | {:,.0f} |".format(cli_j1))
    for p in peers:
        w("| %s (one process reading every file) | {:,.0f} |".format(p["files_per_s"]) % p["peer"])
    w("")
    w("## The library")
    w("")
    w("CPU time per call in microseconds; one `tairlint::Checker` for every run. *parse* is `nlohmann::json::parse` of "
      "the whole document; *parse + Instances* also parses the `Instances` string, which a checker of a wire request "
      "must do too.")
    w("")
    w("| target | bytes | errors | check min | check median | check max | parse median | parse + Instances median | check / parse |")
    w("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for t in TARGETS:
        c = runs.get("BM_Check" + t, {})
        if "median" not in c:
            w("| BM_Check%s | | | FAILED | | | | | |" % t)
            continue
        lo, mid, hi = spread("BM_Check" + t)
        p = med("BM_NlohmannParse_" + t)
        pn = med("BM_NlohmannParse_" + t + "_Nested")
        w("| BM_Check%s | %d | %d | %s | %s | %s | %s | %s | %.2fx |" % (
            t, int(c["median"].get("bytes", 0)), int(c["median"].get("errors", 0)), fmt(lo), fmt(mid), fmt(hi),
            fmt(p) if p else "", fmt(pn) if pn else "", mid / (pn or p)))
    lo, mid, hi = spread("BM_CheckCorpus")
    w("| BM_CheckCorpus (per document) | %d | | %s | %s | %s | %s | | %.2fx |" % (
        int(runs["BM_CheckCorpus"]["median"].get("bytes", 0)), fmt(lo), fmt(mid), fmt(hi), fmt(parse_doc), mid / parse_doc))
    c300 = med("BM_Check300Elements")
    w("")
    w("300 elements: %s us per element. Threads over the corpus: %s documents/s with one, %s with two (%.2fx); "
      "nlohmann's parse alone, measured the same way: %s and %s (%.2fx)." % (
          fmt(c300 / 300), "{:,.0f}".format(t1), "{:,.0f}".format(t2), lib_ratio, "{:,.0f}".format(n1),
          "{:,.0f}".format(n2), nl_ratio))
    lo, mid, hi = spread("BM_CheckerConstruct")
    w("")
    w("Once per process: `tairlint::Checker` construction plus the first check of each action (which loads that "
      "action's schemas): min %s / median %s / max %s ms CPU." % (fmt(lo / 1e3), fmt(mid / 1e3), fmt(hi / 1e3)))
    w("")
    w("## The CLI")
    w("")
    w("Whole-process wall time (`bench/spawn_time.cpp`: posix_spawn, no shell; peak memory from wait4), after one "
      "warm-up run; `tairlint check --format json DIR > /dev/null`.")
    w("")
    w("| input | runs | min | median | max | files/s (median) | peak memory |")
    w("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    names = {"mixed": "mixed corpus (both actions, three forms, 1-50 elements)", "peer-jobs2": "peer corpus, --jobs 2",
             "peer-jobs1": "peer corpus, --jobs 1 (each round the faster of its runs pinned to either CPU)", "scale": "mixed corpus (sizes in alternating rounds)", "one": "one file (start-up included)",
             "peer-halves": "peer corpus in two halves, two processes at once (--jobs 1 each; the machine's reference)"}
    # The alternating rounds of a label make one row (see merged).
    paired = [label for label in ("peer-jobs2", "peer-jobs1", "peer-halves") if label in cli_by]
    rows = [c for c in cli if c["label"] not in paired and c["label"] != "scale"]
    for label in paired:
        rows.append({"label": label, "files": cli_by[label][0]["files"],
                     "result": merged([c["result"] for c in cli_by[label]])})
    for f, r in scale.items():
        rows.append({"label": "scale", "files": f, "result": r})
    for c in sorted(rows, key=lambda c: (c["label"] == "one", c["label"] != "mixed", c["files"])):
        r = c["result"]
        w("| %s files, %s | %d | %s ms | %s ms | %s ms | %s | %.1f MB |" % (
            "{:,}".format(c["files"]), names.get(c["label"], c["label"]), r["runs"], fmt(r["min_ms"]), fmt(r["median_ms"]),
            fmt(r["max_ms"]), "{:,.0f}".format(c["files"] / (r["median_ms"] / 1000.0)), r["max_rss_kb"] / 1024.0))
    w("")
    w("## Linear scaling of one check")
    w("")
    w("`bench/scaling_bench.cpp`: one check of a single-line CreateInstances request growing to 10 MB, and of a request "
      "growing to 200,000 Instances elements (every fourth with an error), limits raised; Google Benchmark fits the "
      "times to O(N) (the `BigO` and `RMS` rows: a small RMS means a good linear fit).")
    w("")
    w("```")
    w(open(env["SCALING_TXT"]).read().strip())
    w("```")
    text = "\n".join(lines) + "\n"
    open(argv[4], "w").write(text)
    sys.stdout.write(text)
    return 1 if failed or missing else 0


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[1] == "--merge":
        sys.exit(merge(sys.argv[2], sys.argv[3:]))
    sys.exit(main(sys.argv))
