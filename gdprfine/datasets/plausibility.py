"""Plausibility checks of a record's fine: named flags, each with its reason.

A tracker's fine field can be read right and still be wrong: two amounts run together, a
thousands factor lost, a currency label swapped, several addressees' fines summed into one.
Each check here names what looks wrong; the fine stays in every output, flagged. The checks,
their meanings and their thresholds are data (``gdprfine/data/plausibility.toml``); the
largest GDPR fine is the largest fine of the bundled reference cases
(:func:`gdprfine.reference.reference_cases`), and a country's currencies come from
``gdprfine/data/country-currencies.toml``.

- ``above-largest-fine``: larger than the largest GDPR fine ever recorded;
- ``digits-run-together``: digits that read as two round amounts written one after the other;
- ``below-minimum``: a non-zero fine below EUR 10 (or its equivalent);
- ``currency-not-local``: a currency that is neither the euro nor the country's;
- ``summary-disagrees``: the record's summary states amounts, none of which is the fine;
- ``several-fines``: the summary speaks of several fines, "each", or a total across parties;
- ``public-sector``: the sector is the public sector, and the authority's country limits or
  excludes fines on public bodies (Art. 83(7)), or its rule is not recorded.

>>> from gdprfine.datasets.records import DatasetRecord, read_amount
>>> config = plausibility_config()
>>> record = DatasetRecord(source="csv", row=1, amount=read_amount("20000500"), country="ES")
>>> [flag for flag, _ in plausibility_flags(record, Money("20000500", "EUR"), config)]
['digits-run-together']
>>> record = DatasetRecord(source="csv", row=1, amount=read_amount("50,000"), country="PL",
...                        summary="The DPA fined the company EUR 5,000.")
>>> plausibility_flags(record, Money("50000", "EUR"), config)
(('summary-disagrees', 'the summary states EUR 5 000, not the fine EUR 50 000'),)
>>> plausibility_flags(record, Money("50000", "EUR"), plausibility_config(disabled=["all"]))
()
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from gdprfine import fx
from gdprfine.amounts import UNUSUAL_CASE, AmountMention, find_amounts
from gdprfine.datasets.records import DatasetRecord
from gdprfine.errors import DatasetError, GdprFineError
from gdprfine.money import Money, decimal_context

__all__ = [
    "PlausibilityConfig",
    "check_names",
    "country_currencies",
    "largest_recorded_fine",
    "plausibility_config",
    "plausibility_flags",
]

_EURO = "EUR"


@cache
def _data() -> dict[str, Any]:
    text = resources.files("gdprfine.data").joinpath("plausibility.toml").read_text("utf-8")
    return tomllib.loads(text)["checks"]  # type: ignore[no-any-return]


@cache
def _currencies() -> tuple[dict[str, tuple[str, ...]], dict[str, date]]:
    text = resources.files("gdprfine.data").joinpath("country-currencies.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return {code: tuple(items) for code, items in data["countries"].items()}, dict(
        data["withdrawn"]
    )


def check_names() -> dict[str, str]:
    """Every plausibility check's name and meaning, in the order of the data file.

    >>> list(check_names())[:2]
    ['above-largest-fine', 'digits-run-together']
    """
    return {name: entry["meaning"] for name, entry in _data().items()}


def country_currencies(country: str, on: date | None = None) -> tuple[str, ...] | None:
    """The currencies the authorities of *country* state fines in (on *on*, when given), or
    None for a country the data does not list.

    >>> country_currencies("HR"), country_currencies("HR", date(2023, 3, 1)), country_currencies("US")
    (('HRK', 'EUR'), ('EUR',), None)
    """
    found, withdrawn = _currencies()
    codes = found.get(country)
    if codes is None or on is None:
        return codes
    return tuple(code for code in codes if code not in withdrawn or on < withdrawn[code])


@cache
def largest_recorded_fine() -> tuple[Money, str]:
    """The largest fine of the bundled reference cases, in euro, with the case's id.

    Read with :func:`gdprfine.reference.reference_fines` (a batch needs this one figure, not
    the cases).

    >>> largest_recorded_fine()
    (Money('1200000000', 'EUR'), 'dpc-meta-transfers-2023')
    """
    from gdprfine.reference import reference_fines

    euro = [item for item in reference_fines() if item[2].currency == _EURO]
    _, case_id, fine = max(euro, key=lambda item: item[2].amount)  # a tie: the first in order
    return fine, case_id


@dataclass(frozen=True, slots=True)
class PlausibilityConfig:
    """The checks to run, with their thresholds (from the data file)."""

    enabled: frozenset[str]
    max_significant: int
    min_zeros: int
    min_run_amount: Decimal
    minimum: Money
    tolerance: Decimal
    converted_tolerance: Decimal
    max_chars: int
    quiet: tuple[Decimal, Decimal, Decimal] | None = None
    """For a euro fine with no summary: the least plausible fine, the smallest amount checked
    for run-together digits, and the largest recorded fine."""
    public_words: tuple[str, ...] = ()
    """The words of a sector that is the public sector, in lower case."""

    def is_quiet(self, record: DatasetRecord) -> bool:
        """Whether *record* carries no flag, told cheaply for the common case: a euro fine with
        no summary and no sector, plausible in size, whose digits do not run together."""
        fine = record.amount.money
        quiet = self.quiet
        if (
            quiet is None
            or fine is None
            or record.summary is not None
            or record.sector is not None
            or fine.currency != _EURO
        ):
            return False
        amount = fine.amount
        if not quiet[0] <= amount <= quiet[2]:
            return False
        return (
            amount < quiet[1]
            or "digits-run-together" not in self.enabled
            or _run_together(amount, self.max_significant, self.min_zeros) is None
        )


def plausibility_config(disabled: Iterable[str] = ()) -> PlausibilityConfig:
    """The checks of the data file that are enabled there, less those named in *disabled*
    (``all`` switches every check off); an unknown name is a :class:`DatasetError`.

    >>> sorted(plausibility_config(disabled=["several-fines"]).enabled)[:2]
    ['above-largest-fine', 'below-minimum']
    >>> plausibility_config(disabled=["no-such-check"])
    Traceback (most recent call last):
    ...
    gdprfine.errors.DatasetError: check: 'no-such-check': one of all, above-largest-fine, \
