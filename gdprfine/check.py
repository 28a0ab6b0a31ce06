"""Check a fine against its legal maximum, and say why: a verdict with its trace.

:func:`check_case` checks a :class:`~gdprfine.cases.CaseRecord`; :func:`check_fine` checks a
bare amount against a tier or a list of articles. Both return a :class:`Verdict`:

- ``within``: the fine is at most the cap;
- ``exceeds``: the fine is above the cap;
- ``undetermined``: the data do not settle it; ``needs`` says what is missing, such as the
  turnover the fine implies.

Every step of the reasoning is in ``trace``, each with its value and legal reference.

>>> v = check_fine(Money("746000000", "EUR"), tier="83(5)")
>>> v.verdict, v.needs
('undetermined', ['turnover >= EUR 18 650 000 000.00 (worldwide annual turnover of the \
undertaking in the preceding financial year)'])
>>> check_fine(Money("746000000", "EUR"), tier="83(5)",
...            turnover=Money("338000350201.37", "EUR")).verdict
'within'
>>> check_fine(Money("25000000", "EUR"), articles="Art. 32 GDPR", undertaking=False).verdict
'exceeds'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal, localcontext
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from gdprfine.articles import ArticleRef, Classification, classify, parse_articles
from gdprfine.caps import Cap, implied_minimum_turnover, legal_maximum
from gdprfine.cases import CaseRecord
from gdprfine.dates import FinancialYear
from gdprfine.errors import InvalidAmount, InvalidArticle, InvalidInput
from gdprfine.law import Regime, Tier, regime
from gdprfine.money import DecimalText, ExchangeRate, Money

__all__ = [
    "CapSummary",
    "FxRule",
    "TraceStep",
    "Verdict",
    "VerdictKind",
    "check_case",
    "check_fine",
    "ecb_turnover_rate",
    "percent",
    "resolve_rates",
]

VerdictKind = Literal["within", "exceeds", "undetermined"]

FxRule = Literal["mean", "year-end", "decision-date"]
"""How a turnover in another currency is converted with the bundled ECB rates: the mean of the
daily fixings over its financial year (the default), the last fixing of that year, or the
fixing on the decision date."""

_SHARE = Decimal("1e-12")


def _share(part: Money, whole: Money) -> Decimal:
    """*part* / *whole* rounded to 12 places, however many integer digits the ratio has."""
    ratio = part.ratio(whole)
    with localcontext() as ctx:
        ctx.prec = 60
        return ratio.quantize(_SHARE)


class TraceStep(BaseModel):
    """One step of a check: what was established, and on what legal basis."""

    model_config = ConfigDict(frozen=True)

    step: str = Field(description="What the step establishes.")
    value: str = Field(description="Its result.")
    reference: str = Field(default="", description="The legal provision or rule applied.")
    note: str = Field(default="", description="Caveat or confidence note.")


class CapSummary(BaseModel):
    """The cap in a verdict: amount, currency and the limb that governs."""

    model_config = ConfigDict(frozen=True)

    amount: DecimalText
    currency: str
    limb: Literal["static", "turnover"]
    lower_bound: bool = Field(
        default=False, description="True when the turnover is unknown: the cap is at least this."
    )


class Verdict(BaseModel):
    """The result of a check. Its JSON form is gdprfine's output contract."""

    model_config = ConfigDict(frozen=True)

    case: str | None = Field(default=None, description="The case identifier, if any.")
    regime: str
    verdict: VerdictKind
    tier: str | None = Field(description="The tier applied (the gravest of the articles).")
    fine: Money = Field(description="The fine as imposed.")
    fine_in_cap_currency: Money | None = Field(
        default=None, description="The fine converted into the cap's currency, when it differs."
    )
    cap: CapSummary | None = Field(description="The legal maximum, or None without a tier.")
    turnover: Money | None = Field(
        default=None, description="The turnover used, in the cap's currency."
    )
    turnover_exchange_rate: ExchangeRate | None = Field(
        default=None, description="The rate that converted the turnover, with its rule and source."
    )
    fine_exchange_rate: ExchangeRate | None = Field(
        default=None, description="The rate that converted the fine, with its rule and source."
    )
    fine_share_of_turnover: DecimalText | None = Field(
        default=None, description="Fine / turnover, as a fraction (0.04 = 4 %)."
    )
    fine_share_of_cap: DecimalText | None = Field(
        default=None, description="Fine / cap, as a fraction (1 = the cap)."
    )
    implied_minimum_turnover: Money | None = Field(
        default=None,
        description="The least turnover under which the fine is lawful; None if the static amount allows it.",
    )
    needs: list[str] = Field(default_factory=list, description="What is missing to decide.")
    warnings: list[str] = Field(default_factory=list)
    trace: list[TraceStep] = Field(default_factory=list)

    def json_dict(self) -> dict[str, object]:
        """The JSON-ready form: amounts and shares as decimal strings."""
        return self.model_dump(mode="json")


