"""The Amazon case (CNPD, EUR 746 m, 2021) through the gdprfine library API.

Run it with ``python examples/amazon_2021.py``; it prints each step and exits 0 when the fine
is within its cap.
"""

from __future__ import annotations

from pathlib import Path

import gdprfine
from gdprfine import FinancialYear, Money
from gdprfine.fx import exchange_rate
from gdprfine.trace import percent

HERE = Path(__file__).resolve().parent


def walk_through() -> gdprfine.Verdict:
    """Check the Amazon fine step by step, then as a whole case file, and return the verdict."""
    # 1. The law: Art. 83(5), the tier of the gravest infringements (Arts 6, 12-17, 21).
    articles = gdprfine.parse_articles("Art. 6 GDPR, Art. 12-17 GDPR, Art. 21 GDPR")
    classification = gdprfine.classify(articles)
    tier = classification.tier
    assert tier is not None
    print(f"articles: {', '.join(str(a) for a in articles)}")
    print(f"gravest tier: Art. {tier.id} ({tier.reference.cite()}): "
          f"{tier.static_cap.format()} or {percent(tier.turnover_share)} of turnover")

    # 2. Without any turnover: what turnover would the fine imply?
    fine = Money("746000000", "EUR")
    minimum = gdprfine.implied_minimum_turnover(fine, tier)
    print(f"a fine of {fine.format()} implies a turnover of at least {minimum}")

    # 3. The undertaking's turnover: Amazon.com, Inc. FY2020 net sales, converted at the mean
    #    of the ECB daily fixings of 2020, computed from the bundled ECB data.
    turnover_usd = Money("386064000000", "USD")
    fy2020 = FinancialYear.calendar(2020)
    rate = exchange_rate("USD", "EUR", mean_over=fy2020)
    turnover = rate.convert(turnover_usd)
    cap = gdprfine.legal_maximum(tier, turnover)
    print(f"turnover FY2020: {turnover_usd.format()} = {turnover.format()} at {rate.describe()}")
    print(f"cap: {cap.amount.format(places=2)} ({cap.limb} limb)")

    # 4. The verdict for the bare figures, then for the full case record with its sources.
    verdict = gdprfine.check_fine(
        fine,
        articles=articles,
        turnover=turnover_usd,
        turnover_rate=rate,
        financial_year=fy2020,
        on=gdprfine.load_case(HERE / "amazon-2021.toml").decision_date,
    )
    case_verdict = gdprfine.check_case(gdprfine.load_case(HERE / "amazon-2021.toml"))
    assert case_verdict.verdict == verdict.verdict
    assert case_verdict.cap == verdict.cap
    assert verdict.fine_share_of_turnover is not None
    assert verdict.fine_share_of_cap is not None
    print(f"verdict: {verdict.verdict}; the fine is {percent(verdict.fine_share_of_turnover)} "
          f"of turnover and {percent(verdict.fine_share_of_cap, 2)} of the cap")
    for warning in case_verdict.warnings:
        print(f"warning: {warning}")
    return case_verdict


if __name__ == "__main__":
    raise SystemExit(0 if walk_through().verdict == "within" else 1)
