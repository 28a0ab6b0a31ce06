"""Article references: read them as real records write them, and map them to Art. 83 tiers.

Decisions, trackers and the press cite articles in many shapes. :func:`parse_articles` reads
them into :class:`ArticleRef` values; :func:`classify` maps each to the point of
Art. 83(4)-(6) that lists it, and a list to its gravest tier.

>>> [str(r) for r in parse_articles("Art. 5 (1) a), c) GDPR, Art. 6 (1) GDPR")]
['Art. 5(1)(a) GDPR', 'Art. 5(1)(c) GDPR', 'Art. 6(1) GDPR']
>>> [str(r) for r in parse_articles("5(1)(f), 9(1), 32")]
['Art. 5(1)(f)', 'Art. 9(1)', 'Art. 32']
>>> [str(r) for r in parse_articles("artikel 6, lid 1, sub f AVG; art. 5 ust. 1 lit. a RODO")]
['Art. 6(1)(f) AVG', 'Art. 5(1)(a) RODO']
>>> c = classify(parse_articles("Art. 6(1), Art. 13, Art. 24 GDPR"))
>>> c.tier.id, [i.point for i in c.items]
('83(5)', ['83(5)(a)', '83(5)(b)', None])
>>> c.items[2].reason
'Art. 24 GDPR is not listed in Art. 83(4)-(6): it carries no fine under Art. 83 by itself'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from gdprfine.errors import InvalidArticle
from gdprfine.law import Provision, Regime, Tier, regime
from gdprfine.law.national import OutsideLaw, outside_law
from gdprfine.memo import remember

__all__ = [
    "ArticleClass",
    "ArticleReading",
    "ArticleRef",
    "Classification",
    "classify",
    "parse_article",
    "parse_articles",
    "read_articles",
]

MAX_REFERENCE_TEXT = 10_000


@dataclass(frozen=True, slots=True, order=True)
class ArticleRef:
    """One cited provision: article, optional paragraph and point, and the law it is of.

    ``law`` is the law named in the citation as written (``GDPR``, ``DSGVO``, ``BDSG``), or
    ``None`` when the citation names none.

    >>> ArticleRef(6, paragraph=1, point="f", law="GDPR")
    ArticleRef('Art. 6(1)(f) GDPR')
    """

    article: int
    suffix: str | None = None
    paragraph: int | None = None
    point: str | None = None
    law: str | None = None
    section_sign: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        text = f"{'§' if self.section_sign else 'Art.'} {self.article}"
        if self.suffix:
            text += f"-{self.suffix}"
        if self.paragraph is not None:
            text += f"({self.paragraph})"
        if self.point is not None:
            text += f"({self.point})"
        if self.law:
            text += f" {self.law}"
        return text

    def __repr__(self) -> str:
        return f"ArticleRef({str(self)!r})"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate_ref,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "description": "An article reference, such as 'Art. 6(1)(f) GDPR'."}


def _validate_ref(value: object) -> ArticleRef:
    if isinstance(value, ArticleRef):
        return value
    if isinstance(value, str):
        return parse_article(value)
    raise InvalidArticle("articles", value, "an article reference is a string such as 'Art. 6(1)(f) GDPR'")


# A break never starts inside a run of spaces, only where the run starts: the leftmost break
# is the same, and a long run of spaces is scanned once instead of once per space. Every break
# starts with a space, one of |;,& or a word beginning with a vowel or y (and, und, et, en, i,
# y, e, o): the first lookahead passes over every other position at the cost of one test.
_CHUNK_BREAK = re.compile(
    r"(?=[\s|;,&]|\b[aeiouy])(?:(?!\s)|(?<!\s))(?:\s*[|;\n]\s*"
    r"|\s+(?=art(?:icle|ikel|\.)\s*\d)"
    r"|\s*(?:,|\band\b|\bund\b|\bet\b|\ben\b|\bi\b|\by\b|\be\b|\bo\b|&)\s*"
    r"(?=(?:art(?:icle|ikel|ículo|igo|icolo|ykuł|\.)?\s*\d|§|\d)))",
    re.IGNORECASE,
)
_HEAD = re.compile(
    r"\s*(?P<sign>§+|art(?:icles?|ikel|ículo|igo|icolo|ykuł|s?\.)?|arts?\.?)?\s*"
    r"(?P<num>\d{1,4})(?:\s*[-–]\s*(?P<to>\d{1,4})\b)?(?:\s*-\s*|\s+)?(?P<suffix>bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)?\b",
    re.IGNORECASE,
)
_TOKENS = re.compile(
    r"(?P<sep>\s*,\s*|\s+)"
    r"|\((?P<para>\d{1,3})\)"
    r"|(?:lid|ust\.?|abs\.?|absatz|paragraph|paragraphe|para\.?|par\.?|al\.?|alinéa|comma|apartado|"
    r"odst\.?|bekezdés|stk\.?|nr\.?)\s*(?P<para2>\d{1,3})\b"
    r"|(?:lit\.?|sub|onder|point|pkt\.?|letter|lett\.?|littera|punt|písm\.?|bod)\s*\(?(?P<point2>[a-z])\)?(?![\w])"
    r"|\(?(?P<point>[a-z]{1,4})\)(?![\w])"
    r"|(?P<filler>(?:du|de|der|des|of the|of|van de|van|della|del|da|do|dell')\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ArticleReading:
    """What a text of references yields: the references and the parts that could not be read."""

    refs: tuple[ArticleRef, ...]
    unreadable: tuple[str, ...]


def _parse_chunk(chunk: str) -> tuple[list[ArticleRef], str | None, bool, str]:
    """Parse one citation; returns (refs, law, bare, rest) or raises InvalidArticle."""
    head = _HEAD.match(chunk)
    if not head or not head["num"]:
        raise InvalidArticle("articles", chunk)
    number = int(head["num"])
    if number == 0:
        raise InvalidArticle("articles", chunk, "article numbers start at 1")
    suffix = head["suffix"].lower() if head["suffix"] else None
    sign = head["sign"] or ""
    section_sign = sign.startswith("§")
    pos = head.end()
    pairs: list[tuple[int | None, str | None]] = []
    paragraph: int | None = None
    pending_point = False
    while pos < len(chunk):
        token = _TOKENS.match(chunk, pos)
        if not token or token.end() == pos:
            break
        pos = token.end()
        if token["para"] or token["para2"]:
            if paragraph is not None and not pending_point:
                pairs.append((paragraph, None))
            paragraph = int(token["para"] or token["para2"])
            pending_point = False
        elif token["point"] or token["point2"]:
            pairs.append((paragraph, (token["point"] or token["point2"]).lower()))
            pending_point = True
    if paragraph is not None and not pending_point:
        pairs.append((paragraph, None))
    tail, _, rest = chunk[pos:].partition(",")
    law = re.sub(r"\s+", " ", tail).strip(" .") or None
    if law is not None and not re.search(r"[^\W\d_]", law):
        raise InvalidArticle("articles", chunk, "unexpected text after the article number")
    if law is not None and len(law) > 80:
        raise InvalidArticle("articles", chunk, "the law name is too long")
    if not pairs:
        pairs = [(None, None)]
    last = int(head["to"]) if head["to"] else number
    if last < number or last - number > 99 or (last != number and pairs != [(None, None)]):
        raise InvalidArticle("articles", chunk, "not a valid range of articles")
    refs = [
        ArticleRef(n, suffix, para, point, law, section_sign)
        for n in range(number, last + 1)
        for para, point in pairs
    ]
    return refs, law, not sign, rest.strip()


_CHUNKS: dict[str, tuple[list[ArticleRef], str | None, bool, str]] = {}
"""Citations read before (a tracker cites the same few hundred articles in its lists of them),
at most a few thousand, each up to 256 characters; their lists are never changed."""


def _read_chunk(chunk: str) -> tuple[list[ArticleRef], str | None, bool, str]:
    parsed = _parse_chunk(chunk)
    return remember(_CHUNKS, chunk, parsed, 4_096) if len(chunk) <= 256 else parsed


def read_articles(text: str) -> ArticleReading:
    """Read every reference in *text*, keeping what cannot be read instead of failing.

    >>> r = read_articles("Art. 6 (1) f) GDPR, § 26 BDSG | Unknown")
    >>> [str(x) for x in r.refs], r.unreadable
    (['Art. 6(1)(f) GDPR', '§ 26 BDSG'], ('Unknown',))
    """
    if len(text) > MAX_REFERENCE_TEXT:
        return ArticleReading((), (text[:40] + "...",))
    refs: list[ArticleRef] = []
    unreadable: list[str] = []
    groups: list[tuple[list[ArticleRef], str | None, bool]] = []
    pending = [raw.strip() for raw in _CHUNK_BREAK.split(text)]
    pending.reverse()
    while pending:
        chunk = pending.pop()
        if not chunk:
            continue
        try:
            chunk_refs, law, bare, rest = _CHUNKS.get(chunk) or _read_chunk(chunk)
        except InvalidArticle:
            unreadable.append(chunk)
            continue
        groups.append((chunk_refs, law, bare))
        if rest:
            pending.append(rest)
    # A citation that names no law takes the law of the bare continuation that follows it:
    # in "Art. 13, 14 GDPR" both articles are GDPR articles.
    for index in range(len(groups) - 2, -1, -1):
        chunk_refs, law, _ = groups[index]
        _, next_law, next_bare = groups[index + 1]
        if law is None and next_law is not None and next_bare:
            groups[index] = ([_with_law(r, next_law) for r in chunk_refs], next_law, groups[index][2])
    for chunk_refs, _, _ in groups:
        refs.extend(chunk_refs)
    return ArticleReading(tuple(refs), tuple(unreadable))


def _with_law(ref: ArticleRef, law: str) -> ArticleRef:
    return ArticleRef(ref.article, ref.suffix, ref.paragraph, ref.point, law, ref.section_sign)


def parse_articles(text: str | Iterable[str]) -> list[ArticleRef]:
    """Read a list of references; any part that is not a reference is an error.

    >>> parse_articles("Art. 5 (1) f) GDPR, Unknown")
    Traceback (most recent call last):
    ...
    gdprfine.errors.InvalidArticle: articles: 'Unknown': not an article reference
    """
    if not isinstance(text, str | Iterable):
        raise InvalidArticle("articles", text, "expected text such as 'Art. 6(1), Art. 13'")
    texts = [text] if isinstance(text, str) else list(text)
    refs: list[ArticleRef] = []
    for item in texts:
        if not isinstance(item, str):
            raise InvalidArticle("articles", item, "an article reference is a string such as 'Art. 6(1)(f) GDPR'")
        reading = read_articles(item)
        if reading.unreadable:
            raise InvalidArticle("articles", reading.unreadable[0])
        if not reading.refs:
            raise InvalidArticle("articles", item, "no article reference found")
        refs.extend(reading.refs)
    return refs


def parse_article(text: str) -> ArticleRef:
    """Read exactly one reference.

    >>> parse_article("Article 13 GDPR")
    ArticleRef('Art. 13 GDPR')
    >>> parse_article("Art.32 DSGVO")
    ArticleRef('Art. 32 DSGVO')
    """
    refs = parse_articles(text)
    if len(refs) != 1:
        raise InvalidArticle("article", text, f"expected one reference, found {len(refs)}")
    return refs[0]


@dataclass(frozen=True, slots=True)
class ArticleClass:
    """How one reference maps to Art. 83: the points that list it, or why none does."""

    ref: ArticleRef
    provisions: tuple[Provision, ...]
    reason: str
    need: str | None = None
    """What to give instead, for a citation that names no fineable infringement by itself."""
    caveat: str | None = None
    """Why a fineable reading is not certain (an article cited without its point)."""
    outside: OutsideLaw | None = None
    """The law outside Art. 83 that the reference is a provision of, if recognised."""

    @property
    def point(self) -> str | None:
        """The first point of Art. 83(4)-(6) listing the reference, if any."""
        return self.provisions[0].point if self.provisions else None

    @property
    def fineable(self) -> bool:
        """Whether an infringement of this provision is fined under Art. 83 by itself."""
        return bool(self.provisions)


@dataclass(frozen=True, slots=True)
class Classification:
    """A list of references mapped to tiers; ``tier`` is the gravest, or None if none is fineable."""

    regime: Regime
    items: tuple[ArticleClass, ...]
    tier: Tier | None
    fineable: tuple[ArticleClass, ...] = field(init=False, compare=False)
    """The references listed in Art. 83(4)-(6)."""
    not_fineable: tuple[ArticleClass, ...] = field(init=False, compare=False)
    """The references that carry no fine under Art. 83 by themselves."""
    outside: tuple[OutsideLaw, ...] = field(init=False, compare=False)
    """The laws outside Art. 83 that some references are provisions of, each once."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "fineable", tuple(i for i in self.items if i.fineable))
        object.__setattr__(self, "not_fineable", tuple(i for i in self.items if not i.fineable))
        laws = {i.outside.id: i.outside for i in self.items if i.outside is not None}
        object.__setattr__(self, "outside", tuple(laws.values()))


