"""The trace of an estimate, step by step, under each scheme: what each step establishes, its
figures and the source it cites. The trace is how a user checks the range, so one conduct per
scheme is shown in full, and each branch of step 2 to step 4 once."""

from __future__ import annotations

from gdprfine.estimate import Conduct, Estimate, estimate, model
from gdprfine.money import Money

Step = tuple[str, str, str, str]

EDPB = "EDPB Guidelines 04/2022"
DSK = "DSK Bußgeldkonzept"
AP = "Boetebeleidsregels AP 2019"
CONDUCT = "one sanctionable conduct, one fine under the gravest infringement's cap"
CLASSIFY_6: Step = (
    "step 1: classify Art. 6", "Art. 6 GDPR is listed in Art. 83(5)(a)", "Article 83(5)(a)", "",
)  # fmt: skip
NO_ADJUSTMENT = "no adjustment stated (the method gives no percentages; none is assumed)"
NOT_CARRIED = "the position within the EDPB band does not carry over to this scheme"
CORRESPONDENCE = "gdprfine correspondence [check]"


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def steps(result: Estimate) -> list[Step]:
    (conduct,) = result.conducts
    return [(s.step, s.value, s.reference, s.note) for s in conduct.steps]


def step(result: Estimate, label: str) -> list[Step]:
    return [s for s in steps(result) if s[0].startswith(label)]


def step5(result: Estimate) -> Step:
    return (
        "step 5: effectiveness, proportionality, dissuasiveness",
        result.caveat,
        f"{EDPB}, step 5; Article 83(1) [secondary]",
        "",
    )


def test_the_edpb_trace() -> None:
    conduct = Conduct.of(
        "Art. 6, Art. 24", "high", position="100%", adjustments=["f:-5%:helped"], name="ads"
    )
    result = estimate([conduct], eur("5000000"))
    assert steps(result) == [
        ("step 1: conduct", f"ads: {CONDUCT}", f"{EDPB}, step 1; Article 83(3) [secondary]; Article 83(3)", ""),
        CLASSIFY_6,
        (
            "step 1: classify Art. 24",
            "Art. 24 GDPR is not listed in Art. 83(4)-(6): it carries no fine under Art. 83 by "
            "itself",
            "Art. 83(4)-(6)",
            "",
        ),
        ("step 1: gravest infringement", "Art. 83(5); legal maximum EUR 20 000 000 (static limb)", "Article 83(5)", ""),
        (
            "step 2: classification",
            "Art. 83(5), legal maximum EUR 20 000 000",
            f"{EDPB}, step 2 [secondary]; Article 83(5)",
            "",
        ),
        (
            "step 2: seriousness",
            "high: 20 % - 100 % of the legal maximum, at 100 % -> EUR 20 000 000 - EUR 20 000 000",
            f"{EDPB}, para 60 [secondary]",
            "Quoted from the PDF by secondary summaries.",
        ),
        (
            "step 2: turnover",
            "EUR 5 000 000, above EUR 2 000 000 up to EUR 10 000 000: 0.3 % - 2 % of the "
            "starting amount [check]",
            f"{EDPB}, para 65 [check]",
            "Not confirmed from the PDF itself.",
        ),
        ("step 2: starting point", "EUR 60 000 - EUR 400 000", "", ""),
        (
            "step 3: adjustment",
            "Art. 83(2)(f) the degree of cooperation with the supervisory authority: mitigating "
            "-5 %: helped",
            f"Article 83(2); {EDPB}, para 96 [check]",
            "allowed only if: cooperation that the law requires (Art. 31) is neutral; only "
            f"cooperation beyond it may mitigate ({EDPB}, para 96 [check])",
        ),
        ("step 3: factor", "both ends x 95 %", f"{EDPB}, step 3; Article 83(2) [secondary]", ""),
        (
            "step 4: legal maximum",
            "EUR 20 000 000 (Art. 83(5), static limb)",
            f"{EDPB}, step 4; Article 83(4)-(6) [secondary]; Article 83(5)",
            "",
        ),
        ("step 4: capping", "the range lies within the legal maximum", "", ""),
        ("step 4: range", "EUR 57 000 - EUR 380 000", "", ""),
        step5(result),
    ]


RATE_NOTE = (
    "The whole-euro values (972, 2 917, 9 722, 24 306, 243 056) as reproduced by "
    "aigner-business-solutions.com, and the rounding as mmv-recht.de describes it; the concept's "
    "PDF was not read. Above EUR 500 m (actual turnover) the same rounding is assumed."
)
WHOLE = (
    "(rounded half up to whole euros ('auf die Vorkommastelle'), as the concept's table states "
    "the economic base values [secondary])"
)


