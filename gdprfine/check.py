"""The judge: is a fine within its Article 83 cap, and why.

:func:`judge` is the one place gdprfine decides that question. It is pure: plain values in (a
regime, the fine, the tier or the classified articles, the turnover, the exchange rates already
chosen by :mod:`gdprfine.fx`), a :class:`Judgement` out, with no I/O and no prose;
:func:`explain` renders its trace only when asked. Every path asks it:

- :func:`check_case` and :func:`check_fine` (a case record, a bare amount) -> :class:`Verdict`;
- :func:`cap_report` (the legal maximum for a tier or articles and a turnover) -> :class:`CapReport`;
- a dataset record (:func:`gdprfine.batch.check_record`) and the estimate's legal maximum.

A verdict is one of:

- ``within``: the fine is at most the cap;
- ``exceeds``: the fine is above the cap;
- ``undetermined``: the data do not settle it; ``needs`` says what is missing, such as the
  turnover the fine implies.

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
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, computed_field

from gdprfine import countries, fx
from gdprfine.caps import Cap, implied_minimum_turnover, legal_maximum
from gdprfine.dates import FinancialYear
from gdprfine.errors import FxError, InvalidAmount, InvalidArticle, InvalidInput
from gdprfine.fx import FxRule
from gdprfine.law import Fault, Reference, Regime, Tier, regime, regime_for
from gdprfine.law import regime_ids as law_regime_ids
from gdprfine.memo import remember
from gdprfine.money import OPERATIONS, RATIO_OPERATIONS, DecimalText, ExchangeRate, Money
from gdprfine.trace import TraceStep, percent
from gdprfine.trusted import assembler, empty_list

if TYPE_CHECKING:
    from gdprfine.articles import ArticleRef, Classification
    from gdprfine.cases import CaseRecord
    from gdprfine.law.national import OutsideLaw, PublicBodyRule

__all__ = [
    "ENTITY_TURNOVER_WARNING",
    "FAULTS",
    "VERDICTS",
    "CapReport",
    "CapTable",
    "Fault",
    "Judgement",
    "TurnoverOf",
    "Verdict",
    "VerdictKind",
    "cap_report",
    "cap_table",
    "check_case",
    "check_fine",
    "classify_articles",
    "explain",
    "judge",
    "judge_plain",
]

VerdictKind = Literal["within", "exceeds", "undetermined"]
VERDICTS: tuple[VerdictKind, ...] = ("within", "exceeds", "undetermined")
"""The verdicts of :func:`judge`, from the most to the least conclusive."""

FAULTS: tuple[Fault, ...] = ("intentional", "negligent", "none")
"""What a decision found of the addressee's fault: only an intentional or negligent
infringement can be fined (CJEU C-807/21)."""

Period = tuple[date | None, date | None]
"""An infringement's first and last day, either unknown."""

_SHARE = Decimal("1e-12")
_NEEDS_TIER = "an infringed article listed in Art. 83(4)-(6), or the tier (83(4), 83(5), 83(6))"



def _share(part: Money, whole: Money) -> Decimal | None:
    """*part* / *whole* rounded to 12 places, however many integer digits the ratio has, or
    None when *whole* is not positive: the ratio of :meth:`Money.ratio
    <gdprfine.money.Money.ratio>` (28 significant digits; its normalization changes no value,
    so the quantized result is the same without it)."""
    total = whole.amount
    if total <= 0:
        return None
    if part.currency != whole.currency:
        part.ratio(whole)  # raises CurrencyMismatch
    return RATIO_OPERATIONS.divide(part.amount, total).quantize(_SHARE, None, OPERATIONS)


# ---------------------------------------------------------------------------------------------
# The judge


@dataclass(frozen=True)
class Judgement:
    """What :func:`judge` established, as plain values; :func:`explain` gives its trace."""

    law: Regime
    fine: Money | None
    """The fine as imposed, or None when only the cap was asked for."""
    tier: Tier | None
    """The tier applied: the one given, else the gravest of the articles; None if neither."""
    given_tier: Tier | None
    classification: Classification | None
    undertaking: bool
    on: date | None
    financial_year: FinancialYear | None
    cap: Cap | None
    fine_in_cap_currency: Money | None
    fine_rate: ExchangeRate | None
    """The rate that converted the fine (None when it needed none or none was known)."""
    turnover: Money | None
    """The turnover as given (before any conversion)."""
    turnover_in_cap_currency: Money | None
    turnover_rate: ExchangeRate | None
    """The rate that converted the turnover (None when it needed none or none was known)."""
    implied_minimum_turnover: Money | None
    verdict: VerdictKind | None
    """None when no fine was given."""
    needs: tuple[str, ...]
    warnings: tuple[str, ...]
    public_body: bool = False
    """Whether the addressee is a public authority or body (Art. 83(7))."""
    country: str | None = None
    """The Member State whose authority decided (ISO 3166-1), when known."""
    public_rule: PublicBodyRule | None = None
    """The country's Art. 83(7) rule, when the addressee is a public body and it is recorded."""
    public_applied: bool = False
    """Whether the cap follows that rule (not when unconfirmed, not yet in force, or not
    covering a body that acts as an undertaking)."""
    fault: Fault | None = None
    conduct: Period | None = None
    """The infringement's period, when stated."""
    outside: tuple[OutsideLaw, ...] = ()
    """Laws outside Art. 83 that the cited provisions belong to."""
    fine_range: tuple[Money, Money] | None = None
    """With no rate for the fine but the range of its rates over the bundled history: the
    least and the most the fine is worth in the cap's currency."""
    fine_rate_range: tuple[ExchangeRate, ExchangeRate] | None = None

    def share_of_turnover(self) -> Decimal | None:
        """The fine as a fraction of the turnover (12 places), or None when either is unknown."""
        fine, turnover = self.fine_in_cap_currency, self.turnover_in_cap_currency
        if fine is None or turnover is None:
            return None
        return _share(fine, turnover)

    def share_of_cap(self) -> Decimal | None:
        """The fine as a fraction of the cap (12 places), or None when the cap is unknown or
        only a lower bound that the fine exceeds."""
        fine, cap = self.fine_in_cap_currency, self.cap
        if fine is None or cap is None or (cap.lower_bound and self.verdict == "undetermined"):
            return None
        return _share(fine, cap.amount)


