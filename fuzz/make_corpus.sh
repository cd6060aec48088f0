#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from examples/ plus a few
# hand-written hostile inputs.
#
#   fuzz/make_corpus.sh OUTDIR
#
# writes OUTDIR/fuzz_json, OUTDIR/fuzz_yaml, OUTDIR/fuzz_query,
# OUTDIR/fuzz_check (whose inputs start with the selector byte described in
# fuzz_check.cpp), OUTDIR/fuzz_config (.tairlint.toml files; a NUL byte
# splits a glob from a path, see fuzz_config.cpp), OUTDIR/fuzz_catalog
# (catalog files) and OUTDIR/fuzz_output (report fields, read as
# fuzz_output.cpp says). Corpora are generated, never committed: put OUTDIR under
# a build directory or /tmp.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 OUTDIR" >&2
  exit 2
fi
out=$1
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
examples=$root/examples

mkdir -p "$out/fuzz_json" "$out/fuzz_yaml" "$out/fuzz_query" "$out/fuzz_check" "$out/fuzz_config" "$out/fuzz_catalog" "$out/fuzz_output"

# seed TARGET NAME: the bytes on stdin become a seed of TARGET.
seed() {
  cat >"$out/$1/$2"
}

# check_seed SELECTOR NAME FILE: FILE behind the selector byte (0-255).
check_seed() {
  {
    printf '%b' "\\0$(printf '%03o' "$1")"
    cat "$3"
  } >"$out/fuzz_check/$2"
}

