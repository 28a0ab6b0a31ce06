"""Case records: one supervisory decision, its fine, the undertaking's turnover and its sources.

A case file is TOML or JSON with the fields of :class:`CaseRecord` (``gdprfine schema`` prints
the JSON Schema). Amounts are decimal strings or integers, or text such as ``"746000000 EUR"``;
floats are refused.

>>> case = CaseRecord.model_validate({
...     "id": "example", "authority": {"name": "CNPD", "country": "LU"},
...     "addressee": "Example S.à r.l.", "decision_date": "2021-07-15",
...     "fine": "746000000 EUR", "articles": "Art. 6 GDPR, Art. 12-17 GDPR, Art. 21 GDPR"})
>>> case.fine, len(case.articles)
(Money('746000000', 'EUR'), 8)
>>> CaseRecord.model_validate_json(case.model_dump_json()) == case
True
"""

from __future__ import annotations

import datetime
import tomllib
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

from gdprfine import countries
from gdprfine.articles import ArticleRef, parse_articles
from gdprfine.dates import FinancialYear
from gdprfine.errors import GdprFineError, InvalidAmount, InvalidCaseFile, InvalidInput
from gdprfine.inputs import MAX_NESTING, nesting_depth, read_limited, strict_json_object
from gdprfine.law import Fault, normalize_tier_id, regime
from gdprfine.money import ExchangeRate, Money
from gdprfine.trusted import empty_list

__all__ = [
    "MAX_CASE_FILE_BYTES",
    "SCHEMA_ID",
    "Authority",
    "CaseRecord",
    "Fault",
    "Infringement",
    "Source",
    "StatusEntry",
    "Turnover",
    "case_schema",
    "load_case",
    "parse_case",
]

MAX_CASE_FILE_BYTES = 5_000_000


def _money(value: object) -> object:
    if isinstance(value, str):
        return Money.parse(value, field="amount")
    return value


_DECIMAL_PATTERN = r"^\s*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*$"
_MONEY_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {
            "type": "object",
            "properties": {
                "amount": {
                    "type": "string",
                    "pattern": _DECIMAL_PATTERN,
                    "description": "An exact decimal, such as \"746000000\" (never a number).",
                },
                "currency": {"type": "string", "pattern": "^\\s*[A-Za-z]{3}\\s*$"},
            },
            "required": ["amount", "currency"],
            "additionalProperties": False,
        },
        {
            "type": "string",
            "minLength": 1,
            "description": "An amount with its currency, such as \"746000000 EUR\" or \"EUR 746000000\".",
        },
    ]
}
_ARTICLES_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "description": "Such as \"Art. 5, Art. 32\" or \"Art. 5 (1) c) GDPR\"."},
        {"type": "array", "items": {"type": "string"}},
    ]
}
_YEAR_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "integer", "minimum": 1900, "maximum": 9998, "description": "A calendar year."},
        {
            "type": "object",
            "properties": {
                "start": {"type": "string", "format": "date"},
                "end": {"type": "string", "format": "date"},
                "label": {"type": "string"},
            },
            "required": ["start", "end"],
            "additionalProperties": False,
            "description": "A non-calendar financial year: its first and last day.",
        },
    ]
}
_RATE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "base": {"type": "string"},
        "quote": {"type": "string"},
        "rate": {"type": "string", "pattern": _DECIMAL_PATTERN},
        "rule": {"type": "string"},
        "start": {"type": ["string", "null"], "format": "date"},
        "end": {"type": ["string", "null"], "format": "date"},
        "fixings": {"type": ["integer", "null"], "minimum": 1},
        "source": {"type": "string"},
    },
    "required": ["base", "quote", "rate"],
    "additionalProperties": False,
}

SCHEMA_ID = "urn:gdprfine:schema:case-record:2"
"""The ``$id`` of :func:`case_schema`."""

AmountField = Annotated[Money, BeforeValidator(_money), WithJsonSchema(_MONEY_SCHEMA)]
RateField = Annotated[ExchangeRate, WithJsonSchema(_RATE_SCHEMA)]


def _articles(value: object) -> object:
    if isinstance(value, str):
        return parse_articles(value)
    if isinstance(value, list):
        flat: list[object] = []
        for item in value:
            flat.extend(parse_articles(item) if isinstance(item, str) else [item])
        return flat
    return value


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Authority(_Model):
    """The supervisory authority that decided."""

    name: str = Field(min_length=1, description="Name or acronym, such as CNPD.")
    country: Annotated[str, BeforeValidator(countries.read_code)] = Field(
        description="ISO 3166-1 alpha-2 code of its country, such as LU."
    )