def test_the_dsk_trace_of_an_open_ended_degree_above_the_last_class() -> None:
    result = estimate([Conduct.of("Art. 6", "high", position="50%")], eur("1000000000"), model="dsk")
    assert steps(result) == [
        ("step 1: conduct", f"conduct 1: {CONDUCT}", "Article 83(3)", ""),
        CLASSIFY_6,
        ("step 1: gravest infringement", "Art. 83(5); legal maximum EUR 40 000 000 (turnover limb)", "Article 83(5)", ""),
        (
            "step 2: size class and daily rate (DSK steps 1-3)",
            f"D.VII: actual turnover EUR 1 000 000 000 / 360 = daily rate EUR 2 777 778 {WHOLE}",
            f"{DSK}, step 1 and annex (size classes A.I-D.VII) [secondary]; {DSK}, steps 2-3 "
            f"[secondary]; {DSK}, step 3 (table of economic base values) [secondary]",
            RATE_NOTE,
        ),
        (
            "step 2: severity factor (DSK step 4)",
            "seriousness high read as 'serious' or 'very serious' [check]: factor 8 and above",
            f"{DSK}, step 4 (severity factors) [secondary]; {CORRESPONDENCE}",
            "Neither the DSK nor the EDPB states this correspondence; it is gdprfine's, for "
            "comparison only.",
        ),
        ("step 2: position", NOT_CARRIED, "", ""),
        ("step 3: adjustments", NO_ADJUSTMENT, f"{DSK}, step 5 [secondary]", ""),
        ("step 3: factor", "both ends x 100 %", f"{DSK}, step 5 [secondary]", ""),
        ("step 4: legal maximum", "EUR 40 000 000 (Art. 83(5), turnover limb)", "Article 83(5)", ""),
        ("step 4: capping", "the high end is open in this scheme: it is the legal maximum", "", ""),
        ("step 4: range", "EUR 22 222 224 - EUR 40 000 000", "", ""),
        step5(result),
    ]


def test_the_dsk_step_2_of_a_size_class_with_a_mean_turnover() -> None:
    result = estimate([Conduct.of("Art. 32", "low")], eur("600000"), model="dsk")
    assert [s[:2] for s in step(result, "step 2")] == [
        (
            "step 2: size class and daily rate (DSK steps 1-3)",
            f"A.I: mean turnover EUR 350 000 / 360 = daily rate EUR 972 {WHOLE}",
        ),
        ("step 2: severity factor (DSK step 4)", "seriousness low read as 'light' [check]: factor 1 - 2"),
    ]


def test_the_ap_trace_of_a_repeat_with_an_unknown_turnover() -> None:
    result = estimate([Conduct.of("Art. 6", "high", position="50%")], None, model="ap", repeat=True)
    assert steps(result) == [
        ("step 1: conduct", f"conduct 1: {CONDUCT}", "Article 83(3)", ""),
        CLASSIFY_6,
        (
            "step 1: gravest infringement",
            "Art. 83(5); legal maximum EUR 20 000 000 (static limb, a lower bound: the "
            "undertaking's turnover is unknown)",
            "Article 83(5)",
            "",
        ),
        (
            "step 2: fine category",
            "the annex category of these provisions is not recorded; seriousness high read as "
            "category III or category IV within the categories of Art. 83(5) (I, II, III, IV) "
            "[check]: EUR 300 000 - EUR 1 000 000 (base fine EUR 525 000, EUR 725 000)",
            f"{AP}, fine categories I-IV [secondary]; {AP}, Arts 2.1 and 2.2, Annexes 1 and 2; "
            f"{CORRESPONDENCE}",
            "The AP assigns categories by provision, not by seriousness; this correspondence is "
            "gdprfine's, for comparison only.",
        ),
        (
            "step 2: paragraph needed",
            "Art. 6 is cited without a paragraph, and its annex category is recorded by paragraph "
            "(Art. 6(1): category III [primary]): the category above is read from the seriousness "
            "instead and may not be the annex's; cite the paragraph infringed",
            f"{AP}, Annex 2 (Art. 6(1) with Art. 5(1)(a)); AP decision A.S. Watson, 2 May 2024, "
            "para 112",
            "",
        ),
        ("step 2: position", NOT_CARRIED, "", ""),
        ("step 3: adjustments", NO_ADJUSTMENT, f"{AP}, adjustment of the base fine [secondary]", ""),
        ("step 3: factor", "both ends x 100 %", f"{AP}, adjustment of the base fine [secondary]", ""),
        (
            "step 3: repeat",
            "repeat within five years: + 50 % of the fine set for the circumstances",
            f"{AP}, Art. 8.2 (recidive, defined in Art. 1(d)) [secondary]",
            model("ap").repeat_reference.note,
        ),
        ("step 4: legal maximum", "EUR 20 000 000 (Art. 83(5), static limb)", "Article 83(5)", ""),
        ("step 4: capping", "the range lies within the legal maximum", "", ""),
        ("step 4: range", "EUR 450 000 - EUR 1 500 000", "", ""),
        step5(result),
    ]


