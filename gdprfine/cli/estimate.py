"""``gdprfine estimate``: the likely range of a fine, step by step (EDPB 04/2022 and others)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from gdprfine.cli._app import (
    FxOption,
    FyOption,
    LocaleOption,
    TurnoverOfOption,
    check_locale,
    command,
    emit_json,
    fail,
    parse_date,
    parse_financial_year,
    parse_money,
    user_errors,
    whose_turnover,
)
from gdprfine.errors import InvalidInput

if TYPE_CHECKING:
    from gdprfine.estimate import Adjustment, Comparison, Conduct

__all__ = ["estimate"]



def _models(text: str) -> list[str] | None:
    from gdprfine.law import model_ids

    key = text.strip().lower()
    if key == "all":
        return None
    if key not in model_ids():
        fail(f"--model: {text!r}: one of {', '.join(model_ids())} or all")
    return [key]


def _adjustments(texts: list[str], conducts: int) -> list[list[Adjustment]]:
    from gdprfine.estimate import Adjustment

    result: list[list[Adjustment]] = [[] for _ in range(conducts)]
    for text in texts:
        head, sep, rest = text.partition(":")
        if sep and head.strip().isdigit():
            index = int(head)
            if not 1 <= index <= conducts:
                fail(f"--adjust: {text!r}: there is no conduct {index} (1-{conducts})")
            result[index - 1].append(Adjustment.parse(rest))
        elif conducts > 1:
            fail(
                f"--adjust: {text!r}: with several conducts, start with the conduct's number, "
                "e.g. '2:f:-10%:cooperated'"
            )
        else:
            result[0].append(Adjustment.parse(text))
    return result


def _paired(values: list[str], count: int, option: str) -> list[str | None]:
    if not values:
        return [None] * count
    if len(values) == 1:
        return [values[0]] * count
    if len(values) != count:
        fail(f"{option}: give one for every --articles ({count}) or one for all")
    return list(values)


def _conducts(
    articles: list[str], seriousness: list[str], positions: list[str], adjust: list[str]
) -> list[Conduct]:
    from gdprfine.estimate import Conduct

    levels = _paired(seriousness, len(articles), "--seriousness")
    places = _paired(positions, len(articles), "--position")
    stated = _adjustments(adjust, len(articles))
    conducts = []
    for number, (text, level, place, adjustments) in enumerate(
        zip(articles, levels, places, stated, strict=True), start=1
    ):
        if level is None:
            fail("--seriousness: required (low, medium or high)")
        conducts.append(
            Conduct.of(
                text,
                level,
                position=place,
                adjustments=adjustments,
                name=f"conduct {number}" if len(articles) > 1 else "",
            )
        )
    return conducts


def _case_comparison(
    casefile: Path,
    models: list[str] | None,
    seriousness: list[str],
    position: list[str],
    adjust: list[str],
    repeat: bool,
) -> Comparison:
    """The ranges for a case file, with one seriousness and at most one position."""
    from gdprfine.cases import load_case
    from gdprfine.estimate import estimate_case

    if len(seriousness) != 1:
        fail("--seriousness: give one level (low, medium or high) for the case")
    if len(position) > 1:
        fail("--position: give at most one for the case")
    return estimate_case(
        load_case(casefile),
        seriousness[0],
        models=models,
        position=position[0] if position else None,
        adjustments=_adjustments(adjust, 1)[0],
        repeat=repeat,
    )


# The command's arguments and options, declared once here so that the command reads as what it
# does.
_CaseFile = Annotated[
    Path | None,
    typer.Argument(
        help="A case file (.toml or .json): its articles, turnover, fine and decision date.",
        show_default=False,
    ),
]
_Articles = Annotated[
    list[str] | None,
    typer.Option(
        "--articles",
        help='Infringed articles of one conduct, e.g. "Art. 6(1), Art. 13". Repeat for '
        "separate conducts (separate fines, separate caps).",
    ),
]
_Seriousness = Annotated[
    list[str] | None,
    typer.Option(
        "--seriousness",
        help="low, medium or high (EDPB 04/2022 para 60); one for all conducts or one each.",
    ),
]
_Position = Annotated[
    list[str] | None,
    typer.Option(
        "--position",
        help="Starting point as a share of the legal maximum within the band, e.g. '100%'.",
    ),
]
_Turnover = Annotated[
    str | None,
    typer.Option(
        "--turnover",
        help="The undertaking's worldwide annual turnover of the preceding financial year: the "
        "whole group's (CJEU C-807/21), e.g. '50000000 EUR'; in another currency, give --fy "
        "or --fx decision-date with --date.",
    ),
]
_Undertaking = Annotated[
    bool,
    typer.Option(
        "--undertaking/--no-undertaking",
        help="--no-undertaking: not an undertaking (static cap, no turnover adjustment).",
    ),
]
_Adjust = Annotated[
    list[str] | None,
    typer.Option(
        "--adjust",
        help="A step-3 adjustment you state: FACTOR:+N%:REASON (aggravating) or "
        "FACTOR:-N%:REASON (mitigating), FACTOR one of Art. 83(2) (c)-(f), (h)-(k); "
        "with several conducts prefix the conduct's number, e.g. '2:f:-10%:cooperated'.",
    ),
]
_Fine = Annotated[
    str | None,
    typer.Option("--fine", help="A known fine, to place against the range, e.g. '50000 EUR'."),
]
_Date = Annotated[
    str | None,
    typer.Option("--date", help="Decision date (YYYY-MM-DD): the law in force on that day."),
]
_Repeat = Annotated[
    bool,
    typer.Option("--repeat", help="AP 2019 scheme: a repeat within five years (+50 %)."),
]
_Model = Annotated[
    str,
    typer.Option(
        "--model",
        help=(
            "edpb, dsk (DSK 2019), ap (AP 2019), ico (ICO 2024, UK GDPR, amounts in GBP) or "
            "all: every method of the case's regime (EU GDPR without a case file), side by side."
        ),
    ),
]
_Json = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@command("estimate")
def estimate(
    casefile: _CaseFile = None,
    articles: _Articles = None,
    seriousness: _Seriousness = None,
    position: _Position = None,
    turnover: _Turnover = None,
    undertaking: _Undertaking = True,
    adjust: _Adjust = None,
    fine: _Fine = None,
    decision_date: _Date = None,
    repeat: _Repeat = False,
    model: _Model = "edpb",
    as_json: _Json = False,
    fy: FyOption = None,
    fx: FxOption = None,
    turnover_of: TurnoverOfOption = None,
    locale: LocaleOption = None,
) -> None:
    """The likely range of a fine (EDPB 04/2022 five steps), every step shown.

    A starting orientation, not a fine.
    """
    from gdprfine.estimate import compare

    models = _models(model)
    locale = check_locale(locale)
    with user_errors():
        if casefile is not None:
            for name, given in (
                ("--articles", articles),
                ("--turnover", turnover),
                ("--fine", fine),
                ("--date", decision_date),
                ("--fy", fy),
                ("--fx", fx),
                ("--turnover-of", turnover_of),
            ):
                if given:
                    fail(f"{name}: the case file gives it; do not repeat it with a case file")
            if not undertaking:
                fail("--no-undertaking: the case file says whether it is an undertaking")
            result = _case_comparison(
                casefile, models, seriousness or [], position or [], adjust or [], repeat
            )
        else:
            if not articles:
                fail("give a case file or --articles (with --seriousness)")
            if not seriousness:
                fail("--seriousness: required (low, medium or high)")
            conducts = _conducts(articles, seriousness, position or [], adjust or [])
            result = compare(
                conducts,
                parse_money(turnover, "--turnover", locale) if turnover else None,
                models=models,
                undertaking=undertaking,
                on=parse_date(decision_date, "--date"),
                fine=parse_money(fine, "--fine", locale) if fine else None,
                repeat=repeat,
                financial_year=parse_financial_year(fy),
                fx_rule=fx,
            )
        if not result.estimates:
            raise InvalidInput(
                "--model", model, "; ".join(f"{s.model}: {s.reason}" for s in result.skipped)
            )
        if repeat and all(e.model != "ap" for e in result.estimates):
            fail(
                "--repeat: applies to the AP 2019 scheme only (--model ap or all); under the "
                "other methods state a repeat as a step-3 adjustment, e.g. --adjust 'e:+20%:REASON'"
            )
    whose_turnover(turnover, turnover_of, undertaking)
    if as_json:
        emit_json(result)
    else:
        from gdprfine.cli.render import Display, render_comparison

        typer.echo(render_comparison(result, Display(locale)))