def judge(
    law: Regime,
    fine: Money | None = None,
    *,
    tier: Tier | None = None,
    classification: Classification | None = None,
    turnover: Money | None = None,
    undertaking: bool = True,
    on: date | None = None,
    fine_rate: ExchangeRate | None = None,
    turnover_rate: ExchangeRate | None = None,
    financial_year: FinancialYear | None = None,
    public_body: bool = False,
    country: str | None = None,
    fault: Fault | None = None,
    conduct: Period | None = None,
    fine_rate_range: tuple[ExchangeRate, ExchangeRate] | None = None,
    undertaking_stated: bool = True,
) -> Judgement:
    """Judge *fine* against the cap of *tier* (or of the gravest tier of *classification*).

    The rates are the ones :mod:`gdprfine.fx` chose (or the caller stated); an amount in
    another currency than the regime's with no rate leaves the verdict undetermined and says
    so in ``needs``, unless *fine_rate_range* (the lowest and the highest rate of the whole
    bundled history, :func:`gdprfine.fx.ecb_rate_range`) settles it: a fine within the cap at
    the rate most against it is within at any rate, and one above the cap at the rate most in
    its favour exceeds it at any rate. *on* is the decision date: a date before the regime
    applies is refused. A *public_body* is judged under its *country*'s Art. 83(7) rule
    (:func:`gdprfine.law.national.public_body_rule`), and *undertaking_stated* False means the
    caller does not know whether it acts as an undertaking; a *fault* of ``none`` and
    *conduct* that ended before the regime applied leave no fine possible under it. Where the
    regime records how fines are imposed in *country* (Art. 83(9): in Denmark a court fines, on
    the authority's proposal), that is the first warning.

    Long: one pass in the order of the law, which :func:`explain` follows: the tier, the amounts
    in the cap's currency, a public body's rule, the turnover, the cap, the rules that replace
    it, the verdict, Art. 83(3) for several infringements, the doubts, the national note.

    >>> law = regime()
    >>> j = judge(law, Money("25000000", "EUR"), tier=law.tier("83(4)"))
    >>> j.verdict, j.cap.amount, j.cap.lower_bound, j.implied_minimum_turnover
    ('undetermined', Money('10000000', 'EUR'), True, Money('1250000000.00', 'EUR'))
    >>> judge(law, tier=law.tier("83(5)"), turnover=Money("1000000000", "EUR")).cap.amount
    Money('40000000.00', 'EUR')
    >>> j = judge(law, Money("5000", "EUR"), tier=law.tier("83(4)"), undertaking=False,
    ...           public_body=True, country="DE")
    >>> j.verdict, j.cap.amount, j.cap.limb
    ('exceeds', Money('0', 'EUR'), 'none')
    """
    _in_force(law, on)
    if fine is not None and fine.amount < 0:
        raise InvalidAmount("fine", str(fine.amount), "a fine must not be negative")
    needs: list[str] = []
    warnings: list[str] = []
    chosen = tier if classification is None else _tier(classification, tier, warnings)
    currency = law.currency
    fine_cc, fine_rate = _in_currency(fine, fine_rate, currency, "fine", needs)
    public = _public_body(law, country, on, undertaking, undertaking_stated) if public_body else _NOT_PUBLIC
    rule, applied = public.rule, public.applied
    if applied is not None and applied.caveat:
        warnings.append(applied.caveat)
    acting = undertaking and not (applied is not None and applied.rule != "allowed")
    turnover_cc: Money | None = None
    if chosen is not None and acting and turnover is not None:
        _preceding_year_warning(financial_year, on, warnings)
        turnover_cc, turnover_rate = _in_currency(turnover, turnover_rate, currency, "turnover", needs)
    else:
        turnover_rate = None
    cap = legal_maximum(chosen, turnover_cc, undertaking=acting) if chosen is not None else None
    minimum = (
        implied_minimum_turnover(fine_cc, chosen)
        if fine_cc is not None and chosen is not None and acting
        else None
    )
    if chosen is None and classification is not None:
        needs.extend(dict.fromkeys(i.need for i in classification.not_fineable if i.need))
    limit = None
    if fault is not None or applied is not None:
        limit = _limit(law, chosen, fine, fine_cc, applied, fault, needs, warnings)
    lower_doubt = None
    if limit is not None:
        cap, fine_cc, lower_doubt = limit
        minimum = None
        unneeded = f"an exchange rate {fine.currency} -> {law.currency} for the fine" if fine else ""
        if fine_cc is fine and fine is not None and fine.currency != law.currency:
            fine_rate = None
            if unneeded in needs:
                needs.remove(unneeded)
    verdict = _verdict(fine, fine_cc, cap, minimum, needs)
    if verdict == "exceeds" and limit is None and classification is not None and len(classification.fineable) > 1:
        assert fine_cc is not None
        assert cap is not None
        verdict = _separate_caps(law, classification, cap, fine_cc, turnover_cc, acting, on, needs)
    fine_range = None
    if fine is not None and fine_cc is None and fine_rate_range is not None and cap is not None:
        fine_range, verdict = _ranged(fine, fine_rate_range, cap, needs, warnings)
    doubtless = public is _NOT_PUBLIC and lower_doubt is None and conduct is None
    if verdict is not None and not (doubtless and (verdict != "exceeds" or classification is None)):
        doubts = _Doubts(public, lower_doubt, classification, country, conduct)
        verdict = _doubts(law, verdict, doubts, needs, warnings)
    national = law.national.get(country) if country is not None else None
    if national is not None:
        warnings.insert(0, national.text)
    made = _new_judgement(Judgement)
    _set_judgement_fields(made, {
        "law": law, "fine": fine, "tier": chosen, "given_tier": tier, "classification": classification,
        "undertaking": acting, "on": on, "financial_year": financial_year, "cap": cap,
        "fine_in_cap_currency": fine_cc, "fine_rate": fine_rate, "turnover": turnover,
        "turnover_in_cap_currency": turnover_cc, "turnover_rate": turnover_rate,
        "implied_minimum_turnover": minimum, "verdict": verdict, "needs": tuple(needs),
        "warnings": tuple(warnings), "public_body": public_body, "country": country,
        "public_rule": rule, "public_applied": applied is not None, "fault": fault,
        "conduct": conduct, "outside": classification.outside if classification is not None else (),
        "fine_range": fine_range, "fine_rate_range": fine_rate_range if fine_range is not None else None,
    })  # fmt: skip
    return made


_new_judgement = object.__new__
_set_judgement_fields = vars(Judgement)["__dict__"].__set__
"""A Judgement is made as its ``__init__`` makes it, but with every field (by name) set at once
as its dictionary, not 26 frozen attributes one by one."""


_PLAIN_JUDGEMENTS: dict[
    tuple[int, int, bool, str | None], tuple[Regime, Classification | None, Decimal | None, dict[str, Any]]
] = {}


def judge_plain(
    law: Regime,
    fine: Money,
    classification: Classification | None,
    undertaking: bool,
    on: date | None,
    country: str | None = None,
) -> Judgement:
    """``judge(law, fine, classification=classification, undertaking=undertaking, on=on,
    country=country)`` for a fine in the regime's currency with no turnover: the case of most
    records of a dataset.

    Then the judgement of a fine from 0 to the static cap of the articles' tier (any fine, when
    they have no tier) is the same for every such fine but for the fine itself and the decision
    date: within the cap (or undetermined for want of a tier), with no implied turnover. So the
    judge's fields are kept, by regime, classification, undertaking and country, from the first
    such fine judged, and each further one gets them with its own fine and date; any other fine,
    or a date before the regime applies, is judged afresh. A change to :func:`judge` keeps this
    true or changes this function with it: a property test compares the two field by field.

    >>> from gdprfine.law import regime
    >>> law = regime()
    >>> first = judge_plain(law, Money("1000", "EUR"), None, True, date(2020, 1, 1))
    >>> kept = judge_plain(law, Money("2500", "EUR"), None, True, date(2021, 3, 4))
    >>> kept == judge(law, Money("2500", "EUR"), undertaking=True, on=date(2021, 3, 4))
    True
    """
    key = (id(law), id(classification), undertaking, country)
    found = _PLAIN_JUDGEMENTS.get(key)
    amount = fine.amount
    if (
        found is not None
        and found[0] is law
        and found[1] is classification
        and amount >= 0
        and (found[2] is None or amount <= found[2])
        and (on is None or on >= law.valid_from)
    ):
        fields = dict(found[3])
        fields["fine"] = fields["fine_in_cap_currency"] = fine
        fields["on"] = on
        made = _new_judgement(Judgement)
        _set_judgement_fields(made, fields)
        return made
    j = judge(law, fine, classification=classification, undertaking=undertaking, on=on, country=country)
    tier = classification.tier if classification is not None else None
    bound = tier.static_cap.amount if tier is not None else None
    if bound is None or amount <= bound:
        remember(_PLAIN_JUDGEMENTS, key, (law, classification, bound, dict(vars(j))), 1_024)
    return j


