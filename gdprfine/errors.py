"""The errors gdprfine raises.

Every error is a :class:`GdprFineError`. Bad input is an :class:`InvalidInput`, which is also a
:class:`ValueError`; asking the law for something it does not hold (an unknown regime or tier,
a date before a rule took effect) is a :class:`LawLookupError`, also a :class:`LookupError`.
Each error names the field and the value it refused (None when the value is missing), in one
line:

>>> raise InvalidAmount("fine", "-5", "an amount must not be negative")
Traceback (most recent call last):
...
gdprfine.errors.InvalidAmount: fine: '-5': an amount must not be negative
"""

from __future__ import annotations

__all__ = [
    "AmountError",
    "AmountOverLimit",
    "CurrencyMismatch",
    "DatasetError",
    "FxError",
    "GdprFineError",
    "InvalidAmount",
    "InvalidArticle",
    "InvalidCaseFile",
    "InvalidInput",
    "LawLookupError",
    "NotApplicable",
    "OutputError",
    "UnknownCurrency",
]


class GdprFineError(Exception):
    """Root of every error raised by gdprfine."""

    default_message = "invalid value"

    def __init__(self, field: str, value: object = None, message: str | None = None) -> None:
        self.field = field
        self.value = value
        self.message = message or self.default_message
        shown = "" if value is None else f"{_shown(value)}: "
        super().__init__(f"{field}: {shown}{self.message}")


_SHOWN_CHARS = 80
"""The longest value an error shows in full; a longer one is cut, with its length."""


def _shown(value: object) -> str:
    """The value as the message names it, at most about 80 characters: a
    longer one (a 2 MB string from a file) is cut and its length given; one too long for
    ``repr`` (an integer of more than 4300 digits, or a list holding one) by its size or its
    type.

    >>> _shown("9" * 2_000_000)
    "'99999999999999999999999999999999999999999999999999999999999999999999999999999999...' \
(2000000 characters)"
    >>> _shown(["Art. 5"] * 3)
    "['Art. 5', 'Art. 5', 'Art. 5']"
    """
    if isinstance(value, str) and len(value) > _SHOWN_CHARS:
        return f"{value[:_SHOWN_CHARS] + '...'!r} ({len(value)} characters)"
    try:
        text = repr(value)
    except ValueError:
        if isinstance(value, int):
            return f"<an integer of about {int(abs(value).bit_length() * 0.30103) + 1} digits>"
        return f"<a {type(value).__name__} holding a number too long to show>"
    if len(text) > _SHOWN_CHARS + 2:
        return f"{text[:_SHOWN_CHARS]}... ({len(text)} characters)"
    return text


class OutputError(GdprFineError):
    """An output cannot be written: a full disk, a file that cannot be created."""

    default_message = "cannot be written"


class InvalidInput(GdprFineError, ValueError):
    """A value given to gdprfine is malformed or impossible."""


class InvalidAmount(InvalidInput):
    """An amount of money is malformed, not finite, or out of range."""

    default_message = "not a valid amount"


class AmountOverLimit(InvalidAmount):
    """An amount has more integer digits or decimal places than gdprfine reads."""

    default_message = "more digits than an amount may have"


class UnknownCurrency(InvalidInput):
    """A currency code is not in ISO 4217."""

    default_message = "not an ISO 4217 currency code"


class CurrencyMismatch(InvalidInput):
    """Two amounts in different currencies were combined without a conversion."""

    default_message = "amounts in different currencies need an explicit conversion"


class InvalidArticle(InvalidInput):
    """An article reference cannot be read."""

    default_message = "not an article reference"


class InvalidCaseFile(InvalidInput):
    """A case file is unreadable or does not describe a valid case."""

    default_message = "not a valid case file"


class LawLookupError(GdprFineError, LookupError):
    """The law data holds no entry for what was asked (regime, tier, date)."""

    default_message = "not in the law data"


class FxError(InvalidInput):
    """A conversion cannot be made as asked: no ECB rate for that currency, date or period."""

    default_message = "no exchange rate for this currency and date"


class NotApplicable(InvalidInput):
    """A fining method does not apply to the case (for example, a scheme for undertakings only)."""

    default_message = "the method does not apply to this case"


class DatasetError(InvalidInput):
    """A dataset file cannot be read at all: not the format asked for, or a bad column mapping."""

    default_message = "not a readable dataset"


class AmountError(InvalidAmount):
    """Text that cannot be read as exactly one amount of money.

    ``suggestions`` holds readings or spellings that would have been accepted, where known.

    >>> raise AmountError("amount", "Unknown", "no number in the text")
    Traceback (most recent call last):
    ...
    gdprfine.errors.AmountError: amount: 'Unknown': no number in the text
    >>> isinstance(AmountError("amount", "x"), ValueError)
    True
    """

    default_message = "not an amount of money"

    def __init__(
        self,
        field: str,
        value: object,
        message: str | None = None,
        suggestions: tuple[str, ...] = (),
    ) -> None:
        self.suggestions = suggestions
        text = message or self.default_message
        if suggestions:
            text += "; would accept " + " or ".join(repr(s) for s in suggestions)
        super().__init__(field, value, text)