def percent(share: Decimal, places: int = 4) -> str:
    """A fraction as a percentage rounded to *places*, trailing zeros dropped.

    >>> percent(Decimal("0.04")), percent(Decimal("0.002207098305"))
    ('4 %', '0.2207 %')
    """
    value = (share * 100).quantize(Decimal(1).scaleb(-places)).normalize()
    return f"{value:f} %"


def _tier_text(tier: Tier) -> str:
    return (
        f"{tier.static_cap.format()} or {percent(tier.turnover_share)} "
        "of worldwide annual turnover, whichever is higher"
    )


class _Checker:
    """Accumulates the trace and warnings of one check."""

    def __init__(self, law: Regime) -> None:
        self.law = law
        self.trace: list[TraceStep] = []
        self.warnings: list[str] = []
        self.needs: list[str] = []

    def step(self, step: str, value: str, reference: str = "", note: str = "") -> None:
        self.trace.append(TraceStep(step=step, value=value, reference=reference, note=note))

    def rule(self, key: str) -> tuple[str, str]:
        ref = self.law.rule(key)
        return ref.cite(), ref.note


def _classify(
    checker: _Checker,
    articles: Sequence[ArticleRef],
    tier_id: str | None,
    on: date | None,
) -> Tier | None:
    law = checker.law
    tier: Tier | None = None
    classification: Classification | None = None
    if articles:
        classification = classify(articles, law, on=on)
        for item in classification.items:
            checker.step(
                f"classify {item.ref}",
                f"Art. {item.point}" if item.point else "no fine by itself",
                ", ".join(p.reference.cite() for p in item.provisions)
                or law.rule("not_fineable").cite(),
                item.reason if not item.fineable else "",
            )
        for item in classification.not_fineable:
            checker.warnings.append(item.reason)
        tier = classification.tier
        if tier is not None and len(classification.fineable) > 1:
            ref, note = checker.rule("linked_processing")
            checker.step(
                "gravest infringement",
                f"Art. {tier.id}: one cap for all {len(classification.fineable)} infringements",
                ref,
                note,
            )
    if tier_id is not None:
        given = law.tier(tier_id, on=on)
        if tier is not None and tier.id != given.id:
            checker.warnings.append(
                f"the tier given (Art. {given.id}) differs from the gravest tier of the articles "
                f"(Art. {tier.id}); Art. {given.id} is applied"
            )
        tier = given
        checker.step("tier given", f"Art. {tier.id}", tier.reference.cite())
    return tier


