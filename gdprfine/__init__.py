"""gdprfine: Article 83 GDPR as data, and cited, traced checks of fines against it.

>>> import gdprfine
>>> v = gdprfine.check_fine(gdprfine.Money("746000000", "EUR"), tier="83(5)",
...                         turnover=gdprfine.Money("338000350201.37", "EUR"))
>>> v.verdict, v.cap.limb
('within', 'turnover')
"""

from __future__ import annotations

from importlib import import_module as _import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gdprfine.amounts import (
        AmountError,
        AmountMention,
        find_amounts,
        format_money,
        parse_amount,
    )
    from gdprfine.articles import (
        ArticleRef,
        Classification,
        classify,
        parse_article,
        parse_articles,
    )
    from gdprfine.caps import (
        Cap,
        combined_cap,
        implied_minimum_turnover,
        legal_maximum,
    )
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
    from gdprfine.dates import (
        FinancialYear,
        PartialDate,
    )
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
    from gdprfine.fx import (
        FxRule,
    )
    from gdprfine.law import (
        Regime,
        Tier,
        regime,
        regime_ids,
    )
    from gdprfine.money import (
        ExchangeRate,
        Money,
    )
    from gdprfine.reference import (
        reference_case,
        reference_cases,
    )
    from gdprfine.trace import (
        TraceStep,
    )

# The public names and the module each comes from. They are imported on first use (PEP 562),
# so `import gdprfine` stays cheap and a name costs only what its own module needs.
_EXPORTS: dict[str, str] = {
    "AmountError": "gdprfine.amounts",
    "AmountMention": "gdprfine.amounts",
    "ArticleRef": "gdprfine.articles",
    "Authority": "gdprfine.cases",
    "Cap": "gdprfine.caps",
    "cap_report": "gdprfine.check",
    "CapReport": "gdprfine.check",
    "case_schema": "gdprfine.cases",
    "CaseRecord": "gdprfine.cases",
    "check_case": "gdprfine.check",
    "check_fine": "gdprfine.check",
    "Classification": "gdprfine.articles",
    "classify": "gdprfine.articles",
    "combined_cap": "gdprfine.caps",
    "CurrencyMismatch": "gdprfine.errors",
    "DatasetError": "gdprfine.errors",
    "ExchangeRate": "gdprfine.money",
    "explain": "gdprfine.check",
    "FinancialYear": "gdprfine.dates",
    "find_amounts": "gdprfine.amounts",
    "format_money": "gdprfine.amounts",
    "FxError": "gdprfine.errors",
    "FxRule": "gdprfine.fx",
    "GdprFineError": "gdprfine.errors",
    "implied_minimum_turnover": "gdprfine.caps",
    "InvalidAmount": "gdprfine.errors",
    "InvalidArticle": "gdprfine.errors",
    "InvalidCaseFile": "gdprfine.errors",
    "InvalidInput": "gdprfine.errors",
    "judge": "gdprfine.check",
    "Judgement": "gdprfine.check",
    "LawLookupError": "gdprfine.errors",
    "legal_maximum": "gdprfine.caps",
    "load_case": "gdprfine.cases",
    "Money": "gdprfine.money",
    "NotApplicable": "gdprfine.errors",
    "parse_amount": "gdprfine.amounts",
    "parse_article": "gdprfine.articles",
    "parse_articles": "gdprfine.articles",
    "parse_case": "gdprfine.cases",
    "PartialDate": "gdprfine.dates",
    "reference_case": "gdprfine.reference",
    "reference_cases": "gdprfine.reference",
    "Regime": "gdprfine.law",
    "regime": "gdprfine.law",
    "regime_ids": "gdprfine.law",
    "Source": "gdprfine.cases",
    "StatusEntry": "gdprfine.cases",
    "Tier": "gdprfine.law",
    "TraceStep": "gdprfine.trace",
    "Turnover": "gdprfine.cases",
    "UnknownCurrency": "gdprfine.errors",
    "Verdict": "gdprfine.check",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib import metadata

        version: str = metadata.version("gdprfine")
        globals()["__version__"] = version
        return version
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'gdprfine' has no attribute {name!r}")
    value = getattr(_import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


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
