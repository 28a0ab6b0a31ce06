"""What a fine would likely be: the EDPB five-step method as a range, every step shown.

A compliance team's first question is "what would a fine for this likely be?". The EU's answer
is the method of EDPB Guidelines 04/2022; :func:`estimate` applies it to one or more
*conducts* and returns a range (low, high) in EUR for each conduct and in total, with the trace
of the five steps and their references. The bands of the method are data
(``gdprfine/law/models/edpb-04-2022.toml``, read by :func:`gdprfine.law.model`), each with its
reference and confidence tag.

Range semantics. For each conduct, with *cap* the legal maximum of its gravest tier (Art. 83(3))
for the undertaking's turnover, as :func:`gdprfine.check.judge` gives it:

* step 2: ``low = cap x seriousness_low x size_low`` and ``high = cap x seriousness_high x
  size_high``, where the seriousness band is that of para 60 (or the single *position* within
  it, when given) and the size band that of para 65 (only for an undertaking whose turnover is
  known and at most EUR 500 m; otherwise 100 %);
* step 3: both ends are multiplied by ``1 + sum(aggravating) - sum(mitigating)`` (never below
  zero), from the adjustments the user states: the guidelines give no percentages, so
  gdprfine never invents one; a scheme with a bandwidth (the AP's category) keeps the adjusted
  ends within it;
* step 4: both ends are capped at *cap*;
* amounts are rounded to the cent, the low end down and the high end up, so the range contains
  the exact one, except that an end within the legal maximum is never rounded above it (it is
  then the maximum rounded down to the cent): one rule, :func:`~gdprfine.estimate.common.stated_end`;
* separate conducts get separate fines: the total range is the sum of the conducts' ranges.

Step 5 belongs to the supervisory authority: the result is a starting orientation, not a fine.

>>> c = Conduct.of("Art. 6(1), Art. 13", "medium")
>>> e = estimate([c], Money("5000000", "EUR"))
>>> e.low, e.high
(Money('6000.00', 'EUR'), Money('80000.00', 'EUR'))
>>> e.conducts[0].tier, e.conducts[0].turnover_band.label
('83(5)', 'above EUR 2 000 000 up to EUR 10 000 000')
>>> estimate([Conduct.of("Art. 6", "high")], Money("1000000000", "EUR")).high
Money('40000000.00', 'EUR')

Historical national schemes, the German DSK concept of 2019 and the Dutch AP policy rules of
2019, are models of the same shape (``model="dsk"``, ``model="ap"``); :func:`compare` puts them
side by side with the EDPB range. Each scheme is one module (:mod:`~gdprfine.estimate.edpb`,
:mod:`~gdprfine.estimate.dsk`, :mod:`~gdprfine.estimate.ap`) with the same verb,
``conduct_range(conduct, context)``; :data:`SCHEMES` maps a model id to its module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Protocol

from gdprfine import law
from gdprfine.cases import CaseRecord, Fault
from gdprfine.dates import FinancialYear
from gdprfine.errors import CurrencyMismatch, InvalidInput, NotApplicable
from gdprfine.estimate import ap, dsk, edpb
from gdprfine.estimate.common import (
    SERIOUSNESS_LEVELS,
    Adjustment,
    Band,
    Comparison,
    Conduct,
    ConductEstimate,
    Context,
    Direction,
    Estimate,
    FinePosition,
    Seriousness,
    Skipped,
    estimate_caveat,
    fine_position,
    money_text,
    parse_share,
)
from gdprfine.fx import FxRule, resolve_rates
from gdprfine.law import FiningModel, model, model_ids, regime
from gdprfine.money import ExchangeRate, Money

__all__ = [
    "SCHEMES",
    "SERIOUSNESS_LEVELS",
    "Adjustment",
    "Band",
    "Comparison",
    "Conduct",
    "ConductEstimate",
    "Context",
    "Direction",
    "Estimate",
    "FinePosition",
    "NotApplicable",
    "Scheme",
    "Seriousness",
    "Skipped",
    "compare",
    "estimate",
    "estimate_case",
    "fine_position",
    "model",
    "model_ids",
    "parse_share",
]


class Scheme(Protocol):
    """A fine-setting scheme: a module that computes one conduct's range under its model."""

    def conduct_range(self, conduct: Conduct, context: Context) -> ConductEstimate:
        """The conduct's range and the trace of the five steps."""
        ...


