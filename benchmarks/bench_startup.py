"""Cold-start time of the command line, next to a bare Python start.

Run: ``python benchmarks/bench_startup.py [--runs N]``. Each command is started N times in a
fresh process; the script prints the median and the minimum wall-clock time in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

COMMANDS: dict[str, list[str]] = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "python -c 'import gdprfine'": [sys.executable, "-c", "import gdprfine"],
    "gdprfine --help": [sys.executable, "-m", "gdprfine", "--help"],
    "gdprfine cap --tier 83(5)": [sys.executable, "-m", "gdprfine", "cap", "--tier", "83(5)"],
    "gdprfine check examples/amazon-2021.toml": [
        sys.executable, "-m", "gdprfine", "check", "examples/amazon-2021.toml",
    ],
}


def measure(command: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of *runs* fresh starts of *command*."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    """Print one line per command: median and minimum in milliseconds."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    for name, command in COMMANDS.items():
        times = measure(command, args.runs)
        print(
            f"{name:<45} median {statistics.median(times) * 1000:7.1f} ms   "
            f"min {min(times) * 1000:7.1f} ms   ({args.runs} runs)"
        )


if __name__ == "__main__":
    main()
