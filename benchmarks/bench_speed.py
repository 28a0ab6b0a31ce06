"""The speed goals, each measured as a ratio against a floor measured in the same run.

Run: ``python benchmarks/bench_speed.py`` from the project root (``--quick`` for a 100 000-record
batch instead of 1 000 000; ``--runs N`` fresh starts of each command, 7 by default). Every row
times gdprfine and its floor back to back, so the ratio holds on a loaded or a slow machine
where absolute times do not:

============================  ==========================================  ==============
what                          floor (measured in the same run)            goal
============================  ==========================================  ==============
``gdprfine cap --tier 83(5)`` a typer app with ``cap``'s options that     <= 1.2 x floor
                              does nothing (``benchmarks/floor_cli.py``)
``gdprfine --help``           ``python -c pass``                          <= 8 x floor
(typer floor ``--help``)      ``python -c pass`` (what typer alone costs)  none: a floor
``import gdprfine``           ``python -c pass``                          <= 3 x floor
``gdprfine check`` (Amazon)   ``gdprfine cap --tier 83(5)``               <= 1.5 x floor
``check_fine`` warm           ``legal_maximum`` warm                      <= 20 us
batch, JSONL -> ``--jsonl``   read + ``json.loads`` + ``json.dumps`` +    >= 100 000 /s,
                              write of the same file                      <= 100 MiB
(batch line floor)            the same floor; a record's 30-field line    none: a floor
                              written from kept texts, nothing checked
batch, CMS export, command    the typer floor of ``cap`` (above)          <= 0.3 s
10 currencies' ECB series     one currency's                              parsed once
============================  ==========================================  ==============

Commands run in fresh processes (the median of ``--runs``, the start-up commands run in turn so
that the load of a shared machine falls on each alike); in-process timings take the best
of five repeats, in CPU time. The batch runs in its own process so its peak resident set size is its own.
Bytecode is compiled first (gdprfine's modules and the installed packages'), as an installed
package has it: with ``PYTHONDONTWRITEBYTECODE`` set, every start would otherwise compile
gdprfine (and, in an environment installed without bytecode, typer and pydantic) from source.
"""

from __future__ import annotations

import argparse
import compileall
import json
import resource
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_batch import CMS, COLUMNS, generate  # noqa: E402

PY = sys.executable
GDPRFINE = [PY, "-m", "gdprfine"]
FLOOR_CLI = [PY, str(ROOT / "benchmarks" / "floor_cli.py")]
AMAZON = str(ROOT / "examples" / "amazon-2021.toml")


def precompile() -> None:
    """Compile gdprfine's modules and the installed packages' to bytecode (once; a module
    already compiled is only checked)."""
    for folder in (ROOT / "gdprfine", Path(sysconfig.get_paths()["purelib"])):
        compileall.compile_dir(folder, quiet=2)