digits-run-together, below-minimum, currency-not-local, summary-disagrees, several-fines, public-sector
    """
    data = _data()
    off = set()
    for name in disabled:
        if name != "all" and name not in data:
            raise DatasetError("check", name, f"one of all, {', '.join(data)}")
        off |= set(data) if name == "all" else {name}
    run, low, text = data["digits-run-together"], data["below-minimum"], data["summary-disagrees"]
    public = data["public-sector"]
    return PlausibilityConfig(
        enabled=frozenset(
            name for name, entry in data.items() if entry["enabled"] and name not in off
        ),
        max_significant=int(run["max_significant"]),
        min_zeros=int(run["min_zeros"]),
        min_run_amount=Decimal(run["min_amount"]),
        minimum=Money(low["minimum"], low["currency"]),
        tolerance=Decimal(text["tolerance"]),
        converted_tolerance=Decimal(text["converted_tolerance"]),
        max_chars=int(text["max_chars"]),
        quiet=_quiet(Money(low["minimum"], low["currency"]), Decimal(run["min_amount"])),
        public_words=tuple(word.lower() for word in public["words"]),
    )


def _quiet(minimum: Money, min_run: Decimal) -> tuple[Decimal, Decimal, Decimal] | None:
    if minimum.currency != _EURO:
        return None
    return minimum.amount, min_run, largest_recorded_fine()[0].amount


# ---------------------------------------------------------------------------------------------
# The checks


def _run_together(amount: Decimal, max_significant: int, min_zeros: int) -> str | None:
    """Why the digits of *amount* read as two round amounts written together, or None."""
    digits = str(amount)
    if "." in digits:
        digits, _, fraction = digits.partition(".")
        if fraction.strip("0"):
            return None
    # Cheap rejections first: not plain digits, or too few zeros for two round amounts.
    if not digits.isdigit() or digits.count("0") < 2 * min_zeros:
        return None
    return _split(digits, max_significant, min_zeros)


@lru_cache(maxsize=8_192)
def _split(digits: str, max_significant: int, min_zeros: int) -> str | None:
    round_amount = re.compile(rf"[1-9]\d{{0,{max_significant - 1}}}0{{{min_zeros},}}")
    if round_amount.fullmatch(digits):
        return None
    for cut in range(1, len(digits)):
        first, second = digits[:cut], digits[cut:]
        if round_amount.fullmatch(first) and round_amount.fullmatch(second):
            return f"{digits} reads as {first} and {second} written together"
    return None


def _agrees(fine: Decimal, other: Decimal, tolerance: Decimal) -> bool:
    with decimal_context():
        return abs(fine - other) <= tolerance * max(fine, other)


def _mention_agrees(
    mention: AmountMention, fine: Money, when: DatasetRecord, config: PlausibilityConfig
) -> bool | None:
    """Whether a summary's amount is the fine; None when it cannot be compared."""
    if not mention.sure:
        return None
    for money in (mention.money, mention.alternative):
        if (
            money is not None
            and money.currency == fine.currency
            and _agrees(fine.amount, money.amount, config.tolerance)
        ):
            return True
    money = mention.money
    if money.currency == fine.currency:
        return False
    try:
        rate = fx.fine_rate(money.currency, fine.currency, when.date)
    except GdprFineError:
        return None
    if rate is None:
        return None
    converted = rate.convert(money)
    return _agrees(fine.amount, converted.amount, config.converted_tolerance)