def test_the_edpb_step_2_without_a_size_adjustment() -> None:
    unknown = estimate([Conduct.of("Art. 6", "medium")], None)
    assert step(unknown, "step 2: turnover") == [
        (
            "step 2: turnover",
            "unknown: no turnover adjustment; for a turnover up to EUR 500 000 000 the range "
            "would be lower",
            "",
            "",
        )
    ]
    person = estimate([Conduct.of("Art. 6", "medium")], eur("1000"), undertaking=False)
    assert step(person, "step 2: turnover") == [
        (
            "step 2: turnover",
            "not an undertaking: no turnover adjustment (the turnover adjustment concerns undertakings)",
            "",
            "",
        )
    ]
    assert step(person, "step 1: gravest")[0][1] == (
        "Art. 83(5); legal maximum EUR 20 000 000 (static limb; not an undertaking: the static "
        "amount)"
    )
    large = estimate([Conduct.of("Art. 6", "high")], eur("600000000"))
    assert step(large, "step 2: turnover") == [
        (
            "step 2: turnover",
            "EUR 600 000 000: none above EUR 500 000 000 (the legal maximum is already "
            "turnover-based)",
            f"{EDPB}, paras 65-66 [secondary]",
            "",
        )
    ]


def test_the_trace_of_a_capped_range_and_of_a_net_mitigation() -> None:
    up = estimate(
        [Conduct.of("Art. 6", "high", adjustments=["k:+50%:profit"])], eur("1000000000")
    )
    assert [s[:2] for s in step(up, "step 4")] == [
        ("step 4: legal maximum", "EUR 40 000 000 (Art. 83(5), turnover limb)"),
        (
            "step 4: capping",
            "capped: the range EUR 12 000 000 - EUR 60 000 000 exceeds the legal maximum",
        ),
        ("step 4: range", "EUR 12 000 000 - EUR 40 000 000"),
    ]
    down = estimate(
        [Conduct.of("Art. 6", "low", adjustments=["c:-60%:repaired", "f:-60%:cooperated"])],
        eur("1000000"),
    )
    assert step(down, "step 3: factor")[0][1] == "net -120 %: the amount cannot fall below zero"


def test_the_edpb_starting_point_is_rounded_outward_to_the_cent() -> None:
    """Above EUR 500 m the cap is 4 % of a turnover with cents, so the shares have sub-cent
    digits: the low end is rounded down and the high end up, never to the nearest cent."""
    medium = estimate([Conduct.of("Art. 6", "medium")], eur("600000000.13"))
    assert [s[:2] for s in step(medium, "step 2: s")] == [
        (
            "step 2: seriousness",
            "medium: 10 % - 20 % of the legal maximum -> EUR 2 400 000 - EUR 4 800 000.01",
        ),
        ("step 2: starting point", "EUR 2 400 000 - EUR 4 800 000.01"),
    ]
    high = estimate([Conduct.of("Art. 6", "high")], eur("600000000.99"))
    # The legal maximum is EUR 24 000 000.0396: the high end is not rounded up above it.
    assert step(high, "step 2: starting point")[0][1] == "EUR 4 800 000 - EUR 24 000 000.03"


def test_an_infringement_under_two_points_cites_both_and_the_caveat_is_said_once_each() -> None:
    result = estimate([Conduct.of("Art. 58(2)", "low")], eur("5000000"), model="ap")
    assert step(result, "step 1: classify")[0][2] == "Article 83(5)(e), Article 83(6)"
    assert result.caveat == f"{model('ap').caveat} {model('edpb').caveat}"
    assert estimate([Conduct.of("Art. 6", "low")], None).caveat == model("edpb").caveat
