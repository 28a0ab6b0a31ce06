"""The HTML of a report: one self-contained page, tables beside charts, amounts in a locale.

The page loads nothing: no script, no font, no image from elsewhere (its Content Security Policy
forbids it), so it opens offline in any browser. Every table is plain HTML with a caption and
header cells, so a screen reader reads it and the browser finds text in it.
"""

from __future__ import annotations

import copy
import html
from collections.abc import Iterable, Sequence
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.numbers import format_compact_currency, format_decimal

from gdprfine.errors import InvalidInput

__all__ = ["Page", "Style", "esc", "table"]


def esc(value: object) -> str:
    """Text for HTML, escaped (None as an empty cell)."""
    return "" if value is None else html.escape(str(value), quote=True)


class Style:
    """How numbers, amounts and countries are written in one locale (babel / CLDR).

    >>> style = Style("de")
    >>> style.money(Decimal("746000000"), "EUR"), style.money(Decimal("2065.35"), "EUR")
    ('746.000.000\\xa0€', '2.065,35\\xa0€')
    >>> style.compact(Decimal("10000000"), "EUR"), style.share(Decimal("0.0552")), style.country("IE")
    ('10\\xa0Mio.\\xa0€', '5,52\\xa0%', 'Irland')
    >>> Style("xx-nowhere")
    Traceback (most recent call last):
    ...
    gdprfine.errors.InvalidInput: --locale: 'xx-nowhere': not a locale babel knows (en, de, fr_BE, ...)
    """

    def __init__(self, locale: str) -> None:
        try:
            self.locale = Locale.parse(locale.replace("-", "_"))
        except (UnknownLocaleError, ValueError, TypeError):
            raise InvalidInput(
                "--locale", locale, "not a locale babel knows (en, de, fr_BE, ...)"
            ) from None
        self.tag = str(self.locale).replace("_", "-")
        pattern = self.locale.currency_formats["standard"]
        self._whole = copy.copy(pattern)
        self._whole.frac_prec = (0, 0)
        self._cents = copy.copy(pattern)
        self._cents.frac_prec = (2, 2)
        self._percent = copy.copy(self.locale.percent_formats[None])
        self._percent.frac_prec = (0, 2)
        self._written: dict[tuple[Decimal, str], str] = {}

    def money(self, amount: Decimal, currency: str) -> str:
        """An amount in full: whole units when it has no cents, else two places (each amount
        is formatted once: a dataset repeats the same fines and caps many times)."""
        key = (amount, currency)
        found = self._written.get(key)
        if found is None:
            whole = amount == amount.to_integral_value()
            pattern = self._whole if whole else self._cents
            found = str(
                pattern.apply(amount, self.locale, currency=currency, currency_digits=False)
            )
            if len(self._written) < 100_000:
                self._written[key] = found
        return found

    def compact(self, amount: Decimal, currency: str) -> str:
        """An amount in short (``€10M``), for the labels of a chart."""
        return format_compact_currency(amount, currency, locale=self.locale, fraction_digits=1)

    def count(self, number: int | Decimal) -> str:
        """A count, grouped as the locale groups digits."""
        return format_decimal(number, locale=self.locale)

    def share(self, fraction: Decimal) -> str:
        """A fraction as a percentage with up to two decimals."""
        return str(self._percent.apply(fraction, self.locale))

    def country(self, code: str) -> str:
        """A country's name in the locale (the code itself when the locale has no name for it)."""
        return str(self.locale.territories.get(code, code))