def _separate_caps(
    law: Regime,
    classification: Classification,
    cap: Cap,
    fine: Money,
    turnover: Money | None,
    undertaking: bool,
    on: date | None,
    needs: list[str],
) -> VerdictKind:
    """The verdict on a fine above the one cap of several infringements (Art. 83(3)).

    That cap binds only infringements of the same or linked processing operations; independent
    ones are fined each under its own cap (``rules.linked_processing``). So the fine exceeds the
    law only when it is above the sum of the caps of every infringement cited, each at the
    gravest tier that lists it; below that, whether the operations are linked decides."""
    separate = [
        max((legal_maximum(law.tier(p.tier, on=on), turnover, undertaking=undertaking) for p in item.provisions),
            key=lambda found: found.amount.amount).amount
        for item in classification.fineable
    ]  # fmt: skip
    total = sum(separate[1:], separate[0])
    if fine > total:
        return "exceeds"
    needs.append(
        f"whether the {len(separate)} infringements concern the same or linked processing "
        f"operations ({law.rule('linked_processing').cite()}): if they do, one cap of "
        f"{cap.amount.format(places=2)} applies, which the fine exceeds; if not, each has its "
        f"own cap, {total.format(places=2)} together"
    )
    return "undetermined"


def _ranged(
    fine: Money,
    rates: tuple[ExchangeRate, ExchangeRate],
    cap: Cap,
    needs: list[str],
    warnings: list[str],
) -> tuple[tuple[Money, Money], VerdictKind]:
    """The verdict on a fine with no rate, from its worth at every rate of the bundled history."""
    values = sorted((rate.convert(fine) for rate in rates), key=lambda m: m.amount)
    least, most = values[0], values[-1]
    span = f"between {least.format()} and {most.format()} at every ECB rate in the bundled data"
    needed = f"an exchange rate {fine.currency} -> {cap.amount.currency} for the fine"
    if most <= cap.amount or (least > cap.amount and not cap.lower_bound):
        needs[:] = [need for need in needs if need != needed]
        within = most <= cap.amount
        warnings.append(
            f"no decision date to convert the fine: {fine.format()} is worth {span}, so it "
            f"{'is within' if within else 'exceeds'} the cap of {cap.amount.format(places=2)} "
            "at any rate"
        )
        return (least, most), "within" if within else "exceeds"
    needs[:] = [
        f"the decision date, to convert the fine at that day's ECB fixing ({fine.format()} is "
        f"worth {span}; the cap is {cap.amount.format(places=2)})"
        if need == needed
        else need
        for need in needs
    ]
    return (least, most), "undetermined"


def _zero_cap(law: Regime, tier: Tier | None, reference: str) -> Cap:
    zero = Money.computed(Decimal(0), law.currency)
    return Cap(
        regime=law.id, tier=tier.id if tier else "83(7)", amount=zero, limb="none", static=zero,
        turnover_share=Decimal(0), undertaking=False, reference=reference,
    )  # fmt: skip


def _limit(
    law: Regime,
    tier: Tier | None,
    fine: Money | None,
    fine_cc: Money | None,
    rule: PublicBodyRule | None,
    fault: Fault | None,
    needs: list[str],
    warnings: list[str],
) -> tuple[Cap, Money | None, str | None] | None:
    """A cap that replaces Art. 83(4)-(6): zero (no fault; a public body that cannot be fined)
    or a national ceiling for public bodies; with the fine in its currency and, for a ceiling
    with a lower one for some bodies, what would settle which applies."""
    fault_rule = law.rules.get("fault")
    if fault == "none" and fault_rule is not None:
        return _zero_cap(law, tier, fault_rule.cite()), fine_cc, None
    if fault == "none":
        warnings.append(f"the {law.short}'s rule on a fine without fault is not recorded")
    if rule is None or rule.rule == "allowed":
        return None
    if rule.rule == "no-fines":
        return _zero_cap(law, tier, rule.reference.cite()), fine_cc, None
    ceiling = rule.ceiling(tier.id) if tier is not None else None
    if ceiling is None:
        return None
    cap = Cap(
        regime=law.id, tier=tier.id if tier else "83(7)", amount=ceiling, limb="national",
        static=ceiling, turnover_share=Decimal(0), undertaking=False,
        reference=rule.reference.cite(),
    )  # fmt: skip
    found = fine if fine is not None and fine.currency == ceiling.currency else None
    if found is None and fine_cc is not None and fine_cc.currency == ceiling.currency:
        found = fine_cc
    if found is None and fine is not None:
        needs.append(f"the fine in {ceiling.currency}, the currency of the national maximum")
    lower = rule.lower_ceiling(cap.tier)
    doubt = None
    if lower is not None and found is not None and found > lower:
        doubt = f"whether the body is one of {rule.lower_scope} (maximum {lower.format()})"
    return cap, found, doubt


@dataclass(frozen=True, slots=True)
class _PublicBody:
    """What a country's Art. 83(7) rule means for one public body."""

    rule: PublicBodyRule | None
    """The rule recorded for the country, whatever its confidence."""
    applied: PublicBodyRule | None
    """The rule the cap follows, if any."""
    doubt: str | None = None
    """What is needed before a fine that looks lawful under the cap is."""
    doubt_exceeds: str | None = None
    """What is needed before a fine above the cap exceeds it."""


_NOT_PUBLIC = _PublicBody(None, None)


def _public_body(law: Regime, country: str | None, on: date | None, undertaking: bool, stated: bool) -> _PublicBody:
    """The Art. 83(7) rule of *country* under *law* for a public body, and what it leaves open."""
    from gdprfine.law.national import public_body_rule

    where = country or "the country of the authority"
    rule = public_body_rule(country) if country else None
    if rule is not None and rule.regime != law.id:
        return _PublicBody(
            None, None,
            f"the rule of {where} on fining public bodies under the {law.short} (Art. 83(7)), which "
            f"gdprfine has not recorded: {rule.reference.cite()} is a rule under the {regime(rule.regime).short}",
        )  # fmt: skip
    if rule is None:
        return _PublicBody(None, None, f"the rule of {where} on fining public bodies (Art. 83(7)), which gdprfine has not recorded")
    cite = rule.reference.cite()
    if rule.reference.confidence == "check":
        return _PublicBody(rule, None, f"confirmation of {cite}: {rule.reference.text}")
    if on is not None and on < rule.valid_from:
        return _PublicBody(
            rule, None,
            f"the rule of {where} on fining public bodies before {rule.valid_from.isoformat()}, "
            f"when {rule.reference.pinpoint} took effect",
        )  # fmt: skip
    if undertaking and rule.undertakings == "excluded":
        return _PublicBody(rule, None)
    if undertaking and rule.undertakings == "unknown":
        return _PublicBody(rule, None, f"whether {rule.reference.pinpoint} covers a public body acting as an undertaking")
    if not undertaking and not stated and rule.undertakings != "included" and rule.rule != "allowed":
        return _PublicBody(
            rule, rule,
            doubt_exceeds=f"whether the body acts as an undertaking (then {rule.reference.pinpoint} does not cover it)",
        )  # fmt: skip
    return _PublicBody(rule, rule)