def _check(
    *,
    law: Regime,
    fine: Money,
    articles: Sequence[ArticleRef],
    tier_id: str | None,
    turnover: Money | None,
    undertaking: bool,
    on: date | None,
    fine_rate: ExchangeRate | None = None,
    turnover_rate: ExchangeRate | None = None,
    financial_year: FinancialYear | None = None,
    group: str = "",
    case_id: str | None = None,
    pre_trace: Sequence[TraceStep] = (),
    pre_warnings: Sequence[str] = (),
    fx: FxRule | None = None,
) -> Verdict:
    checker = _Checker(law)
    checker.trace.extend(pre_trace)
    checker.warnings.extend(pre_warnings)
    checker.step(
        "regime",
        f"{law.short}: {law.citation}, applies from {law.valid_from.isoformat()}",
        law.reference.cite(),
        law.reference.text,
    )
    if on is not None and on < law.valid_from:
        raise InvalidInput(
            "decision_date",
            on.isoformat(),
            f"before the {law.short} applies ({law.valid_from.isoformat()})",
        )
    if fine.amount < 0:
        raise InvalidAmount("fine", str(fine.amount), "a fine must not be negative")
    tier = _classify(checker, articles, tier_id, on)
    currency = law.currency

    fine_rate, turnover_rate = resolve_rates(
        currency,
        fine=fine,
        turnover=turnover if undertaking else None,
        fine_rate=fine_rate,
        turnover_rate=turnover_rate,
        fx=fx,
        financial_year=financial_year,
        on=on,
    )
    fine_cc: Money | None = fine if fine.currency == currency else None
    if fine_cc is None:
        if fine_rate is not None:
            fine_cc = fine_rate.convert(fine)
            checker.step(
                "fine in the cap's currency",
                f"{fine.format()} -> {fine_cc.format()}",
                checker.rule("conversion")[0],
                fine_rate.describe(),
            )
        else:
            checker.needs.append(f"an exchange rate {fine.currency} -> {currency} for the fine")

    if tier is None:
        checker.needs.append(
            "an infringed article listed in Art. 83(4)-(6), or the tier (83(4), 83(5), 83(6))"
        )
        checker.step("legal maximum", "unknown: no tier", law.rule("not_fineable").cite())
        return Verdict(
            case=case_id,
            regime=law.id,
            verdict="undetermined",
            tier=None,
            fine=fine,
            fine_in_cap_currency=fine_cc if fine_cc is not fine else None,
            cap=None,
            needs=checker.needs,
            warnings=checker.warnings,
            trace=checker.trace,
        )

    checker.step(f"tier Art. {tier.id}", _tier_text(tier), tier.reference.cite(), tier.reference.note)

    if undertaking:
        ref, note = checker.rule("undertaking")
        checker.step(
            "undertaking",
            f"{group or 'the addressee'} is an undertaking: the turnover limb applies",
            ref,
            note,
        )
    else:
        ref, note = checker.rule("non_undertaking")
        checker.step("not an undertaking", "static amount only", ref, note)

    turnover_cc: Money | None = None
    if undertaking and turnover is not None:
        ref, note = checker.rule("net_turnover")
        year = f", {financial_year.label} ({financial_year.start}..{financial_year.end})" if financial_year else ""
        checker.step("turnover", f"{turnover.format()}{year}", ref, note)
        if financial_year is not None and on is not None:
            expected = financial_year.preceding(on)
            ref, note = checker.rule("preceding_year")
            checker.step(
                "preceding financial year",
                f"decision {on.isoformat()} -> {expected.label} "
                f"({expected.start}..{expected.end})",
                ref,
                note,
            )
            if not expected.same_period(financial_year):
                checker.warnings.append(
                    f"the turnover is for {financial_year.label} ({financial_year.start}.."
                    f"{financial_year.end}); the financial year preceding the decision of "
                    f"{on.isoformat()} is {expected.label} ({expected.start}..{expected.end})"
                )
        if turnover.currency == currency:
            turnover_cc = turnover
        elif turnover_rate is not None:
            turnover_cc = turnover_rate.convert(turnover)
            ref, note = checker.rule("conversion")
            checker.step(
                "turnover in the cap's currency",
                f"{turnover.format()} at {turnover_rate.describe()} = {turnover_cc.format()}",
                ref,
                note,
            )
        else:
            checker.needs.append(f"an exchange rate {turnover.currency} -> {currency} for the turnover")
            checker.step(
                "turnover in the cap's currency",
                f"unknown: no {turnover.currency} -> {currency} rate",
                checker.rule("conversion")[0],
            )

    cap: Cap = legal_maximum(tier, turnover_cc, undertaking=undertaking)
    ref, note = checker.rule("whichever_higher")
    if cap.turnover_based is not None:
        assert turnover_cc is not None
        checker.step(
            "turnover limb",
            f"{percent(tier.turnover_share)} x {turnover_cc.format()} = {cap.turnover_based.format()}",
            tier.reference.cite(),
        )
        checker.step(
            "legal maximum",
            f"max({cap.static.format()}, {cap.turnover_based.format()}) = {cap.amount.format()} "
            f"({cap.limb} limb)",
            ref,
            note,
        )
    elif cap.lower_bound:
        checker.step(
            "legal maximum",
            f"at least {cap.amount.format()} (static limb; the turnover limb needs the turnover)",
            ref,
            note,
        )
    else:
        checker.step("legal maximum", f"{cap.amount.format()} (static limb)", tier.reference.cite())

    minimum: Money | None = None
    if fine_cc is not None and undertaking:
        minimum = implied_minimum_turnover(fine_cc, tier)
        if minimum is not None:
            checker.step(
                "implied minimum turnover",
                f"{fine_cc.format()} / {percent(tier.turnover_share)} = {minimum.format()}",
                tier.reference.cite(),
                "the least worldwide annual turnover under which this fine is within the cap",
            )

    share_turnover = share_cap = None
    verdict: VerdictKind
    if fine_cc is None:
        verdict = "undetermined"
    elif fine_cc <= cap.amount:
        verdict = "within"
        checker.step(
            "verdict", f"{fine_cc.format()} <= {cap.amount.format()}: within the cap", ref
        )
    elif cap.lower_bound:
        verdict = "undetermined"
        assert minimum is not None
        checker.needs.append(
            f"turnover >= {minimum.format()} (worldwide annual turnover of the undertaking in "
            "the preceding financial year)"
        )
        checker.step(
            "verdict",
            f"{fine_cc.format()} > {cap.amount.format()}: lawful only if the turnover is at least "
            f"{minimum.format()}",
            ref,
        )
    else:
        verdict = "exceeds"
        checker.step("verdict", f"{fine_cc.format()} > {cap.amount.format()}: exceeds the cap", ref)

    if (
        fine_cc is not None
        and not (cap.lower_bound and verdict == "undetermined")
        and cap.amount.amount > 0
    ):
        share_cap = _share(fine_cc, cap.amount)
    if fine_cc is not None and turnover_cc is not None and turnover_cc.amount > 0:
        share_turnover = _share(fine_cc, turnover_cc)
    if share_turnover is not None or share_cap is not None:
        parts = []
        if share_turnover is not None:
            parts.append(f"{percent(share_turnover)} of turnover")
        if share_cap is not None:
            parts.append(f"{percent(share_cap)} of the cap")
        checker.step("shares", ", ".join(parts))

    return Verdict(
        case=case_id,
        regime=law.id,
        verdict=verdict,
        tier=tier.id,
        fine=fine,
        fine_in_cap_currency=fine_cc if fine_cc is not None and fine_cc is not fine else None,
        cap=CapSummary(
            amount=cap.amount.amount,
            currency=cap.amount.currency,
            limb=cap.limb,
            lower_bound=cap.lower_bound,
        ),
        turnover=turnover_cc,
        turnover_exchange_rate=turnover_rate if turnover_cc is not None and turnover_cc is not turnover else None,
        fine_exchange_rate=fine_rate if fine_cc is not None and fine_cc is not fine else None,
        fine_share_of_turnover=share_turnover,
        fine_share_of_cap=share_cap,
        implied_minimum_turnover=minimum,
        needs=checker.needs,
        warnings=checker.warnings,
        trace=checker.trace,
    )