_BROKEN_GROUP = re.compile(r"[,.]\s+\d")


def _summary_disagrees(
    record: DatasetRecord, fine: Money, config: PlausibilityConfig
) -> str | None:
    summary = record.summary
    if not summary:
        return None
    try:
        mentions = find_amounts(summary[: config.max_chars], locale=record.locale)
    except GdprFineError:
        return None
    # A bound ("up to EUR 20 million") is the law's maximum, not the fine; digits broken by a
    # space after a separator ("EUR 28, 121") cannot be compared.
    mentions = [m for m in mentions if m.bound == "exact"]
    if not mentions or any(_BROKEN_GROUP.match(summary, m.end) for m in mentions):
        return None
    # One amount that is the fine, or cannot be compared, clears it: the comparisons that need
    # no conversion come first, so a currency's rates are read only when they can decide.
    ordered = sorted(mentions, key=lambda m: m.sure and m.money.currency != fine.currency)
    if any(_mention_agrees(mention, fine, record, config) is not False for mention in ordered):
        return None
    stated = ", ".join(dict.fromkeys(mention.money.format() for mention in mentions[:4]))
    return f"the summary states {stated}, not the fine {fine.format()}"


_MONEY = r"(?:EUR|€|euros?|(?-i:[A-Z]{3})\b|£|\$)"
# The phrases of several fines (compiled when first needed, in _several_in_run).
_SEVERAL = (
    r"\b(?:fines?\s+of\s+(?!up\s+to)[^.;]{0,40}?\beach\b(?!\s+(?:day|week|month|year|violation|case|infringement))|each\s+(?:of\s+(?:the\s+)?)?(?:companies|controllers|"
    r"parties|defendants|entities|them|two|three|four|five)\b|(?:fined|fines?\s+(?:on|against))\s+each\b|"
    r"each\s+(?:company|controller|party|entity|one)\s+(?:was|has\s+been)\s+fined|"
    rf"(?:a|the)\s+total\s+(?:fine\s+|amount\s+)?of\s+(?:{_MONEY}\s?\d|\d[\d,.\s]*\s?(?:million\s+)?{_MONEY})|"
    rf"(?:fines?|sanctions?)\s+(?:totall?ing|amounting\s+to\s+a\s+total)|in\s+total,?\s+(?:{_MONEY}|\d[\d,.\s]*\s?{_MONEY})|"
    r"(?:several|multiple|separate|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+"
    r"(?:(?:administrative|separate|individual)\s+)?fines|fines\s+(?:were\s+)?(?:imposed\s+)?on\s+(?:both|all|several)|"
    r"jointly\s+(?:fined|liable)|both\s+(?:companies|controllers|parties)\s+(?:were|have\s+been)\s+fined|respectively)\b"
)


# Every phrase _SEVERAL finds holds one of these words, and what stands before the first of
# them in the phrase is letters, digits and spaces ("two separate fines", "the total"). So a
# phrase starts in the run of word characters and spaces around one of these words: only those
# runs are searched, and a summary without any of the words is not searched at all (trying
# every alternative of _SEVERAL at every character is slow).
_SEVERAL_WORDS = ("fine", "each", "total", "jointly", "respectively")
_RUN = re.compile(r"[\w\s]*")
_NOT_IN_RUN = re.compile(r"[^\w\s]")


@cache
def _several_in_run() -> re.Pattern[str]:
    """_SEVERAL tried, from the start of a run, at the start of each word in turn."""
    return re.compile(rf"\s*+(?:\w++\s++)*?(?P<phrase>{_SEVERAL})", re.IGNORECASE)


def _several_words(text: str, end: int) -> list[int]:
    """Where the words of _SEVERAL_WORDS start in *text* before *end*, ignoring case as the
    regular expression does; found with ``str.find`` in the lower-cased text when lower-casing
    keeps every offset and no letter can match another way."""
    if not text.isascii() and any(char in text for char in UNUSUAL_CASE):
        words = re.compile("|".join(_SEVERAL_WORDS), re.IGNORECASE)
        return [found.start() for found in words.finditer(text, 0, end)]
    lower = text[:end].lower()
    starts = []
    for word in _SEVERAL_WORDS:
        at = lower.find(word)
        while at >= 0:
            starts.append(at)
            at = lower.find(word, at + 1)
    return sorted(starts)