# Selector bits (see fuzz_check.cpp): action 0-2, format << 2 (auto 0,
# json 1, yaml 2, query 3), 0x10 tiny limits, 0x20 CheckJson too,
# 0x40 coloured text report, 0x80 SARIF report too.
for dir in valid invalid; do
  for f in "$examples/$dir"/*; do
    [[ -f $f ]] || continue
    base=$(basename "$f")
    name=$dir-$base
    case $base in
      *.json) target=fuzz_json; fmt=1 ;;
      *.yaml | *.yml) target=fuzz_yaml; fmt=2 ;;
      *.query) target=fuzz_query; fmt=3 ;;
      *) continue ;;
    esac
    seed "$target" "$name" <"$f"
    check_seed 0 "$name.auto" "$f"
    check_seed $((fmt << 2)) "$name.forced" "$f"
    check_seed $((0x10 | fmt << 2)) "$name.tiny" "$f"
    case $base in
      create-instances*) check_seed $((1 | fmt << 2)) "$name.ci" "$f" ;;
      vnode*) check_seed $((2 | fmt << 2)) "$name.vnode" "$f" ;;
    esac
    if [[ $fmt -eq 1 ]]; then
      check_seed $((0x20 | fmt << 2)) "$name.checkjson" "$f"
    fi
    if [[ $dir == invalid ]]; then
      check_seed $((0x80 | 0x40 | fmt << 2)) "$name.sarif" "$f"
    fi
  done
done

# repeat N TEXT: TEXT N times.
repeat() {
  local i
  for ((i = 0; i < $1; i++)); do printf '%s' "$2"; done
}

# ---- hand-written hostile seeds
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# JSON: deep nesting, a long string, escapes, string-encoded Instances,
# duplicate keys, huge numbers, a BOM.
{ repeat 200 '['; repeat 200 ']'; } >"$tmp/json-deep-arrays"
{ repeat 100 '{"a":'; printf '1'; repeat 100 '}'; } >"$tmp/json-deep-objects"
{ printf '{"InstanceName":"'; repeat 5000 'x'; printf '"}'; } >"$tmp/json-long-string"
printf '%s' '{"Password":"P\u00e4ss\ud83d\ude00w0rd\n\t\"\\\/","Token":"\u0000"}' >"$tmp/json-escapes"
printf '%s' '{"Action":"CreateInstances","Instances":"[{\"RegionId\":\"cn-hangzhou\",\"quantity\":1e400,\"Password\":\"a\\u00e9\"},{\"izNo\":[[[]]]}]"}' >"$tmp/json-string-instances"
printf '%s' '{"Action":"CreateInstances","Token":"a","Token":"b","Instances":[{"Period":1,"Period":"1","Period":null}],"Action":"CreateInstances"}' >"$tmp/json-duplicates"
printf '%s' '{"Action":"CreateTairKVCacheVNode","ComputeUnitNum":18446744073709551616,"AutoRenewPeriod":-0.0e-0,"Period":1.5E+2}' >"$tmp/json-numbers"
printf '\xef\xbb\xbf{"Action":"CreateTairKVCacheVNode","Tag":[{"Key":"k","Value":"v"},{"Key":"k"}]}\r\n' >"$tmp/json-bom-crlf"
printf '{"VkName":"\xe4\xb8\xad\xe6\x96\x87","InstanceName":"\xf0\x9f\x98\x80"}' >"$tmp/json-utf8"

# YAML: aliases (billion laughs), anchors inside their own collection,
# block scalars, tags, several documents, flow collections.
{
  printf 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
  printf 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
  printf 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
  printf 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n'
  printf 'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n'
} >"$tmp/yaml-billion-laughs"
printf '&r [ &s { k: *s } ]\n' >"$tmp/yaml-self-alias"
printf 'Action: CreateInstances\nInstances: &i\n  - &reg RegionId: cn-hangzhou\n    izNo: *reg\n    ? *reg\n    : dup\nToken: *reg\n' >"$tmp/yaml-alias-keys"
printf 'Action: CreateInstances\nInstances: |\n\n\n  [{"RegionId": "cn-hangzhou",\n    "Password": "a\\tb"}]\n\nToken: >-\n   folded\n\n   text\n  \nPassword: !!str 12345\nDryRun: !<tag:yaml.org,2002:str> true\n' >"$tmp/yaml-block-scalars"
printf -- '--- {Action: CreateInstances}\n...\n--- [1, 2]\n--- "just a string"\n---\n...\n' >"$tmp/yaml-documents"
printf 'Token: "a\\x41\\u00e9\\U0001F600\\N\\_\\L\\P\\\n  b  \n\n  c"\nInstanceName: '"'"'it'"''"'s\n  folded'"'"'\r\nVkName: plain\n  continued # comment\n' >"$tmp/yaml-quoted"
{ repeat 60 '- '; printf 'x\n'; } >"$tmp/yaml-deep-seq"
{ repeat 100 '['; repeat 100 ']'; printf '\n'; } >"$tmp/yaml-deep-flow"
{ printf 'InstanceName: '; repeat 5000 'y'; printf '\n'; } >"$tmp/yaml-long-scalar"

# Query strings: encoded Instances, bad escapes, URLs, many parameters.
printf '%s' 'https://r-kvstore.aliyuncs.com/?Action=CreateInstances&Instances=%5B%7B%22RegionId%22%3A%22cn-hangzhou%22%2C%22Password%22%3A%22a%5Cu00e9%22%7D%5D&Token=a+b' >"$tmp/query-url"
printf '%s' '?Action=CreateTairKVCacheVNode&Tag.1.Key=a&Tag.1.Value=%FF%FE&Tag.6.Key=&Tag.21.Value=x&&=&Password=%2' >"$tmp/query-bad-escapes"
{ printf 'Action=CreateTairKVCacheVNode'; for ((i = 1; i <= 40; i++)); do printf '&Tag.%d.Key=k%d&Tag.%d.Value=v' "$i" "$i" "$i"; done; } >"$tmp/query-many-tags"
{ printf 'Instances=%%5B'; repeat 70 '%5B'; repeat 71 '%5D'; } >"$tmp/query-deep-instances"

for f in "$tmp"/*; do
  name=$(basename "$f")
  case $name in
    json-*) target=fuzz_json; fmt=1 ;;
    yaml-*) target=fuzz_yaml; fmt=2 ;;
    query-*) target=fuzz_query; fmt=3 ;;
  esac
  seed "$target" "hostile-$name" <"$f"
  check_seed 0 "hostile-$name.auto" "$f"
  check_seed $((fmt << 2)) "hostile-$name.forced" "$f"
  check_seed $((0x30 | fmt << 2)) "hostile-$name.tiny" "$f"
done

# ---- fuzz_config: the example configuration, hostile shapes, glob pairs
seed fuzz_config example-tairlint.toml <"$examples/config/tairlint.toml"
printf 'fail-on = "warning"\n[rules]\nzone-region = "off"\n[files]\ninclude = ["*.json"]\nexclude = ["vendor/**", "build-*"]\n' |
  seed fuzz_config small.toml
{ printf 'a'; repeat 80 '.a'; printf ' = 1\n'; } | seed fuzz_config dotted-key.toml
{ printf 'x = '; repeat 40 '['; repeat 40 ']'; printf '\n'; } | seed fuzz_config deep-array.toml
{ printf 'x = '; repeat 40 '{a = '; printf '1'; repeat 40 '}'; printf '\n'; } | seed fuzz_config deep-inline.toml
printf 'a = """\n[[[[ a.b.c """"\nb = \x27\x27\x27x\x27\x27\x27\x27 # [[ . .\n' | seed fuzz_config strings.toml
printf 'reason = "caf\xc3\xa9 \xd0\xb6"\n"\xd0\xb6" = 1 # \xce\xa9\nb = \x27\x27\x27\xcd\x9e\x27\x27\x27\n' | seed fuzz_config non-ascii.toml
printf '[[ignore]]\nfiles = "**?**?**?**?Z"\npointer = "/Instances/0"\n' | seed fuzz_config ignore.toml
printf '*?*?*?*?*?*?*?*?*?*?*?*?*Z\0aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' | seed fuzz_config glob-hostile
printf 'specs/**/a.json\0specs/x/y/a.json' | seed fuzz_config glob-dstar
printf '*.json\0deep/dir/a.json' | seed fuzz_config glob-suffix