def ecb_turnover_rate(
    source: str,
    target: str,
    rule: FxRule,
    financial_year: FinancialYear | None,
    decision_date: date | None,
) -> ExchangeRate | None:
    """The ECB rate for a turnover by *rule*, or None when the dates it needs are unknown."""
    from gdprfine import fx as ecb

    if rule == "decision-date":
        return ecb.exchange_rate(source, target, on=decision_date) if decision_date else None
    if financial_year is None:
        return None
    if rule == "year-end":
        return ecb.exchange_rate(source, target, year_end=financial_year)
    return ecb.exchange_rate(source, target, mean_over=financial_year)


def resolve_rates(
    currency: str,
    *,
    fine: Money,
    turnover: Money | None,
    fine_rate: ExchangeRate | None = None,
    turnover_rate: ExchangeRate | None = None,
    fx: FxRule | None = None,
    financial_year: FinancialYear | None = None,
    on: date | None = None,
) -> tuple[ExchangeRate | None, ExchangeRate | None]:
    """The rates that bring a fine and a turnover into *currency*: (fine rate, turnover rate).

    A stated rate is kept; a missing one comes from the bundled ECB data: the fine at the
    fixing on the decision date *on*, the turnover by *fx* (default: the mean over
    *financial_year*). Giving *fx* replaces a stated turnover rate. A rate that needs a date
    nobody gave stays None.

    >>> _, rate = resolve_rates("EUR", fine=Money("1", "EUR"), turnover=Money("1", "USD"),
    ...                         financial_year=FinancialYear.calendar(2020))
    >>> rate.rate, rate.fixings
    (Decimal('1.142196'), 257)
    """
    if fine.currency != currency and fine_rate is None and on is not None:
        from gdprfine import fx as ecb

        fine_rate = ecb.exchange_rate(fine.currency, currency, on=on)
    if (
        turnover is not None
        and turnover.currency != currency
        and (turnover_rate is None or fx is not None)
    ):
        turnover_rate = ecb_turnover_rate(
            turnover.currency, currency, fx or "mean", financial_year, on
        )
    return fine_rate, turnover_rate


