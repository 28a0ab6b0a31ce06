"""gdprfine: Article 83 GDPR as data, and cited, traced checks of fines against it.

>>> import gdprfine
>>> v = gdprfine.check_fine(gdprfine.Money("746000000", "EUR"), tier="83(5)",
...                         turnover=gdprfine.Money("338000350201.37", "EUR"))
>>> v.verdict, v.cap.limb
('within', 'turnover')
"""

from importlib import metadata as _metadata

from gdprfine.amounts import AmountError, AmountMention, find_amounts, format_money, parse_amount
from gdprfine.articles import ArticleRef, Classification, classify, parse_article, parse_articles
from gdprfine.caps import Cap, combined_cap, implied_minimum_turnover, legal_maximum
from gdprfine.cases import (
    Authority,
    CaseRecord,
    Source,
    StatusEntry,
    Turnover,
    case_schema,
    load_case,
    parse_case,
)
from gdprfine.check import CapSummary, FxRule, TraceStep, Verdict, check_case, check_fine
from gdprfine.dates import FinancialYear
from gdprfine.errors import (
    CurrencyMismatch,
    GdprFineError,
    InvalidAmount,
    InvalidArticle,
    InvalidCaseFile,
    InvalidInput,
    LawLookupError,
    UnknownCurrency,
)
from gdprfine.law import Regime, Tier, regime, regime_ids
from gdprfine.money import ExchangeRate, Money
from gdprfine.reference import reference_case, reference_cases

__version__: str = _metadata.version("gdprfine")
"""The installed distribution's version: one place, ``pyproject.toml``, read from its metadata."""

__all__ = [
    "AmountError",
    "AmountMention",
    "ArticleRef",
    "Authority",
    "Cap",
    "CapSummary",
    "CaseRecord",
    "Classification",
    "CurrencyMismatch",
    "ExchangeRate",
    "FinancialYear",
    "FxRule",
    "GdprFineError",
    "InvalidAmount",
    "InvalidArticle",
    "InvalidCaseFile",
    "InvalidInput",
    "LawLookupError",
    "Money",
    "Regime",
    "Source",
    "StatusEntry",
    "Tier",
    "TraceStep",
    "Turnover",
    "UnknownCurrency",
    "Verdict",
    "__version__",
    "case_schema",
    "check_case",
    "check_fine",
    "classify",
    "combined_cap",
    "find_amounts",
    "format_money",
    "implied_minimum_turnover",
    "legal_maximum",
    "load_case",
    "parse_amount",
    "parse_article",
    "parse_articles",
    "parse_case",
    "reference_case",
    "reference_cases",
    "regime",
    "regime_ids",
]