SCHEMES: Mapping[str, Scheme] = {"edpb": edpb, "dsk": dsk, "ap": ap, "ico": edpb}
"""The scheme module of every model id of :func:`gdprfine.law.model_ids`."""


def _check_amounts(turnover: Money | None, fine: Money | None, model_id: str) -> None:
    m = model(model_id)
    for label, amount in (("turnover", turnover), ("fine", fine)):
        if amount is not None and amount.currency != m.currency:
            raise CurrencyMismatch(
                label,
                amount.currency,
                f"the {m.name} bands are in {m.currency}; convert the {label} first",
            )
    if turnover is not None and turnover.amount < 0:
        raise InvalidInput("turnover", str(turnover.amount), "a turnover must not be negative")
    if fine is not None and fine.amount < 0:
        raise InvalidInput("fine", str(fine.amount), "a fine must not be negative")


def estimate(
    conducts: Sequence[Conduct],
    turnover: Money | None = None,
    *,
    model: str = "edpb",
    undertaking: bool = True,
    on: date | None = None,
    fine: Money | None = None,
    repeat: bool = False,
    fault: Fault | None = None,
    public_body: bool = False,
    country: str | None = None,
) -> Estimate:
    """The range of a fine for *conducts* under *model*, with the trace of every step.

    *turnover* is the undertaking's total worldwide annual turnover of the preceding financial
    year, in EUR (``None`` when unknown); *undertaking* False means the addressee is not an
    undertaking and the cap is the static amount. *on* (the decision date) selects the law in
    force. With a known *fine*, the estimate says where it falls against the total range.
    *repeat* applies the AP scheme's increase for a repeat within five years. A *fault* of
    ``none`` (CJEU C-807/21) and a *public_body* whose *country* excludes fines leave a legal
    maximum of zero, and so a range of zero.

    >>> c = Conduct.of("Art. 33(5)", "high", position="100%")
    >>> estimate([c], Money("2000000", "EUR")).high
    Money('40000.00', 'EUR')
    >>> e = estimate([Conduct.of("Art. 6", "low")], Money("1000000", "EUR"),
    ...              fine=Money("10000", "EUR"))
    >>> e.low, e.high, e.position
    (Money('0.00', 'EUR'), Money('8000.00', 'EUR'), 'above')
    >>> estimate([c], Money("1", "USD"))
    Traceback (most recent call last):
    ...
    gdprfine.errors.CurrencyMismatch: turnover: 'USD': the EDPB Guidelines 04/2022 (v2.1) \
bands are in EUR; convert the turnover first
    """
    m = law.model(model)
    if not conducts:
        raise InvalidInput("conducts", [], "at least one conduct")
    _check_amounts(turnover, fine, m.id)
    ctx = Context(regime(m.regime), turnover, undertaking, on, repeat, m.id, fault, public_body, country)
    scheme = SCHEMES[m.id]
    results = [
        scheme.conduct_range(c if c.name else replace(c, name=f"conduct {i}"), ctx)
        for i, c in enumerate(conducts, start=1)
    ]
    low = sum((r.low for r in results), Money(0, m.currency))
    high = sum((r.high for r in results), Money(0, m.currency))
    return Estimate(
        model=m.id,
        method=m.name,
        historical=m.historical,
        regime=m.regime,
        turnover=turnover,
        undertaking=undertaking,
        conducts=results,
        low=low,
        high=high,
        fine=fine,
        position=fine_position(fine, low, high) if fine is not None else None,
        notes=_notes(m, on, len(results), fault),
        caveat=estimate_caveat(m),
    )


def _notes(m: FiningModel, on: date | None, conducts: int, fault: Fault | None = None) -> list[str]:
    """The method's citation and note, the fault, a decision that predates it, separate
    conducts."""
    notes = [f"{m.citation} ({m.reference.cite()})"]
    if m.reference.note:
        notes.append(m.reference.note)
    rule = regime(m.regime).rules.get("fault")
    if rule is not None and fault is None:
        notes.append(
            "no fault is stated: the range assumes an intentional or negligent infringement, "
            f"without which no fine may be imposed ({rule.cite()})"
        )
    elif rule is not None and fault == "none":
        notes.append(f"no fault: no fine may be imposed ({rule.cite()})")
    if on is not None and on < m.valid_from:
        notes.append(
            f"the decision date {on.isoformat()} predates this method (in force from "
            f"{m.valid_from.isoformat()}): the range shows what the method would give, not what "
            "the authority applied"
        )
    if on is not None and m.valid_until is not None and on > m.valid_until:
        why = f" ({m.validity.cite()}): {m.validity.text}" if m.validity is not None else ""
        notes.append(
            f"the decision date {on.isoformat()} is after this method lapsed (it applied until "
            f"{m.valid_until.isoformat()}){why}"
        )
    if conducts > 1:
        notes.append(
            f"{conducts} separate conducts: separate fines, each under its own cap; "
            "the total is the sum of their ranges"
        )
    return notes


