"""Throughput and peak memory of the batch check (read, check, summarise) on whole datasets.

Run: ``python benchmarks/bench_batch.py`` from the project root (``--profile`` adds the top
entries of a cProfile run on 100 000 records; ``--sizes 100000,1000000`` chooses the generated
sizes; ``--no-cms`` skips the CMS export). It measures:

- the CMS Enforcement Tracker export (2 225 rows, read from ``../shared/data/`` when present);
- generated JSON Lines files of 10 000, 100 000 and 1 000 000 records, written to a temporary
  directory (never into the repository). Their values follow the trackers: article lists drawn
  from 40 shapes trackers use, amounts that are 80 % round figures and 20 % arbitrary numbers
  (written ``12,345`` or ``12345``), 3 % ``Unknown``, 2 % in another currency with a date,
  dates at day, month or year precision.

Each size runs in a fresh process, so the peak resident set size (``ru_maxrss``) of one run is
not inherited by the next: a flat peak across sizes means memory does not grow with the
number of records. Besides the wall-clock time, the process's CPU time is reported: on a
machine shared with other work it is the steadier figure to compare two versions by.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
CMS = DATA / "cms-enforcementtracker-2024-03.json"
SIZES: tuple[int, ...] = (10_000, 100_000, 1_000_000)
COLUMNS = {"fine": "fine", "articles": "articles", "date": "date", "country": "country", "id": "id"}

ARTICLES = [
    "Art. 5 (1) c) GDPR", "Art. 6 (1) GDPR", "Art. 5 GDPR, Art. 6 GDPR", "Art. 13 GDPR",
    "Art. 32 GDPR", "Art. 6 GDPR", "Art. 5 (1) f) GDPR, Art. 32 GDPR",
    "Art. 5 (1) c) GDPR, Art. 13 GDPR", "Unknown", "Art. 5 (1) f) GDPR", "Art. 58 (1) GDPR",
    "Art. 15 GDPR", "Art. 5 GDPR", "Art. 58 (2) GDPR", "Art. 5 (1) a) GDPR, Art. 6 GDPR",
    "Art. 12 GDPR|Art. 13 GDPR|Art. 5 (1) c) GDPR|Art. 6 GDPR", "Art. 6 (1) f) GDPR, § 26 BDSG",
    "5(1)(f), 9(1), 32", "Art. 33 GDPR, Art. 34 GDPR", "Art. 25 (1) GDPR, Art. 25 (2) GDPR",
    "Art. 21 GDPR", "Art. 17 GDPR", "Art. 28 GDPR", "Art. 37 GDPR", "Art. 31 GDPR",
    "Art. 44 GDPR", "Art. 46 (1) GDPR", "Art. 9 GDPR", "Art. 7 GDPR", "Art. 24 GDPR",
    "Art. 35 GDPR", "Art. 30 GDPR", "Art. 14 GDPR", "Art. 16 GDPR", "Art. 5 (1) e) GDPR",
    "Art. 5 (1) b) GDPR, Art. 6 GDPR", "Art. 82 loi Informatique et Libertés",
    "Art. 6 GDPR, Art. 9 GDPR", "Art. 32 GDPR, Art. 33 GDPR", "Art. 12 GDPR, Art. 15 GDPR",
]  # fmt: skip
COUNTRIES = ["ES", "IT", "RO", "DE", "HU", "PL", "GR", "NO", "FR", "BE", "Spain", "Italy"]
OTHER = ["RON", "PLN", "HUF", "SEK", "DKK", "CZK", "GBP", "NOK"]


def generate(path: Path, count: int, seed: int = 2024) -> None:
    """Write *count* tracker-like records as JSON Lines."""
    rng = random.Random(seed)
    round_figures = [f"{rng.choice([1, 2, 3, 5, 8])}{'0' * rng.randint(2, 6)}" for _ in range(2_000)]
    with path.open("w", encoding="utf-8") as handle:
        for number in range(1, count + 1):
            year = rng.randint(2018, 2023)
            draw = rng.random()
            if draw < 0.03:
                fine = "Unknown"
            elif draw < 0.05:
                fine = f"{rng.randint(1, 900) * 1000} {rng.choice(OTHER)}"
            elif draw < 0.85:
                fine = rng.choice(round_figures)
            else:
                value = rng.randint(100, 50_000_000)
                fine = f"{value:,}" if rng.random() < 0.5 else str(value)
            shape = rng.random()
            if shape < 0.85:
                when = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            elif shape < 0.95:
                when = str(year)
            else:
                when = f"{year}-{rng.randint(1, 12):02d}"
            record = {
                "id": f"R-{number}",
                "country": rng.choice(COUNTRIES),
                "date": when,
                "fine": fine,
                "articles": rng.choice(ARTICLES),
            }
            handle.write(json.dumps(record) + "\n")


def run_batch(path: Path, fmt: str) -> dict[str, float]:
    """Check every record of *path* (summary only, as ``gdprfine check --format ... --json``)."""
    import resource

    from gdprfine.batch import BatchSummary, check_records
    from gdprfine.datasets import read_dataset

    columns = COLUMNS if fmt == "jsonl" else None
    summary = BatchSummary()
    start, cpu = time.perf_counter(), time.process_time()
    for verdict in check_records(read_dataset(path, fmt, columns=columns)):  # type: ignore[arg-type]
        summary.add(verdict)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"records": summary.records, "seconds": elapsed, "cpu_seconds": cpu, "peak_mib": peak_kib / 1024}


def child(path: str, fmt: str) -> None:
    print(json.dumps(run_batch(Path(path), fmt)))


def measure(path: Path, fmt: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", str(path), fmt],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(output)
    return result


def report(name: str, result: dict[str, float]) -> None:
    rate = result["records"] / result["seconds"]
    cpu_rate = result["records"] / result["cpu_seconds"]
    print(
        f"{name:<32} {int(result['records']):>9,} records  {result['seconds']:7.2f} s  "
        f"{rate:>9,.0f} records/s  CPU {result['cpu_seconds']:7.2f} s {cpu_rate:>9,.0f} records/CPU-s  "
        f"peak RSS {result['peak_mib']:6.1f} MiB",
        flush=True,
    )


def profile(path: Path) -> None:
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    run_batch(path, "jsonl")
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(15)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        child(argv[1], argv[2])
        return 0
    sizes = SIZES
    if "--sizes" in argv:
        sizes = tuple(int(size) for size in argv[argv.index("--sizes") + 1].split(","))
    if "--no-cms" in argv:
        pass
    elif CMS.is_file():
        report("CMS export", measure(CMS, "cms"))
    else:
        print(f"CMS export not found in {DATA}: skipped")
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = Path(folder) / f"records-{size}.jsonl"
            generate(path, size)
            report(f"generated JSONL ({path.stat().st_size / 1e6:.0f} MB)", measure(path, "jsonl"))
        if "--profile" in argv:
            profile(Path(folder) / "records-100000.jsonl")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