class Turnover(_Model):
    """The undertaking's total worldwide annual turnover for one financial year."""

    amount: AmountField = Field(description="Net turnover, such as \"386064000000 USD\".")
    financial_year: Annotated[FinancialYear, WithJsonSchema(_YEAR_SCHEMA)] = Field(
        description="A calendar year (2020) or {start, end} for a non-calendar year."
    )
    entity: str = Field(default="", description="Whose turnover it is (the group).")
    source: str = Field(default="", description="Where the figure comes from (report, filing).")
    exchange_rate: RateField | None = Field(
        default=None,
        description=(
            "The rate used to convert the turnover into the cap's currency, with its source. "
            "Needed when the turnover is in another currency."
        ),
    )

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.amount.amount < 0:
            raise InvalidAmount("turnover.amount", str(self.amount.amount), "a turnover must not be negative")
        return self


Status = Literal["proposed", "final", "appealed", "upheld", "reduced", "annulled"]


class StatusEntry(_Model):
    """One step in the life of the fine."""

    status: Status = Field(description="proposed, final, appealed, upheld, reduced or annulled.")
    date: datetime.date = Field(description="When it happened.")
    note: str = Field(default="", description="Court, case number, or what changed.")


class Source(_Model):
    """A report of the decision: a press release, a news article, a filing."""

    title: str = Field(min_length=1)
    url: str | None = Field(default=None)
    file: str | None = Field(default=None, description="Path of a local copy, relative to the case file.")
    language: str | None = Field(default=None, description="Babel locale identifier, such as nl.")
    published: date | None = Field(default=None)
    amount_quoted: str | None = Field(default=None, description="The fine as the source writes it.")
    text: str | None = Field(default=None, description="The source's text, if kept inline.")


class Infringement(_Model):
    """When the infringement took place: its first and last day, either may be unknown."""

    start: date | None = Field(default=None, description="The first day of the infringement.")
    end: date | None = Field(default=None, description="The last day (or the decision's finding date).")

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.start and self.end and self.end < self.start:
            raise InvalidInput("infringement.end", self.end.isoformat(), f"before its start {self.start.isoformat()}")
        return self


class CaseRecord(_Model):
    """One supervisory decision imposing (or proposing) a fine."""

    id: str = Field(default="", description="A short identifier for the case.")
    regime: str = Field(default="eu-gdpr", description="The fining regime: eu-gdpr or uk-gdpr.")
    authority: Authority
    addressee: str = Field(min_length=1, description="The legal person the decision is addressed to.")
    undertaking: str | None = Field(
        default=None,
        description="The undertaking (group) whose turnover counts, if different from the addressee.",
    )
    is_undertaking: StrictBool = Field(
        default=True,
        description="False for a natural person or a body with no turnover: the static cap only.",
    )
    public_body: StrictBool = Field(
        default=False,
        description=(
            "True for a public authority or body: its country's Art. 83(7) rule applies, and "
            "unless is_undertaking is stated it is taken not to be an undertaking."
        ),
    )
    decision_date: date
    announcement_date: date | None = None
    infringement: Infringement | None = Field(
        default=None, description="The infringement's period, for the law in force during it."
    )
    fault: Fault | None = Field(
        default=None,
        description=(
            "What the decision found: intentional, negligent, or none (then no fine may be "
            "imposed, CJEU C-807/21)."
        ),
    )
    fine: AmountField
    fine_exchange_rate: RateField | None = Field(
        default=None,
        description="Rate to convert a fine in another currency into the cap's currency.",
    )
    articles: Annotated[
        list[ArticleRef], BeforeValidator(_articles), WithJsonSchema(_ARTICLES_SCHEMA)
    ] = Field(default_factory=empty_list)
    tier: str | None = Field(default=None, description="The tier, if known without articles.")
    turnover: Turnover | None = None
    status: list[StatusEntry] = Field(default_factory=empty_list)
    sources: list[Source] = Field(default_factory=empty_list)
    summary: str = ""

    @model_validator(mode="after")
    def _check(self) -> Self:
        if self.fine.amount < 0:
            raise InvalidAmount("fine", str(self.fine.amount), "a fine must not be negative")
        if self.announcement_date and self.announcement_date < self.decision_date:
            raise InvalidInput(
                "announcement_date",
                self.announcement_date.isoformat(),
                f"before the decision date {self.decision_date.isoformat()}",
            )
        regime(self.regime)
        end = self.infringement.end if self.infringement else None
        if end is not None and end > self.decision_date:
            raise InvalidInput(
                "infringement.end", end.isoformat(), f"after the decision of {self.decision_date.isoformat()}"
            )
        if self.public_body and "is_undertaking" not in self.model_fields_set:
            object.__setattr__(self, "is_undertaking", False)
        if self.tier is not None:
            object.__setattr__(self, "tier", normalize_tier_id(self.tier))
        return self

    @property
    def group(self) -> str:
        """The undertaking whose turnover counts (the addressee if none is named)."""
        return self.undertaking or self.addressee

    def latest_status(self) -> StatusEntry | None:
        """The most recent status entry."""
        return max(self.status, key=lambda s: s.date) if self.status else None