@dataclass(frozen=True, slots=True)
class _Doubts:
    public: _PublicBody
    lower: str | None
    classification: Classification | None
    country: str | None
    conduct: Period | None


def _doubts(law: Regime, verdict: VerdictKind, d: _Doubts, needs: list[str], warnings: list[str]) -> VerdictKind:
    """Leave a verdict undetermined where a rule the data do not settle may change it."""
    result = verdict
    public = d.public
    if verdict == "exceeds":
        if public.doubt_exceeds:
            needs.append(public.doubt_exceeds)
            result = "undetermined"
        elif public.doubt and public.applied is None:
            warnings.append(f"the Art. 83 maximum is exceeded; still needed: {public.doubt}")
        outside = d.classification.outside if d.classification is not None else ()
        if outside and d.classification is not None and d.classification.tier is not None:
            laws = ", ".join(law_.short for law_ in outside)
            needs.append(f"the part of the fine imposed under the {law.short} (the rest is under {laws})")
            result = "undetermined"
    elif verdict == "within":
        for doubt in (public.doubt, d.lower):
            if doubt:
                needs.append(doubt)
                result = "undetermined"
    if d.conduct is not None:
        result = _period_doubts(law, result, d.country, d.conduct, needs, warnings)
    return result


def _period_doubts(
    law: Regime, verdict: VerdictKind, country: str | None, conduct: Period,
    needs: list[str], warnings: list[str],
) -> VerdictKind:  # fmt: skip
    """Conduct that ended before the regime applied is not judged under it; a period that began
    before it, or that falls under another regime for the authority's country, warns."""
    start, end = conduct
    earlier = law.rules.get("earlier_conduct")
    note = earlier.text if earlier is not None else ""
    if end is not None and end < law.valid_from:
        needs.append(f"an infringement that lasted until {law.valid_from.isoformat()} or later: {note}")
        return "undetermined"
    if start is not None and start < law.valid_from:
        warnings.append(
            f"the infringement began on {start.isoformat()}, before the {law.short} applied "
            f"({law.valid_from.isoformat()}): only the conduct from that date is fined under it"
        )
    if country is not None:
        other = {regime_for(country, day).id for day in (start, end) if day is not None} - {law.id}
        if other:
            warnings.append(
                f"part of the infringement falls in the time of {', '.join(sorted(other))} for an "
                f"authority of {country}; it is judged under {law.id}"
            )
    return verdict


def _in_force(law: Regime, on: date | None) -> None:
    if on is not None and on < law.valid_from:
        raise InvalidInput(
            "decision_date", on.isoformat(), f"before the {law.short} applies ({law.valid_from.isoformat()})"
        )


def _tier(classification: Classification | None, given: Tier | None, warnings: list[str]) -> Tier | None:
    found = classification.tier if classification is not None else None
    if classification is not None:
        for item in classification.not_fineable:
            warnings.append(item.reason)
        for item in classification.fineable:
            if item.caveat:
                warnings.append(item.caveat)
    if given is None:
        return found
    if found is not None and found.id != given.id:
        warnings.append(
            f"the tier given (Art. {given.id}) differs from the gravest tier of the articles "
            f"(Art. {found.id}); Art. {given.id} is applied"
        )
    return given


def _in_currency(
    amount: Money | None, rate: ExchangeRate | None, currency: str, what: str, needs: list[str]
) -> tuple[Money | None, ExchangeRate | None]:
    if amount is None or amount.currency == currency:
        return amount, None
    if rate is None:
        needs.append(f"an exchange rate {amount.currency} -> {currency} for the {what}")
        return None, None
    return rate.convert(amount), rate


def _preceding_year_warning(year: FinancialYear | None, on: date | None, warnings: list[str]) -> None:
    if year is None or on is None:
        return
    expected = year.preceding(on)
    if not expected.same_period(year):
        warnings.append(
            f"the turnover is for {year.label} ({year.start}..{year.end}); the financial year "
            f"preceding the decision of {on.isoformat()} is {expected.label} "
            f"({expected.start}..{expected.end})"
        )


def _verdict(
    fine: Money | None,
    fine_cc: Money | None,
    cap: Cap | None,
    minimum: Money | None,
    needs: list[str],
) -> VerdictKind | None:
    if fine is None:
        if cap is None:
            needs.append(_NEEDS_TIER)
        return None
    if cap is None:
        needs.append(_NEEDS_TIER)
        return "undetermined"
    if fine_cc is None:
        return "undetermined"
    if fine_cc <= cap.amount:
        return "within"
    if cap.lower_bound:
        assert minimum is not None
        needs.append(
            f"turnover >= {minimum.format()} (worldwide annual turnover of the undertaking in "
            "the preceding financial year)"
        )
        return "undetermined"
    return "exceeds"


# ---------------------------------------------------------------------------------------------
# The trace, rendered on demand


def _tier_text(tier: Tier) -> str:
    return (
        f"{tier.static_cap.format()} or {percent(tier.turnover_share)} "
        "of worldwide annual turnover, whichever is higher"
    )


class _Trace:
    def __init__(self, law: Regime) -> None:
        self.law = law
        self.steps: list[TraceStep] = []

    def add(self, step: str, value: str, reference: str = "", note: str = "") -> None:
        self.steps.append(TraceStep(step=step, value=value, reference=reference, note=note))

    def rule(self, key: str) -> tuple[str, str]:
        ref = self.law.rule(key)
        return ref.cite(), ref.note


def explain(j: Judgement, *, group: str = "") -> list[TraceStep]:
    """The trace of a judgement: every step with its value and the provision it applied.

    *group* names the undertaking in the undertaking step.
    """
    law = j.law
    out = _Trace(law)
    out.add(
        "regime",
        f"{law.short}: {law.citation}, applies from {law.valid_from.isoformat()}",
        law.reference.cite(),
        law.reference.text,
    )
    national = law.national.get(j.country) if j.country is not None else None
    if national is not None:
        out.add("how the fine is imposed", national.text, national.cite(), national.note)
    _explain_tier(j, out)
    if j.fine is not None and j.fine_in_cap_currency is not None and j.fine_rate is not None:
        out.add(
            "fine in the cap's currency",
            f"{j.fine.format()} -> {j.fine_in_cap_currency.format()}",
            out.rule("conversion")[0],
            j.fine_rate.describe(),
        )
    if j.fine is not None and j.fine_range is not None and j.fine_rate_range is not None:
        least, most = j.fine_range
        out.add(
            "fine in the cap's currency",
            f"{j.fine.format()} -> between {least.format()} and {most.format()} (no date: the "
            "lowest and the highest rate of the bundled data)",
            out.rule("conversion")[0],
            "; ".join(rate.describe() for rate in j.fine_rate_range),
        )
    _explain_limits(j, out)
    if j.cap is not None and j.cap.limb in ("none", "national"):
        _explain_replaced_cap(j, j.cap, out)
        return out.steps
    if j.tier is None or j.cap is None:
        out.add("legal maximum", "unknown: no tier", law.rule("not_fineable").cite())
        return out.steps
    tier = j.tier
    out.add(f"tier Art. {tier.id}", _tier_text(tier), tier.reference.cite(), tier.reference.note)
    if j.undertaking:
        ref, note = out.rule("undertaking")
        who = group or "the addressee"
        out.add("undertaking", f"{who} is an undertaking: the turnover limb applies", ref, note)
    else:
        ref, note = out.rule("non_undertaking")
        out.add("not an undertaking", "static amount only", ref, note)
    _explain_turnover(j, out)
    _explain_cap(j, j.cap, tier, out)
    _explain_outcome(j, j.cap, tier, out)
    return out.steps


