#!/usr/bin/env python3
"""Writes a deterministic corpus of realistic CreateInstances request files.

    bench/gen_corpus.py DIR [-n 1000] [--seed 20240601] [--invalid-ratio 0.1]

Each file is one JSON request document of about 600 bytes: Action, a
single-element Instances written as a JSON string (as on the wire; one file
in eight writes it inline instead), often AutoPay and ResourceGroupId, and a
unique Token. Most files are
valid; about --invalid-ratio of them carry one mistake each (Period 10, a
malformed Token, an unknown Capacity, ...), which draws at least one error.

DIR/MANIFEST.tsv lists every file with "valid" or "invalid" and the mistake,
so that a caller can check the tool's verdicts (the CLI searches a directory
for *.json, *.yaml, *.yml and *.query only, so the manifest is not checked).

The output depends only on the arguments (python3 standard library only).
"""

import argparse
import json
import os
import random
import sys

# Regions with zones seen in the wild (shared/reference/zone-ids-observed.tsv):
# a region whose ID ends in a digit names its zones without a hyphen.
ZONES = {
    "cn-hangzhou": ["cn-hangzhou-" + z for z in "bghijk"],
    "cn-beijing": ["cn-beijing-" + z for z in "fghikl"],
    "cn-shanghai": ["cn-shanghai-" + z for z in "befg"],
    "cn-shenzhen": ["cn-shenzhen-" + z for z in "ace"],
    "cn-zhangjiakou": ["cn-zhangjiakou-" + z for z in "abc"],
    "ap-southeast-1": ["ap-southeast-1" + z for z in "abc"],
}

# Redis classes from schemas/catalogs/instance-classes.json.
REDIS_CLASSES = [
    "redis.master.small.default",
    "redis.master.mid.default",
    "redis.master.large.default",
    "redis.master.2xlarge.default",
    "redis.amber.master.small.multithread",
    "redis.logic.sharding.1g.2db.0rodb.4proxy.default",
    "redis.logic.sharding.2g.2db.0rodb.4proxy.default",
    "redis.logic.sharding.4g.8db.0rodb.8proxy.default",
    "redis.logic.splitrw.small.1db.1rodb.4proxy.default",
]
CAPACITIES = [1024, 2048, 4096, 8192, 16384]
PERIODS = [1, 1, 1, 3, 6, 12, 12, 24, 36]
TEAMS = ["orders", "payments", "catalog", "search", "session", "feed", "cart", "billing", "ads", "auth"]
ENVS = ["prod", "staging", "test", "dev"]
ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

MISTAKES = [
    "period-value",          # Period 10
    "token-format",          # a Token with a space
    "capacity-known",        # Capacity 3000
    "engine-version-value",  # EngineVersion 6.0
    "instance-name-format",  # a name starting with a digit
    "required-parameter",    # izNo missing
    "password-format",       # a Password with a space
    "instances-format",      # Instances that is not JSON
    "region-id-format",      # RegionId "CN_Hangzhou"
    "quantity-range",        # quantity 500
]


def rand_id(rng, prefix, n):
    return prefix + "".join(rng.choice(ALNUM) for _ in range(n))


def make_element(rng, i):
    region = rng.choice(list(ZONES))
    element = {
        "RegionId": region,
        "izNo": rng.choice(ZONES[region]),
        "quantity": rng.choice([1, 1, 1, 1, 2, 3]),
        "instanceType": "Redis",
    }
    if rng.random() < 0.85:
        element["instanceClass"] = rng.choice(REDIS_CLASSES)
    else:
        element["Capacity"] = rng.choice(CAPACITIES)
    element["EngineVersion"] = rng.choice(["5.0", "5.0", "5.0", "4.0"])
    if rng.random() < 0.75:
        element["ChargeType"] = "PrePaid"
        period = rng.choice(PERIODS)
        # Both forms occur in practice (the seed page writes "Period":"1").
        element["Period"] = str(period) if rng.random() < 0.5 else period
    else:
        element["ChargeType"] = "PostPaid"
    element["networkType"] = "VPC"
    element["vpcId"] = rand_id(rng, "vpc-bp1", 18)
    element["vSwitchId"] = rand_id(rng, "vsw-bp1", 18)
    if rng.random() < 0.5:
        element["NodeType"] = "MASTER_SLAVE"
    element["InstanceName"] = "%s-cache-%s-%s-%03d" % (
        rng.choice(TEAMS), region.split("-")[1], rng.choice(ENVS), i % 1000)
    if rng.random() < 0.1:
        # A spec file with a plain-text password: valid, but a warning.
        element["Password"] = "Rk7#" + "".join(rng.choice(TOKEN_CHARS) for _ in range(10))
    return element