def _classify_one(ref: ArticleRef, law: Regime) -> ArticleClass:
    name = f"{'§' if ref.section_sign else 'Art.'} {ref.article}{'-' + ref.suffix if ref.suffix else ''}"
    if ref.law is not None and not law.is_law_name(ref.law):
        other = outside_law(ref.law)
        if other is not None and other.covers(ref.article):
            return _outside(ref, other)
        return ArticleClass(ref, (), f"{ref} is not a provision of the {law.short}: not fined under its Art. 83")
    if ref.section_sign or ref.suffix:
        return ArticleClass(ref, (), f"{ref} is not an article of the {law.short}")
    if ref.article > law.article_count:
        return ArticleClass(
            ref, (), f"the {law.short} has Articles 1-{law.article_count}; there is no {name}"
        )
    other = outside_law(None, gdpr_article=ref.article)
    if other is not None:
        return _outside(ref, other)
    excluded = law.exclusion_for(ref.article, ref.paragraph, ref.point)
    if excluded is not None:
        return ArticleClass(ref, (), f"{ref}: {excluded.reason}", excluded.need)
    provisions = tuple(law.provisions_for(ref.article, ref.paragraph, ref.point))
    if provisions:
        points = ", ".join(f"Art. {p.point}" for p in provisions)
        return ArticleClass(ref, provisions, f"{name} {law.short} is listed in {points}")
    alone = tuple(
        p
        for p in law.provisions
        if ref.article in p.cited_alone
        and (ref.paragraph is None or any(n == ref.article and para == ref.paragraph for n, para, _ in p.articles))
    )
    if alone and ref.point is None:
        points = ", ".join(f"Art. {p.point}" for p in alone)
        caveat = f"{ref} is taken under {points}: {alone[0].cited_alone_note}"
        return ArticleClass(ref, alone, caveat, caveat=caveat)
    partial = [p for p in law.provisions if p.covers_some_paragraph_of(ref.article)]
    if partial:
        listed = ", ".join(
            f"Art. {n}({para}){_points(found)} in Art. {p.point}"
            for p in partial
            for n, para, found in p.articles
            if n == ref.article
        )
        hint = " (give the paragraph)" if ref.paragraph is None else ""
        return ArticleClass(
            ref, (), f"{ref} is not listed in Art. 83(4)-(6) as cited; only {listed}{hint}"
        )
    return ArticleClass(
        ref,
        (),
        f"{name} {law.short} is not listed in Art. 83(4)-(6): it carries no fine under Art. 83 by itself",
    )