def check_fine(
    fine: Money,
    *,
    tier: str | None = None,
    articles: str | Sequence[ArticleRef] | None = None,
    turnover: Money | None = None,
    undertaking: bool = True,
    regime_id: str = "eu-gdpr",
    on: date | None = None,
    turnover_rate: ExchangeRate | None = None,
    fine_rate: ExchangeRate | None = None,
    financial_year: FinancialYear | None = None,
    fx: FxRule | None = None,
) -> Verdict:
    """Check a fine against the cap of *tier* (or the gravest tier of *articles*).

    *on* is the decision date: it selects the law in force and, with *financial_year*, the
    preceding-year check. A turnover or fine in another currency than the cap's is converted
    at the rate given, or else with the bundled ECB rates: the turnover by *fx* (default: the
    mean over *financial_year*), the fine at the fixing on the decision date.

    >>> v = check_fine(Money("746000000", "EUR"), tier="83(5)",
    ...                turnover=Money("386064000000", "USD"),
    ...                financial_year=FinancialYear.calendar(2020), on=date(2021, 7, 15))
    >>> v.verdict, v.turnover
    ('within', Money('338001533887.35', 'EUR'))

    >>> v = check_fine(Money("1000000", "EUR"), articles="Art. 24 GDPR")
    >>> v.verdict, v.warnings[0]
    ('undetermined', 'Art. 24 GDPR is not listed in Art. 83(4)-(6): it carries no fine under Art. 83 by itself')
    """
    if articles is not None and not isinstance(articles, str | Iterable):
        raise InvalidArticle("articles", articles, "expected text or ArticleRef values")
    refs = [
        ref
        for item in ([articles] if isinstance(articles, str) else list(articles or []))
        for ref in (parse_articles(item) if isinstance(item, str) else [item])
    ]
    if not all(isinstance(ref, ArticleRef) for ref in refs):
        raise InvalidArticle("articles", articles, "expected text or ArticleRef values")
    return _check(
        law=regime(regime_id),
        fine=fine,
        articles=refs,
        tier_id=tier,
        turnover=turnover,
        undertaking=undertaking,
        on=on,
        fine_rate=fine_rate,
        turnover_rate=turnover_rate,
        financial_year=financial_year,
        fx=fx,
    )


def check_case(case: CaseRecord, *, fx: FxRule | None = None) -> Verdict:
    """Check a case record: its fine against the cap for its articles, turnover and date.

    A turnover in another currency is converted at the case's stated rate, or, when it states
    none or when *fx* is given, with the bundled ECB rates by *fx* (default: the mean over the
    turnover's financial year). A fine in another currency is converted at the case's stated
    rate or the ECB fixing on the decision date.

    >>> from gdprfine.cases import load_case
    >>> v = check_case(load_case("examples/amazon-2021.toml"))
    >>> v.verdict, v.cap.limb, f"{v.fine_share_of_turnover:.6f}", f"{v.fine_share_of_cap:.4f}"
    ('within', 'turnover', '0.002207', '0.0552')
    """
    law = regime(case.regime)
    pre: list[TraceStep] = []
    warnings: list[str] = []
    announced = (
        f", announced {case.announcement_date.isoformat()}" if case.announcement_date else ""
    )
    pre.append(
        TraceStep(
            step="decision",
            value=(
                f"{case.authority.name} ({case.authority.country}) fined {case.addressee} "
                f"{case.fine.format()}, decided {case.decision_date.isoformat()}{announced}"
            ),
        )
    )
    latest = case.latest_status()
    if latest is not None:
        pre.append(
            TraceStep(
                step="status",
                value=f"{latest.status} on {latest.date.isoformat()}",
                note=latest.note,
            )
        )
        if latest.status == "proposed":
            warnings.append(
                "the latest status is 'proposed': a draft decision or notice of intent is not a fine"
            )
        elif latest.status == "annulled":
            warnings.append(f"the fine was annulled on {latest.date.isoformat()}")
    turnover = case.turnover
    return _check(
        law=law,
        fine=case.fine,
        articles=case.articles,
        tier_id=case.tier,
        turnover=turnover.amount if turnover else None,
        undertaking=case.is_undertaking,
        on=case.decision_date,
        fine_rate=case.fine_exchange_rate,
        turnover_rate=turnover.exchange_rate if turnover else None,
        financial_year=turnover.financial_year if turnover else None,
        group=case.group,
        case_id=case.id or None,
        pre_trace=pre,
        pre_warnings=warnings,
        fx=fx,
    )