def _several_phrase(summary: str, end: int) -> str | None:
    """What a search for _SEVERAL in *summary* up to *end* finds, searching only the runs
    around its words.

    >>> _several_phrase("Fined EUR 5,000. Both companies were fined; in total EUR 9,000.", 99)
    'Both companies were fined'
    >>> _several_phrase("A fine of EUR 5,000 was imposed.", 99) is None
    True
    """
    done = 0  # the runs before this offset were searched
    for word in _several_words(summary, end):
        if word < done:
            continue
        run = _RUN.match(summary[word - 1 :: -1]) if word else None  # the run before it
        found = _several_in_run().match(summary, word - run.end() if run else 0, end)
        if found is not None:
            return found["phrase"]
        after = _NOT_IN_RUN.search(summary, word, end)
        done = after.start() if after is not None else end
    return None


def _several(record: DatasetRecord, config: PlausibilityConfig) -> str | None:
    if not record.summary:
        return None
    found = _several_phrase(record.summary, config.max_chars)
    return f"the summary says {' '.join(found.split())!r}" if found else None


def _public_sector(record: DatasetRecord, config: PlausibilityConfig) -> str | None:
    """Why the Art. 83 cap may not be the addressee's: a public sector, in a country whose rule
    on fining public bodies (Art. 83(7)) is not Art. 83's, or is not recorded."""
    sector, country = record.sector, record.country
    if sector is None or country is None:
        return None
    lowered = sector.lower()
    if not any(word in lowered for word in config.public_words):
        return None
    from gdprfine.law.national import public_body_rule

    rule = public_body_rule(country)
    if_public = f"the sector is {sector!r}: if the addressee is a public body,"
    if rule is None:
        return f"{if_public} the rule of {country} on fining public bodies (Art. 83(7)) is not recorded"
    if rule.rule == "allowed":
        return None
    maximum = ", ".join(
        money.format() if tier == "all" else f"{money.format()} under Art. {tier}"
        for tier, money in rule.ceilings.items()
    )
    since = ""
    if record.date is None or record.date.period()[0] < rule.valid_from:
        since = f", in force from {rule.valid_from.isoformat()}"
    return f"{if_public} {rule.describe()}{f'; maximum {maximum}' if maximum else ''} ({rule.reference.cite()}{since})"


def plausibility_flags(
    record: DatasetRecord, fine_eur: Money | None, config: PlausibilityConfig
) -> tuple[tuple[str, str], ...]:
    """The plausibility flags of *record*'s fine, each with its reason. *fine_eur* is the fine
    in euro when known (the fine itself, or converted), for the checks made in euro."""
    fine = record.amount.money
    if fine is None or not fine.amount or not config.enabled:
        return ()
    if config.is_quiet(record):
        return ()
    on = config.enabled
    flags: list[tuple[str, str]] = []
    if "above-largest-fine" in on and fine_eur is not None:
        largest, case = largest_recorded_fine()
        if fine_eur.amount > largest.amount:
            flags.append(
                ("above-largest-fine", f"{fine_eur.format()} is above {largest.format()} ({case})")
            )
    if "digits-run-together" in on and fine.amount >= config.min_run_amount:
        reason = _run_together(fine.amount, config.max_significant, config.min_zeros)
        if reason is not None:
            flags.append(("digits-run-together", reason))
    if "below-minimum" in on and fine_eur is not None and fine_eur.amount < config.minimum.amount:
        flags.append(("below-minimum", f"{fine_eur.format()} is below {config.minimum.format()}"))
    if "currency-not-local" in on and fine.currency != _EURO and record.country is not None:
        day = record.date.period()[0] if record.date is not None else None
        local = country_currencies(record.country, day)
        if local is not None and fine.currency not in local:
            flags.append(
                ("currency-not-local", f"{fine.currency} is not the currency of {record.country}")
            )
    if "summary-disagrees" in on and (reason := _summary_disagrees(record, fine, config)):
        flags.append(("summary-disagrees", reason))
    if "several-fines" in on and (reason := _several(record, config)):
        flags.append(("several-fines", reason))
    if "public-sector" in on and (reason := _public_sector(record, config)):
        flags.append(("public-sector", reason))
    return tuple(flags)