def _explain_limits(j: Judgement, out: _Trace) -> None:
    """The steps for the rules beside Art. 83(4)-(6): period, fault, public bodies."""
    law = j.law
    if j.conduct is not None:
        start, end = j.conduct
        earlier = law.rules.get("earlier_conduct")
        out.add(
            "infringement period",
            f"{start.isoformat() if start else '?'} .. {end.isoformat() if end else '?'}",
            earlier.cite() if earlier else "",
            earlier.text if earlier else "",
        )
    fault_rule = law.rules.get("fault")
    if j.fault is not None:
        ref = fault_rule.cite() if fault_rule else ""
        found: str = "neither intentional nor negligent" if j.fault == "none" else j.fault
        if j.fault == "none" and fault_rule is not None:
            found += ": no fine may be imposed"
        out.add("fault", found, ref, fault_rule.text if fault_rule else "")
    if j.public_body:
        _explain_public_body(j, out)


def _explain_public_body(j: Judgement, out: _Trace) -> None:
    rule = j.public_rule
    if rule is None:
        where = j.country or "the country of the authority"
        recorded = out.law.rules.get("public_bodies")
        out.add(
            "public body",
            f"{where}: the rule under the {out.law.short} is not recorded",
            recorded.cite() if recorded is not None else "",
        )
        return
    value = rule.describe()
    if not j.public_applied:
        if rule.reference.confidence == "check":
            why = "not confirmed"
        elif j.on is not None and j.on < rule.valid_from:
            why = f"in force from {rule.valid_from.isoformat()}"
        else:
            why = "the addressee acts as an undertaking"
        value = f"{value} (not applied: {why})"
    out.add("public body", value, rule.reference.cite(), rule.reference.note)


def _explain_replaced_cap(j: Judgement, cap: Cap, out: _Trace) -> None:
    if cap.limb == "none":
        out.add("legal maximum", f"{cap.amount.format()}: no fine may be imposed", cap.reference)
    else:
        out.add("legal maximum", f"{cap.amount.format()} (national maximum)", cap.reference)
    fine = j.fine_in_cap_currency
    if fine is not None and j.verdict == "within":
        out.add("verdict", f"{fine.format()} <= {cap.amount.format()}: within the cap", cap.reference)
    elif fine is not None and j.verdict == "exceeds":
        out.add("verdict", f"{fine.format()} > {cap.amount.format()}: exceeds the cap", cap.reference)


def _explain_tier(j: Judgement, out: _Trace) -> None:
    found = j.classification
    if found is not None:
        for item in found.items:
            out.add(
                f"classify {item.ref}",
                f"Art. {item.point}" if item.point else "no fine by itself",
                ", ".join(p.reference.cite() for p in item.provisions)
                or out.law.rule("not_fineable").cite(),
                item.reason if not item.fineable else "",
            )
        if found.tier is not None and len(found.fineable) > 1:
            ref, note = out.rule("linked_processing")
            out.add(
                "gravest infringement",
                f"Art. {found.tier.id}: one cap for all {len(found.fineable)} infringements",
                ref,
                note,
            )
    if j.given_tier is not None:
        out.add("tier given", f"Art. {j.given_tier.id}", j.given_tier.reference.cite())


def _explain_turnover(j: Judgement, out: _Trace) -> None:
    turnover, year = j.turnover, j.financial_year
    if not j.undertaking or turnover is None:
        return
    ref, note = out.rule("net_turnover")
    label = f", {year.label} ({year.start}..{year.end})" if year else ""
    out.add("turnover", f"{turnover.format()}{label}", ref, note)
    if year is not None and j.on is not None:
        expected = year.preceding(j.on)
        ref, note = out.rule("preceding_year")
        out.add(
            "preceding financial year",
            f"decision {j.on.isoformat()} -> {expected.label} ({expected.start}..{expected.end})",
            ref,
            note,
        )
    if turnover.currency == j.law.currency:
        return
    converted, rate = j.turnover_in_cap_currency, j.turnover_rate
    ref, note = out.rule("conversion")
    if converted is not None and rate is not None:
        out.add(
            "turnover in the cap's currency",
            f"{turnover.format()} at {rate.describe()} = {converted.format()}",
            ref,
            note,
        )
    else:
        out.add(
            "turnover in the cap's currency",
            f"unknown: no {turnover.currency} -> {j.law.currency} rate",
            ref,
        )


def _explain_cap(j: Judgement, cap: Cap, tier: Tier, out: _Trace) -> None:
    ref, note = out.rule("whichever_higher")
    if cap.turnover_based is not None:
        assert j.turnover_in_cap_currency is not None
        out.add(
            "turnover limb",
            f"{percent(tier.turnover_share)} x {j.turnover_in_cap_currency.format()} = "
            f"{cap.turnover_based.format()}",
            tier.reference.cite(),
        )
        out.add(
            "legal maximum",
            f"max({cap.static.format()}, {cap.turnover_based.format()}) = {cap.amount.format()} "
            f"({cap.limb} limb)",
            ref,
            note,
        )
    elif cap.lower_bound:
        out.add(
            "legal maximum",
            f"at least {cap.amount.format()} (static limb; the turnover limb needs the turnover)",
            ref,
            note,
        )
    else:
        out.add("legal maximum", f"{cap.amount.format()} (static limb)", tier.reference.cite())


def _explain_outcome(j: Judgement, cap: Cap, tier: Tier, out: _Trace) -> None:
    fine_cc, minimum = j.fine_in_cap_currency, j.implied_minimum_turnover
    if fine_cc is not None and minimum is not None:
        out.add(
            "implied minimum turnover",
            f"{fine_cc.format()} / {percent(tier.turnover_share)} = {minimum.format()}",
            tier.reference.cite(),
            "the least worldwide annual turnover under which this fine is within the cap",
        )
    ref = out.rule("whichever_higher")[0]
    if fine_cc is not None:
        if j.verdict == "within":
            out.add("verdict", f"{fine_cc.format()} <= {cap.amount.format()}: within the cap", ref)
        elif j.verdict == "exceeds":
            out.add("verdict", f"{fine_cc.format()} > {cap.amount.format()}: exceeds the cap", ref)
        elif minimum is not None:
            out.add(
                "verdict",
                f"{fine_cc.format()} > {cap.amount.format()}: lawful only if the turnover is at "
                f"least {minimum.format()}",
                ref,
            )
    parts = []
    share_turnover, share_cap = j.share_of_turnover(), j.share_of_cap()
    if share_turnover is not None:
        parts.append(f"{percent(share_turnover)} of turnover")
    if share_cap is not None:
        parts.append(f"{percent(share_cap)} of the cap")
    if parts:
        out.add("shares", ", ".join(parts))


