"""Back-test: the Amazon fine (CNPD, 2021) against the EDPB 04/2022 ranges.

Reads ``examples/amazon-2021.toml`` (Art. 6, 12-17, 21 -> Art. 83(5); FY2020 turnover
USD 386 064 m at the ECB 2020 mean of 1.142196 USD per EUR, about EUR 338 bn; fine
EUR 746 000 000) and prints, for each seriousness level, the EDPB range and where the actual
fine falls against it. The decision predates the guidelines (adopted 2023): the ranges show
what the method would give, not what the authority applied.

Run: ``python examples/amazon_backtest.py``
"""

from __future__ import annotations

from pathlib import Path

from gdprfine.cases import load_case
from gdprfine.estimate import SERIOUSNESS_LEVELS, Estimate, Seriousness, estimate_case

CASE = Path(__file__).resolve().parent / "amazon-2021.toml"


def backtest(path: Path = CASE) -> list[tuple[Seriousness, Estimate]]:
    """The EDPB estimate of the case at each seriousness level, least serious first."""
    case = load_case(path)
    return [
        (level, estimate_case(case, level, models=["edpb"]).estimates[0])
        for level in SERIOUSNESS_LEVELS
    ]


def consistent_levels(results: list[tuple[Seriousness, Estimate]]) -> list[Seriousness]:
    """The seriousness levels whose range contains the actual fine."""
    return [level for level, result in results if result.position == "inside"]


def report(results: list[tuple[Seriousness, Estimate]]) -> str:
    """The back-test as text: one line per seriousness level, then the conclusion."""
    first = results[0][1]
    conduct = first.conducts[0]
    assert first.fine is not None
    lines = [
        "Amazon (CNPD, 2021) against the EDPB Guidelines 04/2022 ranges",
        f"  turnover   {first.turnover.format(places=2) if first.turnover else 'unknown'}",
        f"  cap        {conduct.cap.amount.format(places=2)} (Art. {conduct.tier}, "
        f"{conduct.cap.limb} limb)",
        f"  fine       {first.fine.format()} = "
        f"{first.fine.ratio(conduct.cap.amount) * 100:.2f} % of the cap",
    ]
    for level, result in results:
        lines.append(
            f"  {level:<7}    {result.low.format(places=0)} - {result.high.format(places=0)}"
            f"  fine {result.position}"
        )
    levels = consistent_levels(results)
    lines.append(
        "  consistent with: "
        + (", ".join(f"{level} seriousness" for level in levels) if levels else "no level")
    )
    lines.extend(f"  note: {note}" for note in first.notes)
    lines.append(f"  caveat: {first.caveat}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(backtest()))
