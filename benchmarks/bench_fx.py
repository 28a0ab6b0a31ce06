"""Cost of the ECB data: first conversion in a fresh process, and start-up with and without it.

Run: ``python benchmarks/bench_fx.py [--runs N]``. Every figure comes from N fresh Python
processes (``subprocess``, the commands taking turns so that load on the machine affects them
alike), reported as median and minimum in milliseconds:

- ``import gdprfine.fx``: importing the module, which reads no data;
- ``import + first conversion``: the same plus one conversion at the 2020 mean, which loads
  and parses the bundled ECB history; the difference of the medians is the cost of the first
  conversion. The child also times the conversion itself with ``time.perf_counter``;
- ``gdprfine --help`` as shipped (the ECB data is loaded lazily) and with the data loaded
  eagerly before the CLI starts, to show what the lazy load saves;
- one currency against ten: the fine rate of a day for USD alone, then for ten currencies,
  timed in the child, with how much the child's resident memory (RSS, from ``/proc``) and its
  peak RSS grew over the calls. The goal: ten currencies cost at most twice one.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

IMPORT_ONLY = "import gdprfine.fx"

FIRST_CONVERSION = """\
import time
from datetime import date
import gdprfine.fx as fx
from gdprfine.money import Money
start = time.perf_counter()
fx.convert(Money("386064000000", "USD"), "EUR", mean_over=(date(2020, 1, 1), date(2020, 12, 31)))
print(time.perf_counter() - start)
"""

SECOND_CONVERSION = """\
import time
from datetime import date
import gdprfine.fx as fx
from gdprfine.money import Money
fx.convert(Money("1", "USD"), "EUR", on=date(2021, 7, 15))
start = time.perf_counter()
fx.convert(Money("386064000000", "USD"), "EUR", mean_over=(date(2020, 1, 1), date(2020, 12, 31)))
print(time.perf_counter() - start)
"""

CURRENCIES = """\
import resource, time
from datetime import date
from gdprfine import fx
def rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()
def peak():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
before, peak_before = rss(), peak()
start = time.perf_counter()
for code in {codes}:
    fx.fine_rate(code, "EUR", date(2022, 6, 1))
elapsed = time.perf_counter() - start
print(elapsed, rss() - before, peak() - peak_before, peak())
"""
ONE = ["USD"]
TEN = ["USD", "GBP", "PLN", "SEK", "DKK", "CZK", "HUF", "RON", "NOK", "CHF"]

HELP_EAGER = """\
import sys
import gdprfine.fx as fx
fx.data_bounds("USD")
from gdprfine.cli import app
sys.argv = ["gdprfine", "--help"]
app(prog_name="gdprfine")
"""


def _run(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()}")
    return elapsed, done.stdout


def _line(name: str, times: list[float]) -> str:
    return (
        f"{name:<44} median {statistics.median(times) * 1000:7.1f} ms   "
        f"min {min(times) * 1000:7.1f} ms   ({len(times)} runs)"
    )


def main() -> None:
    """Print one line per measurement, then the differences that matter."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    python = sys.executable

    commands = {
        "import": [python, "-c", IMPORT_ONLY],
        "first": [python, "-c", FIRST_CONVERSION],
        "second": [python, "-c", SECOND_CONVERSION],
        "lazy": [python, "-m", "gdprfine", "--help"],
        "eager": [python, "-c", HELP_EAGER],
        "one": [python, "-c", CURRENCIES.format(codes=ONE)],
        "ten": [python, "-c", CURRENCIES.format(codes=TEN)],
    }
    walls: dict[str, list[float]] = {name: [] for name in commands}
    printed: dict[str, list[str]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            elapsed, output = _run(command)
            walls[name].append(elapsed)
            printed[name].append(output)
    imported, converted, lazy, eager = (walls[n] for n in ("import", "first", "lazy", "eager"))
    in_process = [float(text) for text in printed["first"]]
    warm = [float(text) for text in printed["second"]]
    print(_line("python -c 'import gdprfine.fx'", imported))
    print(_line("import + first conversion (2020 USD mean)", converted))
    print(_line("first conversion, timed in the child", in_process))
    print(_line("same conversion once the data is loaded", warm))
    print(_line("gdprfine --help (ECB data lazy)", lazy))
    print(_line("gdprfine --help (ECB data loaded eagerly)", eager))
    for label, more, less in (
        ("the first conversion adds", converted, imported),
        ("loading the ECB data eagerly would add to gdprfine --help", eager, lazy),
    ):
        print(
            f"{label}: {(statistics.median(more) - statistics.median(less)) * 1000:.1f} ms "
            f"(medians), {(min(more) - min(less)) * 1000:.1f} ms (minima)"
        )
    _currencies(printed["one"], printed["ten"])


def _currencies(one: list[str], ten: list[str]) -> None:
    """The one-against-ten lines: time and memory, as printed by the children."""
    figures = {
        name: [[float(x) for x in text.split()] for text in texts]
        for name, texts in (("one", one), ("ten", ten))
    }
    for name, rows in figures.items():
        mib = [statistics.median(row[i] for row in rows) / 2**20 for i in (1, 2, 3)]
        print(_line(f"fine rates of {name} currenc{'y' if name == 'one' else 'ies'}", [r[0] for r in rows]))
        print(f"  RSS grew {mib[0]:.1f} MiB, peak RSS grew {mib[1]:.1f} MiB to {mib[2]:.1f} MiB (medians)")
    ratio = statistics.median(r[0] for r in figures["ten"]) / statistics.median(r[0] for r in figures["one"])
    print(f"ten currencies / one currency: {ratio:.2f} x (medians; goal <= 2 x)")


if __name__ == "__main__":
    main()
