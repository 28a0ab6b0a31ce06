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
from gdprfine.check import (
    CapReport,
    Judgement,
    Verdict,
    cap_report,
    check_case,
    check_fine,
    explain,
    judge,
)
from gdprfine.dates import FinancialYear, PartialDate
from gdprfine.errors import (
    CurrencyMismatch,
    DatasetError,
    FxError,
    GdprFineError,
    InvalidAmount,
    InvalidArticle,
    InvalidCaseFile,
    InvalidInput,
    LawLookupError,
    NotApplicable,
    UnknownCurrency,
)
from gdprfine.fx import FxRule
from gdprfine.law import Regime, Tier, regime, regime_ids
from gdprfine.money import ExchangeRate, Money
from gdprfine.reference import reference_case, reference_cases
from gdprfine.trace import TraceStep

__version__: str = _metadata.version("gdprfine")
"""The installed distribution's version: one place, ``pyproject.toml``, read from its metadata."""

__all__ = [
    "AmountError",
    "AmountMention",
    "ArticleRef",
    "Authority",
    "Cap",
    "CapReport",
    "CaseRecord",
    "Classification",
    "CurrencyMismatch",
    "DatasetError",
    "ExchangeRate",
    "FinancialYear",
    "FxError",
    "FxRule",
    "GdprFineError",
    "InvalidAmount",
    "InvalidArticle",
    "InvalidCaseFile",
    "InvalidInput",
    "Judgement",
    "LawLookupError",
    "Money",
    "NotApplicable",
    "PartialDate",
    "Regime",
    "Source",
    "StatusEntry",
    "Tier",
    "TraceStep",
    "Turnover",
    "UnknownCurrency",
    "Verdict",
    "__version__",
    "cap_report",
    "case_schema",
    "check_case",
    "check_fine",
    "classify",
    "combined_cap",
    "explain",
    "find_amounts",
    "format_money",
    "implied_minimum_turnover",
    "judge",
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