def walls(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """The median wall-clock seconds of *runs* fresh starts of each command, the commands run
    in turn (a, b, c, a, b, c, ...), so that a change in the machine's load falls on every
    command alike instead of on whichever ran during it."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(found) for name, found in times.items()}


def wall(command: list[str], runs: int) -> float:
    """The median wall-clock seconds of *runs* fresh starts of *command*."""
    return walls({"": command}, runs)[""]


def best(fn: Callable[[], object], number: int) -> float:
    """The best of five timings of *number* calls, in CPU seconds per call (CPU time, as the
    batch row: on a shared machine, wall-clock time also counts the other jobs' turns)."""
    return min(timeit.repeat(fn, number=number, repeat=5, timer=time.process_time)) / number


def _judge_row() -> tuple[float, float]:
    from gdprfine import Money, check_fine, legal_maximum, regime

    fine, turnover = Money("746000000", "EUR"), Money("338000350201.37", "EUR")
    tier = regime().tier("83(5)")
    check_fine(fine, tier="83(5)", turnover=turnover)
    return (
        best(lambda: check_fine(fine, tier="83(5)", turnover=turnover), 2000),
        best(lambda: legal_maximum(tier, turnover), 2000),
    )


def _floor_batch(path: Path, out: Path) -> float:
    """Seconds to read, parse, serialise and write every line of *path*: the floor."""
    start = time.process_time()
    with path.open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as sink:
        for line in source:
            sink.write(json.dumps(json.loads(line)) + "\n")
    return time.process_time() - start


_CAP_TEXT = (
    '{"regime": "eu-gdpr", "tier": "83(5)", "amount": {"amount": "20000000", "currency": "EUR"}, '
    '"limb": "static", "static": {"amount": "20000000", "currency": "EUR"}, "turnover_share": '
    '"0.04", "turnover_based": null, "undertaking": true, "lower_bound": true, "reference": '
    '"Article 83(5)"}'
)


def _floor_line(path: Path, out: Path) -> float:
    """Long: seconds to write gdprfine's JSON line for every record of *path* with nothing
    checked: each line is parsed, its five cells are looked up, the fine, the date and the
    articles become JSON text once per distinct cell (a dict each), the id and the country are
    escaped, and the 30 fields of a verdict's line are written in one f-string, every judged
    field a fixed text. What a record path written in Python costs before it reads a value or
    judges anything: the second floor of the batch row."""
    kept: dict[str, tuple[str, str]] = {}
    arts: dict[str, str] = {}
    days: dict[str, str] = {}
    start = time.process_time()
    with path.open(encoding="utf-8") as source, out.open("w", encoding="utf-8") as sink:
        write = sink.write
        for row, line in enumerate(source, 1):
            cells = json.loads(line)
            fine, cited, day = cells.get("fine"), cells.get("articles"), cells.get("date")
            country, ident = cells.get("country"), cells.get("id")
            money = kept.get(fine)
            if money is None:
                money = kept[fine] = (f'{{"amount": "{fine}", "currency": "EUR"}}', json.dumps(fine))
            listed = arts.get(cited)
            if listed is None:
                listed = arts[cited] = json.dumps([cited])
            when = days.get(day)
            if when is None:
                when = days[day] = f'{json.dumps(day)}, "date_precision": "day"'
            write(
                f'{{"source": "jsonl", "row": {row}, "id": {json.dumps(ident)}, "outcome": "within"'
                f', "verdict": "within", "regime": "eu-gdpr", "tier": "83(5)", "cap": {_CAP_TEXT}'
                f', "fine": {money[0]}, "fine_in_cap_currency": {money[0]}, "fine_exchange_rate": null'
                ', "implied_minimum_turnover": null, "turnover": null, "needs": [], "warnings": []'
                ', "flags": ["currency-assumed"], "flag_reasons": {}, "reason": null'
                f', "amount_text": {money[1]}, "range": null, "date": {when}, "date_reason": null'
                f', "country": {json.dumps(country)}, "authority": null, "controller": null'
                f', "other_parties": [], "articles": {listed}, "articles_unreadable": [], "error": null}}\n'
            )
    return time.process_time() - start


_BATCH = (
    "import json, resource, sys, time\n"
    "from gdprfine.cli import app\n"
    "start = time.process_time()\n"
    "try:\n"
    "    app(json.loads(sys.argv[1]), standalone_mode=False)\n"
    "except SystemExit:\n"
    "    pass\n"
    "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "sys.stderr.write(f'{time.process_time() - start} {peak}\\n')\n"
)
"""A batch check run in a process of its own: its CPU time and peak RSS (KiB) on stderr."""


def _batch(path: Path) -> tuple[float, float]:
    """CPU seconds and peak RSS (MiB) of the batch check of *path* to JSON Lines, alone."""
    args = ["check", "--format", "jsonl", str(path), "--jsonl"]
    args += [part for key, value in COLUMNS.items() for part in ("--column", f"{key}={value}")]
    done = subprocess.run(
        [PY, "-c", _BATCH, json.dumps(args)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
    )  # fmt: skip
    seconds, peak = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), int(peak) / 1024


def _currencies(runs: int) -> tuple[float, float]:
    """Seconds to fetch ten currencies' rates and one currency's, each the median of *runs*
    fresh processes run in turn (the ECB series is read in each)."""
    code = (
        "import time; from gdprfine import fx; from gdprfine.money import Money; "
        "from datetime import date; s = time.perf_counter(); "
        "[fx.fine_rate(c, 'EUR', date(2022, 6, 1)) for c in {cs}]; "
        "print(time.perf_counter() - s)"
    )
    sets = (["USD", "GBP", "PLN", "SEK", "DKK", "CZK", "HUF", "RON", "NOK", "CHF"], ["USD"])
    times: list[list[float]] = [[], []]
    for _ in range(runs):
        for index, currencies in enumerate(sets):
            done = subprocess.run([PY, "-c", code.format(cs=currencies)], capture_output=True, text=True, check=True)
            times[index].append(float(done.stdout))
    return statistics.median(times[0]), statistics.median(times[1])


Row = tuple[str, str, str, str, bool | str]
"""(what, measured, floor, ratio, goal met); a floor's own row has no goal but a remark."""


def rows(runs: int, size: int) -> list[Row]:
    """Long: every row of the table, measured now."""
    found: list[Row] = []
    starts = walls(
        {
            "bare": [PY, "-c", "pass"],
            "cap": [*GDPRFINE, "cap", "--tier", "83(5)"],
            "floor_cap": [*FLOOR_CLI, "cap", "--tier", "83(5)"],
            "help": [*GDPRFINE, "--help"],
            "floor_help": [*FLOOR_CLI, "--help"],
            "import": [PY, "-c", "import gdprfine"],
            "amazon": [*GDPRFINE, "check", AMAZON],
        },
        runs,
    )
    bare, cap, floor_cap = starts["bare"], starts["cap"], starts["floor_cap"]
    found.append(("gdprfine cap --tier 83(5)", f"{cap * 1000:.0f} ms", f"{floor_cap * 1000:.0f} ms (typer floor)",
                  f"{cap / floor_cap:.2f} x", cap / floor_cap <= 1.2))  # fmt: skip
    helped = starts["help"]
    found.append(("gdprfine --help", f"{helped * 1000:.0f} ms", f"{bare * 1000:.0f} ms (python -c pass)",
                  f"{helped / bare:.1f} x", helped / bare <= 8))  # fmt: skip
    floor_help = starts["floor_help"]
    found.append(("typer floor --help", f"{floor_help * 1000:.0f} ms", f"{bare * 1000:.0f} ms (python -c pass)",
                  f"{floor_help / bare:.1f} x", f"a floor (gdprfine --help: {helped / floor_help:.2f} x it)"))  # fmt: skip
    imported = starts["import"]
    found.append(("import gdprfine", f"{imported * 1000:.0f} ms", f"{bare * 1000:.0f} ms (python -c pass)",
                  f"{imported / bare:.1f} x", imported / bare <= 3))  # fmt: skip
    amazon = starts["amazon"]
    found.append(("gdprfine check (Amazon)", f"{amazon * 1000:.0f} ms", f"{cap * 1000:.0f} ms (cap)",
                  f"{amazon / cap:.2f} x", amazon / cap <= 1.5))  # fmt: skip
    judged, floor = _judge_row()
    found.append(("check_fine, warm", f"{judged * 1e6:.1f} us", f"{floor * 1e6:.1f} us (legal_maximum)",
                  f"{judged / floor:.1f} x", judged * 1e6 <= 20))  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "records.jsonl", Path(tmp) / "floor.jsonl"
        generate(path, size)
        floor_seconds = _floor_batch(path, out)
        line_seconds = _floor_line(path, out)
        seconds, peak = _batch(path)
    rate, floor_rate, line_rate = size / seconds, size / floor_seconds, size / line_seconds
    found.append((f"batch {size:,} JSONL -> --jsonl", f"{rate:,.0f} /s, {peak:.0f} MiB",
                  f"{floor_rate:,.0f} /s (loads+dumps)", f"{floor_rate / rate:.1f} x",
                  rate >= 100_000 and peak <= 100))  # fmt: skip
    found.append(("batch line floor (nothing checked)", f"{line_rate:,.0f} /s", f"{floor_rate:,.0f} /s (loads+dumps)",
                  f"{floor_rate / line_rate:.1f} x", f"a floor (the batch: {line_rate / rate:.1f} x it)"))  # fmt: skip
    if CMS.is_file():
        cms = wall([*GDPRFINE, "check", "--format", "cms", str(CMS), "--json"], runs)
        found.append(("batch CMS export, command", f"{cms * 1000:.0f} ms", f"{floor_cap * 1000:.0f} ms (typer floor)",
                      f"{cms / floor_cap:.1f} x", cms <= 0.3))  # fmt: skip
    ten, one = _currencies(runs)
    found.append(("10 currencies' ECB rates", f"{ten * 1000:.0f} ms", f"{one * 1000:.0f} ms (one currency)",
                  f"{ten / one:.1f} x", ten / one <= 2))  # fmt: skip
    return found


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="100 000 records instead of 1 000 000")
    args = parser.parse_args()
    runs, size = args.runs, 100_000 if args.quick else 1_000_000
    precompile()
    table = rows(runs, size)
    widths = [max(len(str(row[i])) for row in table) for i in range(4)]
    for what, measured, floor, ratio, met in table:
        print(
            f"{what:<{widths[0]}}  {measured:>{widths[1]}}  {floor:<{widths[2]}}  "
            f"{ratio:>{widths[3]}}  {met if isinstance(met, str) else 'goal met' if met else 'goal missed'}"
        )
    print(f"(load average {' '.join(f'{x:.1f}' for x in __import__('os').getloadavg())}; "
          f"this process's peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MiB)")  # fmt: skip


if __name__ == "__main__":
    main()
