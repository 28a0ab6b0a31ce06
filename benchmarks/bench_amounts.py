"""Throughput of gdprfine.amounts.find_amounts on the seeds and on the tracker corpus.

Run: ``python benchmarks/bench_amounts.py`` from the project root. Prints texts per second on
the four seed reports, characters per second on a seed repeated 1, 10 and 100 times (the rate
stays the same if reading is linear in the text's length), sentences per second on the amounts
corpus of every language, fields per second on the fine fields of the tracker corpus (read from
``../shared/data/`` when present; skipped otherwise) and how many of those fields were read.
On the CMS export it also times, in CPU seconds, the plausibility checks of every record (the
first pass, which reads the language data, and a warm one) and ``find_amounts`` on the
summaries, against a floor measured in the same run: one regular expression that finds the
digits of the same summaries.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import time
import tomllib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from gdprfine.amounts import find_amounts, read_amount_field
from gdprfine.sources import read_folder

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
DATA = ROOT.parent / "shared" / "data"
SEED_LOCALES = {"002_5363ed10521fa334.txt": "nl"}
CORPUS = ROOT / "tests" / "data" / "amounts"


def rate(work: Callable[[], int], *, seconds: float = 2.0) -> tuple[float, int]:
    """Items per second of *work* (which returns how many items it did), repeated for *seconds*."""
    work()
    done = 0
    start = time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        done += work()
    return done / elapsed, done


def main() -> int:
    seeds = [
        (path.read_text("utf-8"), SEED_LOCALES.get(path.name, "en"))
        for path in sorted(SEEDS.glob("*.txt"))
    ]

    def seed_pass() -> int:
        for text, locale in seeds:
            find_amounts(text, locale=locale)
        return len(seeds)

    per_s, n = rate(seed_pass)
    print(f"find_amounts, seeds: {per_s:,.0f} texts/s ({n} texts)")
    per_s, n = rate(lambda: len(read_folder(SEEDS)))
    print(f"read_folder + read_source, seeds: {per_s:,.0f} texts/s ({n} texts)")

    # Linear in the text's length: the same text 1, 10 and 100 times reads at the same speed.
    text, locale = seeds[0]
    for times in (1, 10, 100):
        long_text = "\n".join([text] * times)

        def long_pass(t: str = long_text) -> int:
            find_amounts(t, locale=locale)
            return len(t)

        per_s, _ = rate(long_pass)
        print(f"find_amounts, seed x {times}: {per_s / 1e6:,.2f} M characters/s")

    corpus = [
        (sentence["text"], data["locale"])
        for path in sorted(CORPUS.glob("*.toml"))
        for data in [tomllib.loads(path.read_text("utf-8"))]
        for sentence in data["sentence"]
    ]

    def corpus_pass() -> int:
        for sentence, sentence_locale in corpus:
            find_amounts(sentence, locale=sentence_locale)
        return len(corpus)

    per_s, n = rate(corpus_pass)
    print(f"find_amounts, amounts corpus ({len(corpus)} sentences): {per_s:,.0f} sentences/s")

    cms = DATA / "cms-enforcementtracker-2024-03.json"
    pa = DATA / "privacyaffairs-gdpr-violations-2020.tsv"
    if not (cms.is_file() and pa.is_file()):
        print(f"tracker corpus not found in {DATA}: skipped")
        return 0
    (rows,) = json.loads(cms.read_text("utf-8")).values()
    cms_fields = [row[5] for row in rows]
    with pa.open(newline="", encoding="utf-8") as handle:
        pa_rows = list(csv.DictReader(handle, delimiter="\t"))
    pa_fields = [row["price"] for row in pa_rows]
    summaries = [row["summary"] for row in pa_rows]
    fields = cms_fields + pa_fields

    def field_pass() -> int:
        for field in fields:
            find_amounts(field, locale="en")
        return len(fields)

    per_s, n = rate(field_pass)
    print(f"find_amounts, tracker fine fields: {per_s:,.0f} fields/s ({n} fields)")

    def summary_pass() -> int:
        for text in summaries:
            find_amounts(text, locale="en")
        return len(summaries)

    per_s, n = rate(summary_pass)
    print(f"find_amounts, Privacy Affairs summaries: {per_s:,.0f} texts/s ({n} texts)")

    plausibility(cms)
    for name, values, zero in (("CMS", cms_fields, False), ("Privacy Affairs", pa_fields, True)):
        readings = [read_amount_field(v, locale="en", zero_is_unknown=zero) for v in values]
        parsed = sum(1 for r in readings if r.money is not None)
        reasons = Counter(r.reason for r in readings if r.money is None)
        print(
            f"{name}: {len(values)} fine fields, {parsed} parsed, {len(values) - parsed} unreadable"
        )
        for reason, count in reasons.most_common():
            print(f"  {count:5d}  {reason}")
    return 0


def cpu(work: Callable[[], object], repeat: int = 5) -> float:
    """The least CPU time of *repeat* runs of *work*, in seconds (steady on a shared machine)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def plausibility(cms: Path) -> None:
    """The plausibility checks of the CMS export: the first pass, a warm one, and find_amounts
    on the summaries against a scan for digits."""
    from gdprfine.datasets.cms import read_cms
    from gdprfine.datasets.plausibility import plausibility_config, plausibility_flags

    records = [r for r in read_cms(cms) if r.amount.money is not None]
    config = plausibility_config()

    def flags() -> None:
        for record in records:
            fine = record.amount.money
            plausibility_flags(record, fine if fine and fine.currency == "EUR" else None, config)

    first = cpu(flags, repeat=1)
    warm = cpu(flags)
    print(
        f"plausibility_flags, CMS ({len(records)} records): first pass {first * 1e3:,.0f} ms "
        f"CPU, warm {warm * 1e3:,.0f} ms ({len(records) / warm:,.0f} records/s)"
    )
    summaries = [r.summary[: config.max_chars] for r in records if r.summary]
    digits = re.compile(r"[0-9]+")
    found = cpu(lambda: [find_amounts(text, locale="en") for text in summaries])
    floor = cpu(lambda: [list(digits.finditer(text)) for text in summaries])
    print(
        f"find_amounts, CMS summaries: {found * 1e3:,.0f} ms CPU; floor (finding the digits): "
        f"{floor * 1e3:,.1f} ms; {found / floor:,.0f} x the floor"
    )


if __name__ == "__main__":
    sys.exit(main())
