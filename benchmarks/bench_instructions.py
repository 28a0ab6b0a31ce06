"""Instructions per unit of work, counted by Valgrind's callgrind: figures that do not move
with the load of a shared machine, for comparing two versions of gdprfine.

Run: ``python benchmarks/bench_instructions.py`` from the project root; ``--tree DIR`` counts
another checkout (for instance ``git worktree add /tmp/before <commit>``) with this
interpreter, so before and after are counted alike. Needs ``valgrind`` on the PATH; each row
runs two workloads that differ only in the number of units and reports the difference per
unit, so start-up cancels out:

- ``check_fine`` and ``legal_maximum``, warm, per call (the Amazon fine, tier 83(5), the
  group's turnover in euro);
- the batch check of generated JSON Lines records to ``--jsonl``, per record (the
  generator of ``bench_batch.py``): from 500 to 2 000 records, where filling the readers' and
  the judge's memos still weighs, and from 2 000 to 20 000, nearer a long run;
- whole commands, beside their floors (``python -c pass``, the typer app of
  ``floor_cli.py``): ``import gdprfine``, ``gdprfine cap --tier 83(5)``, ``gdprfine --help``,
  the Amazon check and the CMS export's batch check (when ``../shared/data`` has it).

Counts are of the interpreter's own instructions (CPython is not built for speed under
Valgrind, but both versions run the same binary); time on a quiet machine is
``bench_speed.py``'s business.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_batch import CMS, COLUMNS, generate  # noqa: E402

_CALLS = """
import sys
from gdprfine import Money, check_fine, legal_maximum, regime
fine, turnover = Money("746000000", "EUR"), Money("338000350201.37", "EUR")
tier = regime().tier("83(5)")
check_fine(fine, tier="83(5)", turnover=turnover)
legal_maximum(tier, turnover)
what, count = sys.argv[1], int(sys.argv[2])
for _ in range(count):
    if what == "check_fine":
        check_fine(fine, tier="83(5)", turnover=turnover)
    else:
        legal_maximum(tier, turnover)
"""


def instructions(command: list[str], tree: Path) -> int:
    """The instructions callgrind counts for *command* run in *tree*."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        cwd=tree, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind gave no count for {command}: {done.stderr[-500:]}")
    return int(found.group(1))


def per_unit(make: list[str], small: int, large: int, tree: Path, fill: str = "{}") -> int:
    """Instructions per unit: the count for *large* units less that for *small*, divided."""
    counts = [instructions([part.replace(fill, str(n)) for part in make], tree) for n in (small, large)]
    return (counts[1] - counts[0]) // (large - small)


def main() -> None:
    """Print the rows."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout to count (default: this one)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    tree, py = args.tree.resolve(), sys.executable
    subprocess.run([py, "-m", "compileall", "-q", str(tree / "gdprfine")], check=False, stdout=subprocess.DEVNULL)
    print(f"{tree}")
    for what in ("check_fine", "legal_maximum"):
        count = per_unit([py, "-c", _CALLS, what, "{}"], 100, 1100, tree)
        print(f"  {what:<28} {count:>12,} per call")
    with tempfile.TemporaryDirectory() as tmp:
        paths = {size: Path(tmp) / f"{size}.jsonl" for size in (500, 2000, 20000)}
        for size, path in paths.items():
            generate(path, size)
        columns = [part for key, value in COLUMNS.items() for part in ("--column", f"{key}={value}")]
        batch = [py, "-m", "gdprfine", "check", "--format", "jsonl", str(Path(tmp) / "{}.jsonl"), "--jsonl", *columns]
        print(f"  {'batch, JSONL -> --jsonl':<28} {per_unit(batch, 500, 2000, tree):>12,} per record (500 -> 2 000)")
        print(f"  {'batch, JSONL -> --jsonl':<28} {per_unit(batch, 2000, 20000, tree):>12,} per record (2 000 -> 20 000)")
    floor = str(ROOT / "benchmarks" / "floor_cli.py")
    amazon = str(ROOT / "examples" / "amazon-2021.toml")
    runs = [
        ("python -c pass", [py, "-c", "pass"]),
        ("import gdprfine", [py, "-c", "import gdprfine"]),
        ("typer floor cap", [py, floor, "cap", "--tier", "83(5)"]),
        ("gdprfine cap --tier 83(5)", [py, "-m", "gdprfine", "cap", "--tier", "83(5)"]),
        ("typer floor --help", [py, floor, "--help"]),
        ("gdprfine --help", [py, "-m", "gdprfine", "--help"]),
        ("gdprfine check (Amazon)", [py, "-m", "gdprfine", "check", amazon]),
    ]
    if CMS.is_file():
        runs.append(("check --format cms --json", [py, "-m", "gdprfine", "check", "--format", "cms", str(CMS), "--json"]))
    for name, command in runs:
        print(f"  {name:<28} {instructions(command, tree):>12,} per run")


if __name__ == "__main__":
    main()