# ---------------------------------------------------------------------------------------------
# Outputs: a verdict, a cap report


class Verdict(BaseModel):
    """The result of a check. Its JSON form is gdprfine's output contract."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    case: str | None = Field(default=None, description="The case identifier, if any.")
    regime: str
    verdict: VerdictKind
    tier: str | None = Field(description="The tier applied (the gravest of the articles).")
    fine: Money = Field(description="The fine as imposed.")
    fine_in_cap_currency: Money | None = Field(
        default=None, description="The fine converted into the cap's currency, when it differs."
    )
    cap: Cap | None = Field(description="The legal maximum, or None without a tier.")
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
    needs: list[str] = Field(default_factory=empty_list, description="What is missing to decide.")
    warnings: list[str] = Field(default_factory=empty_list)
    _judgement: Judgement | None = PrivateAttr(default=None)
    _pre_trace: tuple[TraceStep, ...] = PrivateAttr(default=())
    _group: str = PrivateAttr(default="")

    @computed_field  # type: ignore[prop-decorator]
    @cached_property
    def trace(self) -> list[TraceStep]:
        """Every step of the check with its value and the provision it applied: rendered when
        first asked (and in every JSON form), not when the verdict is reached."""
        steps = list(self._pre_trace)
        if self._judgement is not None:
            steps.extend(explain(self._judgement, group=self._group))
        return steps

    @classmethod
    def of(
        cls,
        j: Judgement,
        *,
        case: str | None = None,
        group: str = "",
        pre_trace: Sequence[TraceStep] = (),
        pre_warnings: Sequence[str] = (),
    ) -> Verdict:
        """The verdict of a judgement of a fine, with its trace."""
        assert j.fine is not None
        assert j.verdict is not None
        return _verdict_of({
            "case": case, "regime": j.law.id, "verdict": j.verdict,
            "tier": j.tier.id if j.tier is not None else None, "fine": j.fine,
            "fine_in_cap_currency": j.fine_in_cap_currency if j.fine_rate is not None else None,
            "cap": j.cap, "turnover": j.turnover_in_cap_currency,
            "turnover_exchange_rate": j.turnover_rate, "fine_exchange_rate": j.fine_rate,
            "fine_share_of_turnover": j.share_of_turnover(), "fine_share_of_cap": j.share_of_cap(),
            "implied_minimum_turnover": j.implied_minimum_turnover, "needs": list(j.needs),
            "warnings": [*pre_warnings, *j.warnings],
        }, {"_judgement": j, "_pre_trace": tuple(pre_trace), "_group": group})  # fmt: skip

    def json_dict(self) -> dict[str, object]:
        """The JSON-ready form: amounts and shares as decimal strings."""
        return self.model_dump(mode="json")


_verdict_of = assembler(Verdict)


class CapReport(BaseModel):
    """The legal maximum for a tier (or articles) and a turnover, with its trace."""

    model_config = ConfigDict(frozen=True)

    regime: str
    tier: str
    valid_from: date = Field(description="The date the tier's figures take effect.")
    confidence: str = Field(description="How sure gdprfine is of the tier's figures.")
    note: str = Field(default="", description="The tier's caveat.")
    cap: Cap
    turnover: Money | None = Field(
        default=None, description="The turnover used, in the cap's currency."
    )
    turnover_exchange_rate: ExchangeRate | None = None
    warnings: list[str] = Field(default_factory=empty_list)
    trace: list[TraceStep] = Field(default_factory=empty_list)

    def json_dict(self) -> dict[str, object]:
        """The JSON-ready form: amounts and shares as decimal strings."""
        return self.model_dump(mode="json")


# ---------------------------------------------------------------------------------------------
# The public checks


def classify_articles(
    articles: str | Sequence[str | ArticleRef] | None, law: Regime, *, on: date | None = None
) -> Classification | None:
    """Read *articles* (text, or references already read) and classify them under *law*."""
    if articles is None:
        return None
    from gdprfine.articles import ArticleRef, classify, parse_articles

    if not isinstance(articles, str | Iterable):
        raise InvalidArticle("articles", articles, "expected text or ArticleRef values")
    refs = [
        ref
        for item in ([articles] if isinstance(articles, str) else list(articles))
        for ref in (parse_articles(item) if isinstance(item, str) else [item])
    ]
    if not all(isinstance(ref, ArticleRef) for ref in refs):
        raise InvalidArticle("articles", articles, "expected text or ArticleRef values")
    return classify(refs, law, on=on) if refs else None


TurnoverOf = Literal["group", "entity"]
"""Whose turnover is given: the group's (the undertaking in the sense of Arts 101 and 102 TFEU,
which Art. 83(4)-(6) use, CJEU C-807/21 *Deutsche Wohnen*), or one entity's only."""

_TURNOVER_OF: tuple[TurnoverOf, ...] = ("group", "entity")
_FX_RULES: tuple[FxRule, ...] = ("mean", "year-end", "decision-date")
ENTITY_TURNOVER_WARNING = (
    "the turnover given is one entity's: the cap of an undertaking uses the turnover of the "
    "whole group (the single economic unit, CJEU C-807/21 Deutsche Wohnen, 5 Dec 2023); with "
    "the group's turnover the cap may be higher"
)
"""The warning of a check or cap given an entity's turnover instead of the group's."""


def _whose_turnover(turnover: Money | None, undertaking: bool, whose: TurnoverOf | None) -> list[str]:
    if turnover is not None and undertaking and whose == "entity":
        return [ENTITY_TURNOVER_WARNING]
    return []


def _money_arg(value: Money | str | None, field: str) -> Money | None:
    if value is None or isinstance(value, Money):
        return value
    if isinstance(value, str):
        return Money.parse(value, field=field)
    raise InvalidAmount(field, value, "expected a Money or text such as '1000 EUR'")


def _date_arg(value: date | str | None, field: str = "on") -> date | None:
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InvalidInput(field, value, "expected a date or an ISO date such as '2021-07-15'")


def _year_arg(value: FinancialYear | int | str | None) -> FinancialYear | None:
    if value is None or isinstance(value, FinancialYear):
        return value
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInput("financial_year", value, "expected a FinancialYear or a year such as 2020")
    return FinancialYear.read(value)


def _tier_of(law: Regime, tier: str | None, on: date | None) -> Tier | None:
    """The tier named; anything that is not a tier's name is a LawLookupError."""
    return law.tier(tier, on=on) if tier is not None else None


def _plain_args(undertaking: object, fx_rule: object, whose: object) -> None:
    if undertaking is not None and not isinstance(undertaking, bool):
        raise InvalidInput("undertaking", undertaking, "expected True or False")
    if fx_rule is not None and fx_rule not in _FX_RULES:
        raise InvalidInput("fx_rule", fx_rule, f"one of {', '.join(_FX_RULES)}")
    if whose is not None and whose not in _TURNOVER_OF:
        raise InvalidInput("turnover_of", whose, "group or entity")