class _Known:
    """What :func:`classify` has worked out for one regime: each reference's class (keyed with
    its section sign, which equality ignores but the class shows), and each tier's gravity and
    place in the Regulation's order. The regime and the law data are immutable, so a class
    found once holds for every later citation of the same reference."""

    __slots__ = ("classes", "law", "order", "ranks", "tiers")

    def __init__(self, law: Regime) -> None:
        self.law = law
        self.classes: dict[tuple[ArticleRef, bool], ArticleClass] = {}
        self.order = law.tier_ids()
        self.ranks: dict[str, tuple[int, int]] = {}
        self.tiers: dict[tuple[str, date | None], Tier] = {}

    def classify(self, ref: ArticleRef) -> ArticleClass:
        return remember(self.classes, (ref, ref.section_sign), _classify_one(ref, self.law), _KNOWN_CLASSES)

    def rank(self, tier_id: str) -> tuple[int, int]:
        """The gravity of tier *tier_id* and its place in the Regulation's order."""
        rank = self.ranks.get(tier_id)
        if rank is None:
            rank = self.ranks[tier_id] = (self.law.tier(tier_id).gravity, self.order.index(tier_id))
        return rank

    def tier(self, tier_id: str, on: date | None) -> Tier:
        """The tier *tier_id* as in force on *on*, as :meth:`Regime.tier` gives it."""
        found = self.tiers.get((tier_id, on))
        if found is None:
            found = remember(self.tiers, (tier_id, on), self.law.tier(tier_id, on=on), _KNOWN_CLASSES)
        return found


