#!/usr/bin/env python3
"""Writes a deterministic corpus of realistic request files for tairlint.

    bench/gen_corpus.py DIR [-n 1000] [--seed 20240601] [--invalid-ratio 0.1]
                        [--mix wire|mixed|peer]

--mix wire (the default, unchanged): CreateInstances JSON files only.
Each file is one JSON request document of about 600 bytes: Action, a
single-element Instances written as a JSON string (as on the wire; one file
in eight writes it inline instead), often AutoPay and ResourceGroupId, and a
unique Token. Most files are
valid; about --invalid-ratio of them carry one mistake each (Period 10, a
malformed Token, an unknown Capacity, ...), which draws at least one error.

--mix mixed: both actions (CreateInstances and CreateTairKVCacheVNode) in all
three input forms tairlint reads: JSON (.json), YAML (.yaml) and the RPC query
string (.query, one percent-encoded line). CreateInstances' Instances is a
JSON string (always in a query string) or an inline array (JSON and YAML
only), with 1 to 50 elements (mostly 1, some 2-5, a few up to 50). VNode
requests carry 0 to 5 tags. Invalid files carry one mistake each, drawn in
turn from a longer list per action (cross-field ones included, such as a
PrePaid element without Period or a Memcache element with a redis class).

--mix peer: CreateInstances JSON documents only, Instances inline with one
element, about 510 bytes each on a few lines; the mistakes are those of
--mix mixed that an inline document can carry (not instances-format). These
are the documents fed both to tairlint and to the peer validators of
bench/peers/.

Files are named req-NNNN.json (wire) or req-NNNNN.{json,yaml,query} (mixed,
peer). Every request has its own Token or ClientToken, so that no two files
of one run clash (IdempotentParameterMismatch).

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
from urllib.parse import quote

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


class Corpus:
    """The files of one corpus and its manifest, counted as they are written:
    req-NNNN.EXT, numbered from 1 with at least `min_width` digits."""

    def __init__(self, directory, count, min_width):
        self.dir = directory
        self.width = max(min_width, len(str(count)))
        self.manifest = []
        self.total_bytes = 0
        self.invalid = 0  # files written with a mistake so far

    def write(self, i, ext, text, mistake):
        name = "req-%0*d.%s" % (self.width, i + 1, ext)
        with open(os.path.join(self.dir, name), "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        self.total_bytes += len(text.encode("utf-8"))
        self.invalid += 1 if mistake else 0
        self.manifest.append("%s\t%s\t%s\n" % (name, "invalid" if mistake else "valid", mistake or "-"))


def gen_wire(args, out):
    """--mix wire: the original corpus, byte for byte."""
    rng = random.Random(args.seed)
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
            mistake = MISTAKES[out.invalid % len(MISTAKES)]
            apply_mistake(mistake, request, element)
        text = render(request, element, inline, mistake)
        out.write(i, "json", text, mistake)


# ---------------------------------------------------------------------------
# --mix mixed and --mix peer

MEMCACHE_CLASSES = ["memcache.master.small.default", "memcache.master.mid.default"]
TAIR_CLASSES = ["tair.rdb.1g", "tair.rdb.2g", "tair.rdb.4g"]
VNODE_CLASSES = ["kvcache.cu.g4b.2", "kvcache.cu.g4c.2"]
VNODE_PERIODS = [1, 1, 1, 2, 3, 6, 9, 12, 12, 24, 36]
AUTO_RENEW_PERIODS = [1, 2, 3, 6, 12]
HAN_NAMES = ["订单缓存", "会话缓存", "推荐缓存", "商品目录", "搜索缓存"]
TAG_KEYS = ["team", "env", "cost-center", "owner", "service", "project", "tier"]
TAG_VALUES = {
    "team": TEAMS, "env": ["prod", "staging", "test", "dev"], "cost-center": ["4711", "1024", "2048", "9001"],
    "owner": ["alice", "bob", "carol", "dave"], "service": ["llm-prefix", "embeddings", "chat", "rerank"],
    "project": ["atlas", "hermes", "zephyr"], "tier": ["gold", "silver"],
}

# Mistakes, one per invalid file, named after the tairlint rule they trip.
# CreateInstances: the --mix wire list, then cross-field and top-level ones.
CI_MISTAKES = MISTAKES + [
    "instance-class-family",  # a Memcache element with a redis class
    "required-if",            # a PrePaid element without Period
    "required-one-of",        # an element with neither instanceClass nor Capacity
    "charge-type-value",      # ChargeType "Prepaid"
    "node-type-value",        # NodeType "MASTER_SLAVES"
    "boolean-value",          # top-level AutoPay "yes"
]
# What a document with Instances inline can carry.
CI_INLINE_MISTAKES = [m for m in CI_MISTAKES if m != "instances-format"]
VNODE_MISTAKES = [
    "period-value",             # PrePaid with Period 10
    "required-if",              # PrePaid without Period
    "compute-unit-num-value",   # ComputeUnitNum 2
    "instance-class-family",    # a redis class for a VNode
    "charge-type-value",        # ChargeType PostPaid
    "tag-limit",                # six tags
    "tag-key-duplicate",        # the same tag key twice
    "tag-key",                  # an empty tag key
    "token-format",             # a ClientToken of 65 characters
    "required-parameter",       # VkName missing
    "instance-name-format",     # a name with a double quote
    "region-id-format",         # RegionId "cn_Beijing"
    "auto-renew-period-value",  # AutoRenew with AutoRenewPeriod 4
    "boolean-value",            # DryRun "maybe"
]


def element_count(rng):
    r = rng.random()
    if r < 0.75:
        return 1
    if r < 0.95:
        return rng.randint(2, 5)
    return rng.randint(6, 50)


def make_ci_context(rng, i):
    """What the elements of one request share: region, zone, network, billing."""
    region = rng.choice(list(ZONES))
    return {
        "i": i,
        "region": region,
        "zone": rng.choice(ZONES[region]),
        "vpc": rand_id(rng, "vpc-bp1", 18),
        "vsw": rand_id(rng, "vsw-bp1", 18),
        "charge": "PrePaid" if rng.random() < 0.6 else "PostPaid",
        "team": rng.choice(TEAMS),
        "env": rng.choice(ENVS),
    }


def make_ci_element(rng, ctx, k, full=True):
    """One element of Instances. full=False leaves out the optional members
    that make the --mix peer documents longer than about 510 bytes."""
    region = ctx["region"]
    element = {"RegionId": region, "izNo": ctx["zone"] if rng.random() < 0.8 else rng.choice(ZONES[region])}
    if not full or rng.random() < 0.8:
        element["quantity"] = rng.choice([1, 1, 1, 1, 2, 3])
    memcache = full and rng.random() < 0.08
    if memcache:
        element["instanceType"] = "Memcache"
        if rng.random() < 0.5:
            element["instanceClass"] = rng.choice(MEMCACHE_CLASSES)
        else:
            element["Capacity"] = rng.choice(CAPACITIES)
    else:
        if not full or rng.random() < 0.8:
            element["instanceType"] = "Redis"
        r = rng.random()
        if r < 0.75:
            element["instanceClass"] = rng.choice(REDIS_CLASSES)
        elif r < 0.85 and full:
            element["instanceClass"] = rng.choice(TAIR_CLASSES)
        else:
            element["Capacity"] = rng.choice(CAPACITIES)
        if not full or rng.random() < 0.8:
            element["EngineVersion"] = rng.choice(["5.0", "5.0", "5.0", "4.0"])
    charge = ctx["charge"] if rng.random() < 0.9 else rng.choice(["PrePaid", "PostPaid"])
    if charge == "PrePaid":
        element["ChargeType"] = "PrePaid"
        period = rng.choice(PERIODS)
        element["Period"] = str(period) if rng.random() < 0.5 else period
        if full and rng.random() < 0.2:
            element["AutoRenew"] = rng.choice([True, "true", False])
    elif not full or rng.random() < 0.7:
        element["ChargeType"] = "PostPaid"
    element["networkType"] = "VPC"
    element["vpcId"] = ctx["vpc"]
    element["vSwitchId"] = ctx["vsw"]
    if full and rng.random() < 0.4:
        element["NodeType"] = rng.choice(["MASTER_SLAVE", "MASTER_SLAVE", "STAND_ALONE"])
    if full and rng.random() < 0.05:
        element["InstanceName"] = "%s-%s-%02d" % (rng.choice(HAN_NAMES), ctx["env"], k)
    else:
        element["InstanceName"] = "%s-cache-%s-%s-%03d" % (
            ctx["team"], region.split("-")[1], ctx["env"], (ctx["i"] + k) % 1000)
    if full and rng.random() < 0.05:
        # A spec file with a plain-text password: valid, but a warning.
        element["Password"] = "Rk7#" + "".join(rng.choice(TOKEN_CHARS) for _ in range(10))
    return element


def apply_ci_mistake(rng, mistake, request, elements):
    element = elements[rng.randrange(len(elements))]
    if mistake in ("period-value", "token-format", "capacity-known", "engine-version-value",
                   "instance-name-format", "required-parameter", "password-format", "quantity-range",
                   "region-id-format", "instances-format"):
        apply_mistake(mistake, request, element)
    elif mistake == "instance-class-family":
        element.pop("Capacity", None)
        element["instanceType"] = "Memcache"
        element["instanceClass"] = rng.choice(REDIS_CLASSES)
    elif mistake == "required-if":
        element["ChargeType"] = "PrePaid"
        element.pop("Period", None)
    elif mistake == "required-one-of":
        element.pop("Capacity", None)
        element.pop("instanceClass", None)
    elif mistake == "charge-type-value":
        element["ChargeType"] = "Prepaid"
        element.pop("Period", None)
        element.pop("AutoRenew", None)
    elif mistake == "node-type-value":
        element["NodeType"] = "MASTER_SLAVES"
    elif mistake == "boolean-value":
        request["AutoPay"] = "yes"
    else:
        raise ValueError(mistake)


def make_vnode(rng, i):
    region = rng.choice(list(ZONES))
    req = {
        "RegionId": region,
        "ZoneId": rng.choice(ZONES[region]),
        "InstanceClass": rng.choice(VNODE_CLASSES),
        "ComputeUnitNum": 1 if rng.random() < 0.7 else "1",
        "VkName": rand_id(rng, "tk-", 16),
        "VSwitchId": rand_id(rng, "vsw-bp1", 18),
    }
    if rng.random() < 0.8:
        req["InstanceName"] = "%s-kvcache-%s-%03d" % (rng.choice(TEAMS), rng.choice(ENVS), i % 1000)
    if rng.random() < 0.4:
        req["ChargeType"] = "PrePaid"
        req["Period"] = rng.choice(VNODE_PERIODS)
        if rng.random() < 0.3:
            req["AutoRenew"] = True
            req["AutoRenewPeriod"] = rng.choice(AUTO_RENEW_PERIODS)
    if rng.random() < 0.6:
        req["AutoPay"] = True
    if rng.random() < 0.3:
        req["ResourceGroupId"] = rand_id(rng, "rg-acfm", 11)
    req["ClientToken"] = make_token(rng, i)
    ntags = rng.choice([0, 0, 0, 1, 2, 2, 3, 4, 5])
    if ntags:
        req["Tag"] = [{"Key": k, "Value": rng.choice(TAG_VALUES[k])} for k in rng.sample(TAG_KEYS, ntags)]
    if rng.random() < 0.03:
        req["DryRun"] = True  # an info finding, no error
    return req


def apply_vnode_mistake(rng, mistake, req):
    def ensure_tags(n):
        tags = req.setdefault("Tag", [])
        for k in TAG_KEYS:
            if len(tags) >= n:
                break
            if all(t["Key"] != k for t in tags):
                tags.append({"Key": k, "Value": rng.choice(TAG_VALUES[k])})

    if mistake == "period-value":
        req["ChargeType"] = "PrePaid"
        req["Period"] = 10
    elif mistake == "required-if":
        req["ChargeType"] = "PrePaid"
        req.pop("Period", None)
    elif mistake == "compute-unit-num-value":
        req["ComputeUnitNum"] = 2
    elif mistake == "instance-class-family":
        req["InstanceClass"] = rng.choice(REDIS_CLASSES)
    elif mistake == "charge-type-value":
        req["ChargeType"] = "PostPaid"
        req.pop("Period", None)
    elif mistake == "tag-limit":
        ensure_tags(6)
    elif mistake == "tag-key-duplicate":
        ensure_tags(2)
        if len(req["Tag"]) >= 5:
            del req["Tag"][4:]
        req["Tag"].append({"Key": req["Tag"][0]["Key"], "Value": "other"})
    elif mistake == "tag-key":
        ensure_tags(1)
        req["Tag"][rng.randrange(len(req["Tag"]))]["Key"] = ""
    elif mistake == "token-format":
        req["ClientToken"] = req["ClientToken"] + "-" + "0123456789abcdef"  # 57 + 17 = 74 characters
    elif mistake == "required-parameter":
        del req["VkName"]
    elif mistake == "instance-name-format":
        req["InstanceName"] = 'kv"cache-%03d' % rng.randrange(1000)
    elif mistake == "region-id-format":
        req["RegionId"] = "cn_Beijing"
    elif mistake == "auto-renew-period-value":
        req["AutoRenew"] = True
        req["AutoRenewPeriod"] = 4
    elif mistake == "boolean-value":
        req["DryRun"] = "maybe"
    else:
        raise ValueError(mistake)


# ---- writers

YAML_PLAIN_OK = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
YAML_RESERVED = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"}


def yaml_scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    # A plain scalar when it cannot read as anything but this text, else a
    # double-quoted one (JSON string syntax is valid YAML).
    plain = (v and (v[0].isalpha() or "\u4e00" <= v[0] <= "\u9fff")
             and all(c in YAML_PLAIN_OK or "\u4e00" <= c <= "\u9fff" for c in v)
             and v.lower() not in YAML_RESERVED)
    return v if plain else json.dumps(v, ensure_ascii=False)


def yaml_mapping(d, indent, first_prefix=None):
    """Block mapping lines; first_prefix replaces the indent of the first line
    (for "- " list items)."""
    lines = []
    pad = " " * indent
    for n, (k, v) in enumerate(d.items()):
        lead = first_prefix if (n == 0 and first_prefix is not None) else pad
        if isinstance(v, list):
            lines.append("%s%s:" % (lead, k))
            for item in v:
                lines.extend(yaml_mapping(item, indent + 4, " " * (indent + 2) + "- "))
        else:
            lines.append("%s%s: %s" % (lead, k, yaml_scalar(v)))
    return lines


def instances_string(elements, mistake, pretty):
    if pretty:  # one element per line, as in a hand-written spec
        text = "[" + ",\n ".join(json.dumps(e, ensure_ascii=False, separators=(", ", ": ")) for e in elements) + "]"
    else:
        text = json.dumps(elements, ensure_ascii=False, separators=(",", ":"))
    if mistake == "instances-format":
        text = text[:-2]  # cut off "}]": no longer JSON
    return text


def write_json(doc, style):
    if style == "compact":
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write_yaml(doc, comment, block_instances):
    lines = ["# " + comment] if comment else []
    for k, v in doc.items():
        if k == "Instances" and isinstance(v, str):
            if block_instances:
                lines.append("Instances: |")
                lines.extend("  " + line for line in v.split("\n"))
            else:
                lines.append("Instances: " + json.dumps(v, ensure_ascii=False))
        elif isinstance(v, list):
            lines.append("%s:" % k)
            for item in v:
                lines.extend(yaml_mapping(item, 4, "  - "))
        else:
            lines.append("%s: %s" % (k, yaml_scalar(v)))
    return "\n".join(lines) + "\n"


def pct(v):
    if isinstance(v, bool):
        v = "true" if v else "false"
    return quote(str(v), safe="-_.~")


def write_query(doc, rng):
    pairs = []
    for k, v in doc.items():
        if k == "Tag":
            for n, tag in enumerate(v, 1):
                pairs.append(("Tag.%d.Key" % n, tag["Key"]))
                pairs.append(("Tag.%d.Value" % n, tag["Value"]))
        else:
            pairs.append((k, v))
    if rng.random() < 0.7:  # the common parameters an SDK adds
        pairs[1:1] = [("Format", "JSON"), ("Version", "2015-01-01")]
        nonce = "%032x" % rng.getrandbits(128)
        pairs += [("SignatureMethod", "HMAC-SHA1"), ("SignatureVersion", "1.0"),
                  ("SignatureNonce", "-".join([nonce[:8], nonce[8:12], nonce[12:16], nonce[16:20], nonce[20:]])),
                  ("Timestamp", "2024-06-%02dT%02d:%02d:%02dZ" % (rng.randint(1, 30), rng.randrange(24),
                                                                 rng.randrange(60), rng.randrange(60)))]
    return "&".join("%s=%s" % (k, pct(v)) for k, v in pairs) + "\n"


YAML_COMMENTS = ["Request spec for the %s cache tier (%s).", "Generated by the %s team's provisioning job, %s."]


def gen_mixed(args, out):
    """--mix mixed: both actions, JSON, YAML and query string."""
    rng = random.Random(args.seed)
    ci_n = vnode_n = 0  # invalid files per action, to take the mistakes in turn
    for i in range(args.count):
        r = rng.random()
        form = "json" if r < 0.45 else "yaml" if r < 0.8 else "query"
        vnode = rng.random() < 0.3
        mistake = ""
        if rng.random() < args.invalid_ratio:
            if vnode:
                mistake = VNODE_MISTAKES[vnode_n % len(VNODE_MISTAKES)]
                vnode_n += 1
            else:
                mistake = CI_MISTAKES[ci_n % len(CI_MISTAKES)]
                ci_n += 1
        if vnode:
            req = make_vnode(rng, i)
            if mistake:
                apply_vnode_mistake(rng, mistake, req)
            doc = {"Action": "CreateTairKVCacheVNode"}
            doc.update(req)
        else:
            ctx = make_ci_context(rng, i)
            elements = [make_ci_element(rng, ctx, k) for k in range(element_count(rng))]
            request = {}
            if any(e.get("ChargeType") == "PrePaid" for e in elements) and rng.random() < 0.7:
                request["AutoPay"] = rng.choice(["true", True])
            if rng.random() < 0.15:
                request["EngineVersion"] = "5.0"
                for e in elements:
                    if e.get("instanceType") != "Memcache":
                        e["EngineVersion"] = "5.0"
            if rng.random() < 0.4:
                request["ResourceGroupId"] = rand_id(rng, "rg-acfm", 11)
            request["Token"] = make_token(rng, i)
            if mistake:
                apply_ci_mistake(rng, mistake, request, elements)
            inline = form != "query" and mistake != "instances-format" and rng.random() < 0.5
            doc = {"Action": "CreateInstances"}
            if inline:
                doc["Instances"] = elements
            else:
                doc["Instances"] = instances_string(elements, mistake, form == "yaml" and rng.random() < 0.5)
            doc.update(request)
        if form == "json":
            text = write_json(doc, "compact" if rng.random() < 0.2 else "indent")
        elif form == "yaml":
            comment = ""
            if rng.random() < 0.3:
                comment = rng.choice(YAML_COMMENTS) % (rng.choice(TEAMS), rng.choice(ENVS))
            text = write_yaml(doc, comment, isinstance(doc.get("Instances"), str) and "\n" in doc["Instances"])
        else:
            text = write_query(doc, rng)
        out.write(i, form, text, mistake)


def write_peer_json(doc):
    # Compact-ish: one top-level member per line, the element on one line.
    members = ['"%s": %s' % (k, json.dumps(v, ensure_ascii=False, separators=(", ", ": "))) for k, v in doc.items()]
    return "{" + ",\n ".join(members) + "}\n"


def gen_peer(args, out):
    """--mix peer: single-element inline CreateInstances JSON, about 510 bytes."""
    rng = random.Random(args.seed)
    for i in range(args.count):
        ctx = make_ci_context(rng, i)
        elements = [make_ci_element(rng, ctx, 0, full=False)]
        request = {}
        if elements[0].get("ChargeType") == "PrePaid" and rng.random() < 0.7:
            request["AutoPay"] = "true"
        if rng.random() < 0.8:
            request["ResourceGroupId"] = rand_id(rng, "rg-acfm", 11)
        request["Token"] = make_token(rng, i)
        mistake = ""
        if rng.random() < args.invalid_ratio:
            mistake = CI_INLINE_MISTAKES[out.invalid % len(CI_INLINE_MISTAKES)]
            apply_ci_mistake(rng, mistake, request, elements)
        doc = {"Action": "CreateInstances", "Instances": elements}
        doc.update(request)
        text = write_peer_json(doc)
        out.write(i, "json", text, mistake)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("dir", help="output directory (created if needed)")
    ap.add_argument("-n", "--count", type=int, default=1000, help="number of files (default 1000)")
    ap.add_argument("--seed", type=int, default=20240601, help="random seed (default 20240601)")
    ap.add_argument("--invalid-ratio", type=float, default=0.1,
                    help="share of files with one mistake (default 0.1)")
    ap.add_argument("--mix", choices=["wire", "mixed", "peer"], default="wire",
                    help="wire: CreateInstances JSON with Instances mostly a string (default); "
                         "mixed: both actions in JSON, YAML and query form, 1-50 elements; "
                         "peer: single-element inline CreateInstances JSON of about 510 bytes")
    args = ap.parse_args(argv)
    if args.count < 0 or not 0.0 <= args.invalid_ratio <= 1.0:
        ap.error("bad --count or --invalid-ratio")

    os.makedirs(args.dir, exist_ok=True)
    gen = {"wire": gen_wire, "mixed": gen_mixed, "peer": gen_peer}[args.mix]
    out = Corpus(args.dir, args.count, 4 if args.mix == "wire" else 5)
    gen(args, out)
    with open(os.path.join(args.dir, "MANIFEST.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("file\tverdict\tmistake\n")
        f.writelines(out.manifest)
    avg = out.total_bytes / args.count if args.count else 0
    print("gen_corpus: %d files (%d invalid), %d bytes, %.0f bytes on average, in %s"
          % (args.count, out.invalid, out.total_bytes, avg, args.dir), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