# Catalogs: the built-in ones, and broken ones (too deep, a syntax error on
# line 2, values of the wrong kind, controls in strings and keys).
for f in "$root"/schemas/catalogs/*.json; do
  seed fuzz_catalog "builtin-$(basename "$f")" <"$f"
done
{ printf '{"capacities": '; repeat 40 '['; repeat 40 ']'; printf '}'; } | seed fuzz_catalog deep
printf '{\n  "capacities": [1, 2,, 3]\n}\n' | seed fuzz_catalog syntax
printf '%s' '{"capacities": [1, "x", [2], {"a": 1}], "regions": [null, true, 1.5e300]}' | seed fuzz_catalog kinds
printf '%s' '{"\u009bkey": [], "regions": ["\u001b[2J\u0007", "\ud83d\ude00"], "$comment": 1}' | seed fuzz_catalog controls
{ printf '{"regions": ["'; repeat 3000 'r'; printf '\x01'; } | seed fuzz_catalog long-unterminated

# Report fields: FuzzedDataProvider reads strings from the front (a
# backslash and another byte end one) and numbers from the back (the last
# byte is the selector: 0x3f asks for SARIF too).
printf 'dir/a.json\\ rule\\ Code\\ message\\ detail\\ /P\\ P\\ \x03\x02\x01\x07\x05\x01\x02' | seed fuzz_output plain
printf 'dir/a.json\\ rule\\ Code\\ message\\ detail\\ /P\\ P\\ \x03\x02\x01\x07\x05\x01\x3f' | seed fuzz_output sarif
printf 'd\x1b[2Jir\x9b.json\\ r\xc2\x9bule\\ C,o:de\\ m\nsg %%0A::add-mask::x\\ \r\n::stop-commands::x::\\ /\x07\\ \xe2\x80\xa8\\ \x01\x03\x02\x01\x07\x05\x01\x01' | seed fuzz_output hostile

for t in fuzz_json fuzz_yaml fuzz_query fuzz_check fuzz_config fuzz_catalog fuzz_output; do
  echo "$t: $(find "$out/$t" -type f | wc -l) seeds"
done