_KNOWN_CLASSES = 4_096
_KNOWN: dict[int, _Known] = {}


def _known(law: Regime) -> _Known:
    known = _KNOWN.get(id(law))
    if known is None or known.law is not law:
        known = remember(_KNOWN, id(law), _Known(law), 16)
    return known


def _outside(ref: ArticleRef, other: OutsideLaw) -> ArticleClass:
    own = (
        f"; its own maximum is {other.maximum.format()} ({other.maximum_pinpoint})"
        if other.maximum is not None
        else ""
    )
    return ArticleClass(
        ref,
        (),
        f"{ref} falls under {other.short}, outside Art. 83 GDPR: Art. 83 does not cap a fine "
        f"under it{own}",
        "a GDPR article listed in Art. 83(4)-(6), if the fine is also for a GDPR infringement",
        outside=other,
    )


def _points(points: frozenset[str] | None) -> str:
    return f"({', '.join(sorted(points))})" if points else ""


def classify(
    refs: Sequence[ArticleRef], law: Regime | None = None, *, on: date | None = None
) -> Classification:
    """Map references to Art. 83 points; the list's tier is the gravest of its members.

    *on* selects the tier values in force on that date (default: the latest).

    >>> classify(parse_articles("Art. 33(5), Art. 25(1)")).tier.id
    '83(4)'
    >>> classify(parse_articles("Art. 58(2)(d)")).tier.id, classify(parse_articles("Art. 58")).tier.id
    ('83(5)', '83(5)')
    >>> classify(parse_articles("Art. 24 GDPR")).tier is None
    True
    >>> item = classify(parse_articles("Art. 58(2)(i)")).items[0]
    >>> item.fineable, item.need
    (False, 'the provision the addressee infringed (the fine is the power used, not an infringement)')
    """
    law = law or regime()
    known = _known(law)
    classes = known.classes
    items = tuple(classes.get((ref, ref.section_sign)) or known.classify(ref) for ref in refs)
    # An article cited without its point (a bare Art. 58) sets the tier only when nothing more
    # precise does: beside other infringements it may stand for a part that is no infringement.
    precise = [item for item in items if item.caveat is None]
    counted = precise if any(item.fineable for item in precise) else list(items)
    best: str | None = None
    best_gravity = -1
    for item in counted:
        for provision in item.provisions:
            gravity, rank = known.rank(provision.tier)
            if gravity > best_gravity or (
                gravity == best_gravity and best is not None and rank < known.rank(best)[1]
            ):
                best, best_gravity = provision.tier, gravity
    return Classification(law, items, known.tier(best, on) if best else None)
