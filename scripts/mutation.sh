#!/usr/bin/env bash
# Mutation testing of the law, the caps, the check and the estimate with mutmut (not run by CI).
#
#   scripts/mutation.sh [WORKDIR]
#
# Copies the working tree into WORKDIR (default: a new temporary folder), so that mutmut's
# mutants/ folder never lands in the clone, runs mutmut there with the configuration in
# pyproject.toml ([tool.mutmut]: which files, which tests), and prints the score per module
# and every surviving mutant. Inspect one with: (cd WORKDIR && mutmut show NAME).
# Needs the dev extra: pip install -e '.[dev]'.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d -t gdprfine-mutation.XXXXXX)}"
mutmut="${MUTMUT:-$root/.venv/bin/mutmut}"
python="${PYTHON:-$root/.venv/bin/python}"

mkdir -p "$work"
tar -C "$root" --exclude=./.venv --exclude=./.git --exclude=./mutants --exclude='*/__pycache__' \
    -cf - . | tar -C "$work" -xf -
cd "$work"
echo "mutation testing in $work"

# mutmut runs the tests inside mutants/; the plugin that clears the law caches is found there.
export PYTHONPATH="scripts${PYTHONPATH:+:$PYTHONPATH}"
"$mutmut" run --max-children "${JOBS:-$(nproc)}" >mutmut-run.log 2>&1 || true
"$mutmut" results --all true >mutmut-results.txt 2>&1 || true

"$python" - mutmut-results.txt <<'PY'
import re
import sys
from collections import Counter, defaultdict

counts: defaultdict[str, Counter[str]] = defaultdict(Counter)
survivors: list[str] = []
for line in open(sys.argv[1], encoding="utf-8"):
    match = re.match(r"\s*([\w.]+)__mutmut_\d+: (\w[\w ]*)", line)
    if not match:
        continue
    name, status = match[0].split(":")[0].strip(), match[2].strip()
    module = re.sub(r"\.(x_|xǁ)\S*$", "", name)
    counts[module][status] += 1
    if status == "survived":
        survivors.append(name)

print(f"{'module':<28} {'mutants':>7} {'killed':>7} {'survived':>8} {'other':>6} {'score':>7}")
for module, count in sorted(counts.items()):
    total = sum(count.values())
    killed = count["killed"] + count["timeout"]
    other = total - killed - count["survived"]
    score = killed / (killed + count["survived"]) if killed + count["survived"] else 1.0
    print(f"{module:<28} {total:>7} {killed:>7} {count['survived']:>8} {other:>6} {score:>7.1%}")
print()
print("surviving mutants:")
for name in survivors:
    print(f"  {name}")
PY