def table(
    caption: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    numeric: Iterable[int] = (),
    raw: Iterable[int] = (),
    table_id: str = "",
) -> str:
    """A plain HTML table: a caption, header cells, one row per item. Columns in *numeric* are
    right-aligned; cells in *raw* columns are HTML already (everything else is escaped)."""
    right, markup = set(numeric), set(raw)
    ident = f' id="{esc(table_id)}"' if table_id else ""
    head = "".join(
        f'<th scope="col"{" class=num" if i in right else ""}>{esc(h)}</th>'
        for i, h in enumerate(headers)
    )
    body = []
    for row in rows:
        cells = "".join(
            f"<td{' class=num' if i in right else ''}>{cell if i in markup else esc(cell)}</td>"
            for i, cell in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return (
        f"<table{ident}><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


_CSS = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       color: var(--ink); margin: 0 auto; padding: 1.5rem 2rem 4rem; max-width: 1400px; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; } h2 { font-size: 1.25rem; margin: 2.2rem 0 .6rem;
       border-bottom: 1px solid var(--rule); padding-bottom: .25rem; } h3 { font-size: 1.05rem; }
p.lead, p.note, figcaption { color: var(--muted); }
nav ul { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; padding: 0; list-style: none; }
.pair { display: flex; flex-wrap: wrap; gap: 1.5rem; align-items: flex-start; }
.pair figure { flex: 1 1 560px; margin: 0; min-width: 320px; }
.pair figure.wide svg { max-width: 1100px; }
.pair figure.wide { flex-basis: 100%; }
.pair figure.wide + .tables { display: flex; flex-wrap: wrap; gap: 0 2rem; }
.pair .tables { flex: 1 1 380px; overflow-x: auto; }
svg { height: auto; max-width: 100%; display: block; }
table { border-collapse: collapse; margin: 0 0 1rem; font-size: .85rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0 .4rem; }
th, td { padding: .2rem .55rem; border-bottom: 1px solid var(--rule); text-align: left;
         vertical-align: top; }
th { background: #f4f4f6; } td.num, th.num { text-align: right; white-space: nowrap; }
.stats { display: flex; flex-wrap: wrap; gap: .5rem 2rem; margin: .8rem 0; padding: 0; }
.stats div { min-width: 9rem; } .stats dt { color: var(--muted); font-size: .8rem; }
.stats dd { margin: 0; font-size: 1.15rem; font-weight: 600; }
.verdict-within { color: #1b7e57; } .verdict-exceeds { color: #c62828; }
.verdict-undetermined { color: #a66a00; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; }
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


class Page:
    """A page being written: sections in order, a table of contents, one document."""

    def __init__(self, title: str, style: Style) -> None:
        self.title = title
        self.style = style
        self.parts: list[str] = []
        self.sections: list[tuple[str, str]] = []

    def add(self, markup: str) -> None:
        """Add markup (already HTML) to the current section."""
        self.parts.append(markup)

    def section(self, anchor: str, heading: str) -> None:
        """Start a section with a heading that the table of contents links to."""
        self.sections.append((anchor, heading))
        self.parts.append(f'<h2 id="{esc(anchor)}">{esc(heading)}</h2>')

    def pair(self, chart: str, caption: str, tables: Sequence[str], *, wide: bool = False) -> None:
        """A chart with its caption and, beside it, the tables that hold its figures."""
        kind = ' class="wide"' if wide else ""
        self.parts.append(
            f'<div class="pair"><figure{kind}>{chart}<figcaption>{esc(caption)}</figcaption></figure>'
            f'<div class="tables">{"".join(tables)}</div></div>'
        )

    def stats(self, items: Sequence[tuple[str, str]]) -> None:
        """Key figures in a row (a description list)."""
        cells = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in items)
        self.parts.append(f'<dl class="stats">{cells}</dl>')

    def html(self, lead: str, footer: str) -> str:
        """The whole document."""
        toc = "".join(f'<li><a href="#{esc(a)}">{esc(h)}</a></li>' for a, h in self.sections)
        return (
            "<!DOCTYPE html>\n"
            f'<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta name="generator" content="gdprfine">'
            f"<title>{esc(self.title)}</title><style>{_CSS}</style></head>\n<body>"
            f'<header><h1>{esc(self.title)}</h1><p class="lead">{esc(lead)}</p>'
            f'<nav aria-label="Sections"><ul>{toc}</ul></nav></header>\n<main>'
            + "\n".join(self.parts)
            + f"</main>\n<footer>{esc(footer)}</footer></body></html>\n"
        )