# gdprfine's own words for pydantic's error types: the types are part of pydantic's API, its
# message texts are not, and a user's error message must not change with a pydantic release.
_MESSAGES: dict[str, str] = {
    "extra_forbidden": "not a field of a case record",
    "date_parsing": "not a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "not a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "not a date (YYYY-MM-DD)",
    "date_type": "not a date (YYYY-MM-DD)",
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "bool_type": "expected true or false",
    "bool_parsing": "expected true or false",
    "list_type": "expected a list",
    "dict_type": "expected a table/object of fields",
    "model_type": "expected a table/object of fields",
    "model_attributes_type": "expected a table/object of fields",
}


def _message(first: Any) -> str:
    kind = first["type"]
    if kind == "literal_error":
        return f"expected one of {first.get('ctx', {}).get('expected', '?')}"
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(first.get("ctx", {}).values()), "?")
        words = {
            "greater_than_equal": "at least",
            "less_than_equal": "at most",
            "greater_than": "more than",
            "less_than": "less than",
        }
        return f"must be {words[kind]} {bound}"
    return str(first["msg"]).removeprefix("Value error, ")


def _describe_validation(error: ValidationError) -> tuple[str, object, str]:
    first = error.errors()[0]
    loc = ".".join(str(p) for p in first["loc"]) or "case"
    cause = first.get("ctx", {}).get("error")
    if isinstance(cause, GdprFineError):
        if not first["loc"] or cause.field.startswith(f"{loc}."):
            loc = cause.field
        return loc, cause.value, cause.message
    if first["type"] == "missing":
        return loc, None, "missing"
    return loc, first.get("input"), _message(first)


def parse_case(data: Any, *, origin: str = "case") -> CaseRecord:
    """Validate a mapping (from TOML or JSON) into a :class:`CaseRecord`.

    >>> parse_case({"authority": {"name": "X", "country": "XX"}}, origin="bad.json")
    Traceback (most recent call last):
    ...
    gdprfine.errors.InvalidCaseFile: bad.json: authority.country: 'XX': \
an ISO 3166-1 alpha-2 code such as 'DE'
    """
    if not isinstance(data, dict):
        raise InvalidCaseFile(origin, type(data).__name__, "a case is a table/object of fields")
    try:
        return CaseRecord.model_validate(data)
    except ValidationError as error:
        loc, value, message = _describe_validation(error)
        raise InvalidCaseFile(f"{origin}: {loc}", value, message) from None
    except GdprFineError as error:
        raise InvalidCaseFile(f"{origin}: {error.field}", error.value, error.message) from None


def load_case(path: str | Path) -> CaseRecord:
    """Read a case file (``.toml`` or ``.json``).

    Errors name the file, the field and the value, in one line.
    """
    path = Path(path)
    origin = str(path)
    if path.suffix.lower() not in (".toml", ".json"):
        raise InvalidCaseFile(origin, path.suffix or path.name, "a case file ends in .toml or .json")
    try:
        raw = read_limited(path, MAX_CASE_FILE_BYTES)
    except InvalidInput as error:
        raise InvalidCaseFile(origin, None, error.message) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidCaseFile(origin, f"byte {error.start}", "not UTF-8") from None
    kind = "TOML" if path.suffix.lower() == ".toml" else "JSON"
    try:
        if kind == "TOML":
            if nesting_depth(text, "toml") > MAX_NESTING:
                raise ValueError(f"nested more than {MAX_NESTING} levels deep")
            data: Any = tomllib.loads(text)
        else:
            data = strict_json_object(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError) as error:
        raise InvalidCaseFile(origin, kind, " ".join(str(error).split()) or "malformed") from None
    return parse_case(data, origin=origin)


def case_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a case file: every form the loader reads (amounts as
    ``{amount, currency}`` or text, articles as text or a list, a financial year as a year or
    ``{start, end}``); amounts and rates are decimal strings, never JSON numbers. A TOML case
    file validates once its dates are written as ISO strings.

    >>> schema = case_schema()
    >>> schema["$schema"], schema["$id"], schema["title"]
    ('https://json-schema.org/draft/2020-12/schema', 'urn:gdprfine:schema:case-record:2', 'CaseRecord')
    """
    body = CaseRecord.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **body}