def _models_of(regime_id: str) -> list[str]:
    """The methods that work under the regime *regime_id*, the EDPB's first."""
    law = regime(regime_id)
    return [m for m in model_ids() if model(m).regime == law.id]


def compare(
    conducts: Sequence[Conduct],
    turnover: Money | None = None,
    *,
    models: Sequence[str] | None = None,
    undertaking: bool = True,
    on: date | None = None,
    fine: Money | None = None,
    repeat: bool = False,
    regime_id: str = "eu-gdpr",
    financial_year: FinancialYear | None = None,
    fx_rule: FxRule | None = None,
    fault: Fault | None = None,
    public_body: bool = False,
    country: str | None = None,
) -> Comparison:
    """The ranges of several methods side by side; a method that does not apply is skipped.
    Without *models*, every method of the regime *regime_id*.

    A *turnover* or *fine* in another currency than the methods' is converted with the bundled
    ECB rates as :func:`gdprfine.fx.resolve_rates` chooses them (the turnover by *fx_rule*,
    default the mean over *financial_year*; the fine at the fixing on *on*); one that cannot
    be converted is refused. Each estimate notes the conversion.

    >>> c = compare([Conduct.of("Art. 6", "medium")], None, undertaking=False)
    >>> [e.model for e in c.estimates], [s.model for s in c.skipped]
    (['edpb', 'ap'], ['dsk'])
    >>> [e.model for e in compare([Conduct.of("Art. 6", "medium")], regime_id="uk-gdpr").estimates]
    ['ico']
    >>> c = compare([Conduct.of("Art. 6", "medium")], Money("386064000000", "USD"),
    ...             models=["edpb"], financial_year=FinancialYear.calendar(2020))
    >>> c.estimates[0].turnover, c.estimates[0].notes[0][:40]
    (Money('338001533887.35', 'EUR'), 'turnover USD 386 064 000 000 = EUR 338 0')
    """
    wanted = list(models) if models is not None else _models_of(regime_id)
    notes: list[str] = []
    currencies = {model(m).currency for m in wanted}
    if len(currencies) == 1:
        turnover, fine, notes = _given_amounts(
            currencies.pop(), turnover, fine, on, financial_year, fx_rule
        )
    estimates: list[Estimate] = []
    skipped: list[Skipped] = []
    for model_id in wanted:
        try:
            found = estimate(
                conducts, turnover, model=model_id, undertaking=undertaking, on=on, fine=fine,
                repeat=repeat, fault=fault, public_body=public_body, country=country,
            )  # fmt: skip
            estimates.append(found.model_copy(update={"notes": notes + found.notes}) if notes else found)
        except NotApplicable as error:
            skipped.append(Skipped(model=model(model_id).id, reason=error.message))
    frame = model(wanted[0]) if wanted else model("edpb")
    return Comparison(estimates=estimates, skipped=skipped, caveat=frame.caveat)


def _given_amounts(
    currency: str,
    turnover: Money | None,
    fine: Money | None,
    on: date | None,
    financial_year: FinancialYear | None,
    fx_rule: FxRule | None,
) -> tuple[Money | None, Money | None, list[str]]:
    """A turnover and a fine given in another currency, converted into *currency*, with notes."""
    if all(a is None or not isinstance(a, Money) or a.currency == currency for a in (turnover, fine)):
        return turnover, fine, []
    fine_rate, turnover_rate = resolve_rates(
        currency, fine=fine, turnover=turnover, rule=fx_rule, financial_year=financial_year, on=on
    )
    notes: list[str] = []
    converted: list[Money | None] = []
    for field, amount, rate, how in (
        ("turnover", turnover, turnover_rate, "give its financial year, or the decision-date rule with a date"),
        ("fine", fine, fine_rate, "give the decision date"),
    ):
        if amount is None or amount.currency == currency:
            converted.append(amount)
            continue
        if rate is None:
            raise CurrencyMismatch(field, amount.currency, f"in {amount.currency}; {how} to convert it to {currency}")
        value, note = _in_currency(amount, rate, currency, field)
        converted.append(value)
        notes.extend([note] if note else [])
    return converted[0], converted[1], notes