def _undertaking(undertaking: bool | None, public_body: bool, country: str | None, fault: object) -> bool:
    """The undertaking flag (default: not for a public body), with the country and fault checked."""
    if country is not None:
        countries.read_code(country)
    if public_body and country is None:
        raise InvalidInput("country", None, "a public body is judged under its country's Art. 83(7) rule: give the country")
    if fault is not None and fault not in FAULTS:
        raise InvalidInput("fault", fault, f"one of {', '.join(FAULTS)}")
    return (not public_body) if undertaking is None else bool(undertaking)


def check_fine(
    fine: Money | str,
    *,
    tier: str | None = None,
    articles: str | Sequence[str | ArticleRef] | None = None,
    turnover: Money | str | None = None,
    undertaking: bool | None = None,
    regime_id: str = "eu-gdpr",
    on: date | str | None = None,
    turnover_rate: ExchangeRate | None = None,
    fine_rate: ExchangeRate | None = None,
    financial_year: FinancialYear | int | str | None = None,
    fx_rule: FxRule | None = None,
    public_body: bool = False,
    country: str | None = None,
    fault: Fault | None = None,
    turnover_of: TurnoverOf | None = None,
) -> Verdict:
    """Check a fine against the cap of *tier* (or the gravest tier of *articles*).

    *on* is the decision date: it selects the law in force and, with *financial_year*, the
    preceding-year check. A turnover or fine in another currency than the cap's is converted
    at the rate given, or else by :func:`gdprfine.fx.resolve_rates`: the turnover by *fx_rule*
    (default: the mean over *financial_year*), the fine at the fixing on the decision date.
    *undertaking* defaults to True, or False for a *public_body*, which is judged under the
    Art. 83(7) rule of *country* (the authority's Member State). A *fault* of ``none`` leaves
    no fine possible (CJEU C-807/21).

    >>> v = check_fine(Money("746000000", "EUR"), tier="83(5)",
    ...                turnover=Money("386064000000", "USD"),
    ...                financial_year=FinancialYear.calendar(2020), on=date(2021, 7, 15))
    >>> v.verdict, v.turnover
    ('within', Money('338001533887.35', 'EUR'))

    >>> v = check_fine(Money("1000000", "EUR"), articles="Art. 24 GDPR")
    >>> v.verdict, v.warnings[0]
    ('undetermined', 'Art. 24 GDPR is not listed in Art. 83(4)-(6): it carries no fine under Art. 83 by itself')

    The plain forms a command line takes are accepted too: an amount as text
    (:meth:`Money.parse <gdprfine.money.Money.parse>`), an ISO date, a calendar year. A fine in
    another currency with no date is judged by its worth at the lowest and the highest ECB
    rate of the bundled data (:func:`gdprfine.fx.ecb_rate_range`):

    >>> check_fine("2500000 PLN", articles="Art. 32").verdict
    'within'
    >>> check_fine("1000 EUR", tier=834)
    Traceback (most recent call last):
    ...
    gdprfine.errors.LawLookupError: tier: 834: a tier is 83(4), 83(5) or 83(6)
    """
    law = regime(regime_id)
    _plain_args(undertaking, fx_rule, turnover_of)
    stated = undertaking is not None
    undertaking = _undertaking(undertaking, public_body, country, fault)
    amount, given_turnover = _money_arg(fine, "fine"), _money_arg(turnover, "turnover")
    if amount is None:
        raise InvalidAmount("fine", fine, "expected a Money, such as Money('1000', 'EUR')")
    day, year = _date_arg(on), _year_arg(financial_year)
    _in_force(law, day)
    classification = classify_articles(articles, law, on=day)
    fine_rate, turnover_rate = fx.resolve_rates(
        law.currency,
        fine=amount,
        turnover=given_turnover if undertaking else None,
        fine_rate_given=fine_rate,
        turnover_rate_given=turnover_rate,
        rule=fx_rule,
        financial_year=year,
        on=day,
    )
    j = judge(
        law,
        amount,
        tier=_tier_of(law, tier, day),
        classification=classification,
        turnover=given_turnover,
        undertaking=undertaking,
        on=day,
        fine_rate=fine_rate,
        turnover_rate=turnover_rate,
        financial_year=year,
        public_body=public_body,
        country=country.strip().upper() if country else None,
        fault=fault,
        undertaking_stated=stated,
        fine_rate_range=_undated_range(amount, fine_rate, law.currency),
    )
    return Verdict.of(j, pre_warnings=_whose_turnover(given_turnover, undertaking, turnover_of))


def _convertible(turnover: Money | None, rate: ExchangeRate | None, currency: str) -> None:
    """Refuse a turnover in another currency that no rate converts."""
    if turnover is not None and turnover.currency != currency and rate is None:
        raise InvalidInput(
            "turnover",
            turnover.format(),
            f"in {turnover.currency}; give its financial year (or the decision-date rule with a "
            f"date) to convert it to {currency}",
        )


def _undated_range(
    fine: Money, rate: ExchangeRate | None, currency: str
) -> tuple[ExchangeRate, ExchangeRate] | None:
    """The range of the fine's rates over the bundled history, when no rate converts it."""
    if rate is not None or fine.currency == currency:
        return None
    try:
        return fx.ecb_rate_range(fine.currency, currency)
    except FxError:
        return None


def check_case(case: CaseRecord, *, fx_rule: FxRule | None = None) -> Verdict:
    """Check a case record: its fine against the cap for its articles, turnover and date.

    A turnover in another currency is converted at the case's stated rate, or, when it states
    none or when *fx_rule* is given, with the bundled ECB rates by *fx_rule* (default: the
    mean over the turnover's financial year). A fine in another currency is converted at the
    case's stated rate or the ECB fixing on the decision date.

    >>> from gdprfine.cases import load_case
    >>> v = check_case(load_case("examples/amazon-2021.toml"))
    >>> v.verdict, v.cap.limb, f"{v.fine_share_of_turnover:.6f}", f"{v.fine_share_of_cap:.4f}"
    ('within', 'turnover', '0.002207', '0.0552')
    """
    from gdprfine.articles import classify

    law = regime(case.regime)
    on = case.decision_date
    _in_force(law, on)
    turnover = case.turnover
    fine_rate, turnover_rate = fx.resolve_rates(
        law.currency,
        fine=case.fine,
        turnover=turnover.amount if turnover and case.is_undertaking else None,
        fine_rate_given=case.fine_exchange_rate,
        turnover_rate_given=turnover.exchange_rate if turnover else None,
        rule=fx_rule,
        financial_year=turnover.financial_year if turnover else None,
        on=on,
    )
    j = judge(
        law,
        case.fine,
        tier=law.tier(case.tier, on=on) if case.tier is not None else None,
        classification=classify(case.articles, law, on=on) if case.articles else None,
        turnover=turnover.amount if turnover else None,
        undertaking=case.is_undertaking,
        on=on,
        fine_rate=fine_rate,
        turnover_rate=turnover_rate,
        financial_year=turnover.financial_year if turnover else None,
        public_body=case.public_body,
        undertaking_stated="is_undertaking" in case.model_fields_set,
        country=case.authority.country,
        fault=case.fault,
        conduct=(case.infringement.start, case.infringement.end) if case.infringement else None,
    )
    pre, warnings = _case_preamble(case)
    expected = regime_for(case.authority.country, on)
    if expected.id != law.id:
        warnings.append(
            f"an authority of {case.authority.country} decides under the {expected.short} "
            f"({expected.id}) on {on.isoformat()}; this case is checked under the {law.short}"
        )
    return Verdict.of(j, case=case.id or None, group=case.group, pre_trace=pre, pre_warnings=warnings)