def make_token(rng, i):
    # A client prefix and a UUID-shaped suffix, unique per file (the index
    # makes it so): 57 visible ASCII characters.
    hexdigits = "%032x" % ((rng.getrandbits(112) << 16) | (i & 0xFFFF))
    uuid = "-".join([hexdigits[:8], hexdigits[8:12], hexdigits[12:16], hexdigits[16:20], hexdigits[20:]])
    return "".join(rng.choice(TOKEN_CHARS) for _ in range(20)) + "-" + uuid


def apply_mistake(mistake, request, element):
    if mistake == "period-value":
        element["ChargeType"] = "PrePaid"
        element["Period"] = "10"
    elif mistake == "token-format":
        request["Token"] = request["Token"][:12] + " " + request["Token"][12:]
    elif mistake == "capacity-known":
        element.pop("instanceClass", None)
        element["Capacity"] = 3000
    elif mistake == "engine-version-value":
        element["EngineVersion"] = "6.0"
    elif mistake == "instance-name-format":
        element["InstanceName"] = "1" + element["InstanceName"]
    elif mistake == "required-parameter":
        del element["izNo"]
    elif mistake == "password-format":
        element["Password"] = "pass word 123"
    elif mistake == "quantity-range":
        element["quantity"] = 500
    elif mistake == "region-id-format":
        element["RegionId"] = "CN_Hangzhou"
    elif mistake == "instances-format":
        pass  # handled when writing
    else:
        raise ValueError(mistake)


def render(request, element, inline, mistake):
    instances_json = json.dumps([element], ensure_ascii=False, separators=(", ", ": "))
    if mistake == "instances-format":
        instances_json = instances_json[:-2]  # cut off "}]": no longer JSON
    doc = {"Action": "CreateInstances"}
    doc["Instances"] = [element] if inline and mistake != "instances-format" else instances_json
    for k, v in request.items():
        doc[k] = v
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("dir", help="output directory (created if needed)")
    ap.add_argument("-n", "--count", type=int, default=1000, help="number of files (default 1000)")
    ap.add_argument("--seed", type=int, default=20240601, help="random seed (default 20240601)")
    ap.add_argument("--invalid-ratio", type=float, default=0.1,
                    help="share of files with one mistake (default 0.1)")
    args = ap.parse_args(argv)
    if args.count < 0 or not 0.0 <= args.invalid_ratio <= 1.0:
        ap.error("bad --count or --invalid-ratio")

    rng = random.Random(args.seed)
    os.makedirs(args.dir, exist_ok=True)
    width = max(4, len(str(args.count)))
    manifest = []
    total_bytes = 0
    invalid = 0
    for i in range(args.count):
        element = make_element(rng, i)
        request = {}
        if element.get("ChargeType") == "PrePaid" and rng.random() < 0.7:
            request["AutoPay"] = "true"
        if rng.random() < 0.5:
            request["ResourceGroupId"] = rand_id(rng, "rg-acfm", 11)
        request["Token"] = make_token(rng, i)
        inline = rng.random() < 0.125
        mistake = ""
        if rng.random() < args.invalid_ratio:
            mistake = MISTAKES[invalid % len(MISTAKES)]
            invalid += 1
            apply_mistake(mistake, request, element)
        text = render(request, element, inline, mistake)
        name = "req-%0*d.json" % (width, i + 1)
        with open(os.path.join(args.dir, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        total_bytes += len(text.encode("utf-8"))
        manifest.append("%s\t%s\t%s\n" % (name, "invalid" if mistake else "valid", mistake or "-"))
    with open(os.path.join(args.dir, "MANIFEST.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("file\tverdict\tmistake\n")
        f.writelines(manifest)
    avg = total_bytes / args.count if args.count else 0
    print("gen_corpus: %d files (%d invalid), %d bytes, %.0f bytes on average, in %s"
          % (args.count, invalid, total_bytes, avg, args.dir), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