def _in_currency(
    amount: Money, rate: ExchangeRate | None, currency: str, field: str
) -> tuple[Money, str | None]:
    if amount.currency == currency:
        return amount, None
    if rate is None:
        raise CurrencyMismatch(
            field, amount.currency, f"the case gives no exchange rate to {currency}"
        )
    converted = rate.convert(amount)
    if converted.currency != currency:
        raise CurrencyMismatch(
            field, amount.currency, f"the case's rate does not convert to {currency}"
        )
    return converted, f"{field} {money_text(amount)} = {money_text(converted)} at {rate.describe()}"


def estimate_case(
    case: CaseRecord,
    seriousness: str,
    *,
    models: Sequence[str] | None = None,
    position: str | Decimal | None = None,
    adjustments: Iterable[str | Adjustment] = (),
    repeat: bool = False,
) -> Comparison:
    """The ranges for a case record: its articles as one conduct, its turnover and its fine.

    The turnover and the fine are converted at the rates the case states, or else with the
    bundled ECB rates (the turnover at the mean over its financial year, the fine at the
    fixing on the decision date), as :func:`gdprfine.fx.resolve_rates` chooses them; the
    decision date selects the law in force; the known fine is placed against each range.

    >>> from gdprfine.cases import parse_case
    >>> case = parse_case({
    ...     "addressee": "Example B.V.", "authority": {"name": "AP", "country": "NL"},
    ...     "decision_date": "2024-01-10", "fine": {"amount": "50000", "currency": "EUR"},
    ...     "articles": ["Art. 6(1)"],
    ...     "turnover": {"amount": {"amount": "5000000", "currency": "EUR"},
    ...                  "financial_year": 2023}})
    >>> e = estimate_case(case, "medium", models=["edpb"]).estimates[0]
    >>> e.low, e.high, e.position
    (Money('6000.00', 'EUR'), Money('80000.00', 'EUR'), 'inside')
    """
    chosen = list(models) if models is not None else _models_of(case.regime)
    currencies = {model(m).currency for m in chosen}
    regimes = {model(m).regime for m in chosen}
    if case.regime not in regimes:
        raise InvalidInput(
            "regime", case.regime, f"the estimate methods apply to {', '.join(sorted(regimes))}"
        )
    if not case.articles:
        raise InvalidInput("articles", [], "the case names no infringed articles")
    currency = currencies.pop()
    turnover, fine, notes = _case_amounts(case, currency)
    conduct = Conduct.of(
        case.articles,
        seriousness,
        position=position,
        adjustments=adjustments,
        name=case.id or case.addressee,
    )
    result = compare(
        [conduct],
        turnover,
        models=chosen,
        undertaking=case.is_undertaking,
        on=case.decision_date,
        fine=fine,
        repeat=repeat,
        fault=case.fault,
        public_body=case.public_body,
        country=case.authority.country,
    )
    if not notes:
        return result
    return result.model_copy(
        update={
            "estimates": [e.model_copy(update={"notes": notes + e.notes}) for e in result.estimates]
        }
    )


def _case_amounts(case: CaseRecord, currency: str) -> tuple[Money | None, Money, list[str]]:
    """The case's turnover and fine in *currency*, and a note for each conversion."""
    notes: list[str] = []
    fine_rate, turnover_rate = resolve_rates(
        currency,
        fine=case.fine,
        turnover=case.turnover.amount if case.turnover else None,
        fine_rate_given=case.fine_exchange_rate,
        turnover_rate_given=case.turnover.exchange_rate if case.turnover else None,
        financial_year=case.turnover.financial_year if case.turnover else None,
        on=case.decision_date,
    )
    turnover = None
    if case.turnover is not None:
        turnover, note = _in_currency(case.turnover.amount, turnover_rate, currency, "turnover")
        if note:
            notes.append(note)
    fine, note = _in_currency(case.fine, fine_rate, currency, "fine")
    if note:
        notes.append(note)
    return turnover, fine, notes