def _case_preamble(case: CaseRecord) -> tuple[list[TraceStep], list[str]]:
    announced = f", announced {case.announcement_date.isoformat()}" if case.announcement_date else ""
    pre = [
        TraceStep(
            step="decision",
            value=(
                f"{case.authority.name} ({case.authority.country}) fined {case.addressee} "
                f"{case.fine.format()}, decided {case.decision_date.isoformat()}{announced}"
            ),
        )
    ]
    warnings: list[str] = []
    latest = case.latest_status()
    if latest is not None:
        pre.append(
            TraceStep(step="status", value=f"{latest.status} on {latest.date.isoformat()}", note=latest.note)
        )
        if latest.status == "proposed":
            warnings.append(
                "the latest status is 'proposed': a draft decision or notice of intent is not a fine"
            )
        elif latest.status == "annulled":
            warnings.append(f"the fine was annulled on {latest.date.isoformat()}")
    return pre, warnings


def _unapplied_public_rule(j: Judgement, day: date | None) -> list[str]:
    """Why a public body's cap is Art. 83's although its country may rule otherwise."""
    rule = j.public_rule
    if j.public_applied or (rule is not None and rule.undertakings == "excluded" and j.undertaking):
        return []
    if rule is None:
        what = "is not recorded"
    elif rule.reference.confidence == "check":
        what = f"({rule.reference.cite()}) is not confirmed"
    elif day is not None and day < rule.valid_from:
        what = f"({rule.reference.cite()}) takes effect only on {rule.valid_from.isoformat()}"
    else:
        what = f"({rule.reference.cite()}) may not cover a public body acting as an undertaking"
    return [
        f"the rule of {j.country} on fining public bodies (Art. 83(7)) {what}: the Art. 83 "
        "maximum is shown, and the national rule may lower it or exclude fines"
    ]


def cap_report(
    *,
    tier: str | None = None,
    articles: str | Sequence[str | ArticleRef] | None = None,
    turnover: Money | str | None = None,
    undertaking: bool | None = None,
    regime_id: str = "eu-gdpr",
    on: date | str | None = None,
    financial_year: FinancialYear | int | str | None = None,
    fx_rule: FxRule | None = None,
    turnover_rate: ExchangeRate | None = None,
    public_body: bool = False,
    country: str | None = None,
    turnover_of: TurnoverOf | None = None,
) -> CapReport:
    """The legal maximum for *tier* (or the gravest tier of *articles*) and a *turnover*.

    A turnover in another currency is converted by :func:`gdprfine.fx.resolve_rates`; one
    that cannot be (no financial year for the mean or year-end rule, no date for the
    decision-date rule) is refused, as is a list of articles none of which is fineable.
    *turnover_of* ``"entity"`` adds the warning that the group's turnover counts.

    >>> r = cap_report(tier="83(5)", turnover=Money("1000000000", "EUR"))
    >>> r.cap.amount, r.cap.limb
    (Money('40000000.00', 'EUR'), 'turnover')
    >>> cap_report(articles="Art. 32").cap.amount
    Money('10000000', 'EUR')
    >>> r = cap_report(tier="83(5)", public_body=True, country="SE")
    >>> r.cap.amount, r.cap.limb
    (Money('10000000', 'SEK'), 'national')
    """
    law = regime(regime_id)
    _plain_args(undertaking, fx_rule, turnover_of)
    undertaking = _undertaking(undertaking, public_body, country, None)
    given, day, year = _money_arg(turnover, "turnover"), _date_arg(on), _year_arg(financial_year)
    _in_force(law, day)
    if (tier is None) == (articles is None):
        raise InvalidInput("tier", tier, "give a tier (83(4), 83(5), 83(6)) or articles, not both")
    classification = classify_articles(articles, law, on=day)
    if articles is not None and (classification is None or classification.tier is None):
        raise InvalidInput("articles", articles, "none of these articles is listed in Art. 83(4)-(6)")
    _, turnover_rate = fx.resolve_rates(
        law.currency,
        fine=None,
        turnover=given if undertaking else None,
        turnover_rate_given=turnover_rate,
        rule=fx_rule,
        financial_year=year,
        on=day,
    )
    _convertible(given if undertaking else None, turnover_rate, law.currency)
    j = judge(
        law,
        tier=_tier_of(law, tier, day),
        classification=classification,
        turnover=given,
        undertaking=undertaking,
        on=day,
        turnover_rate=turnover_rate,
        financial_year=year,
        public_body=public_body,
        country=country.strip().upper() if country else None,
    )
    assert j.tier is not None
    assert j.cap is not None
    warnings = [*_whose_turnover(given, undertaking, turnover_of), *j.warnings]
    warnings.extend(_unapplied_public_rule(j, day) if public_body else [])
    source: Reference = j.tier.reference
    if j.cap.limb in ("national", "none") and j.public_rule is not None:
        source = j.public_rule.reference
    return CapReport(
        regime=law.id,
        tier=j.tier.id,
        valid_from=j.public_rule.valid_from if source is not j.tier.reference and j.public_rule else j.tier.valid_from,
        confidence=source.confidence,
        note=source.note,
        cap=j.cap,
        turnover=j.turnover_in_cap_currency,
        turnover_exchange_rate=j.turnover_rate,
        warnings=warnings,
        trace=explain(j),
    )


class CapTable(BaseModel):
    """The legal maximums of several tiers (and regimes) for one turnover, side by side."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    caps: list[CapReport] = Field(description="One cap report per regime and tier, in order.")

    def json_dict(self) -> dict[str, object]:
        """The JSON-ready form: amounts and shares as decimal strings."""
        return self.model_dump(mode="json")


def cap_table(
    *,
    regime_ids: Sequence[str] | str = ("eu-gdpr",),
    turnover: Money | str | None = None,
    undertaking: bool | None = None,
    on: date | str | None = None,
    financial_year: FinancialYear | int | str | None = None,
    fx_rule: FxRule | None = None,
    turnover_of: TurnoverOf | None = None,
) -> CapTable:
    """Every tier of each regime in *regime_ids* (``"all"``: every bundled regime) for one
    turnover: one :class:`CapReport` each, in the order of the regimes and their tiers.

    >>> t = cap_table(turnover="1000000000 EUR")
    >>> [(r.tier, r.cap.amount.format()) for r in t.caps]
    [('83(4)', 'EUR 20 000 000.00'), ('83(5)', 'EUR 40 000 000.00'), ('83(6)', 'EUR 40 000 000.00')]
    """
    if isinstance(regime_ids, str):
        ids = list(law_regime_ids()) if regime_ids == "all" else [regime_ids]
    else:
        ids = list(regime_ids)
    day = _date_arg(on)
    reports = [
        cap_report(
            tier=tier_id, turnover=turnover, undertaking=undertaking, regime_id=regime_id,
            on=day, financial_year=financial_year, fx_rule=fx_rule, turnover_of=turnover_of,
        )
        for regime_id in ids
        for tier_id in regime(regime_id).tier_ids()
    ]
    return CapTable(caps=reports)
