#!/usr/bin/env bash
# Regenerates the README's list of checks from the rule catalog.
# Usage: tests/update-readme.sh [path/to/tairlint]
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${1:-build/tairlint}
python3 - "$cli" <<'PY'
import subprocess, sys
table = subprocess.run([sys.argv[1], "rules", "--format", "markdown"], check=True, capture_output=True, text=True).stdout
text = open("README.md", encoding="utf-8").read()
b = text.index("<!-- rules:begin")
b = text.index("\n", b) + 1
e = text.index("<!-- rules:end -->")
open("README.md", "w", encoding="utf-8").write(text[:b] + table + text[e:])
PY
