"""The language of a text with no declared language, guessed by counting common words.

:func:`detect_language` is a heuristic, not a classifier: a reading that relies on it says
that its language was guessed.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["detect_language"]

# Frequent short words per language (a heuristic, not a classifier).
_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "bg": "и на в за се от да е че с по са това като при",
        "cs": "a se na je že v s z do o jako pro by které také",
        "da": "og i at det er en til på af med for de ikke som har",
        "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine",
        "el": "και το η της του να σε με για τα από την των ότι",
        "en": "the and of to in is that for it was on with as by this are be has have",
        "es": "de la que el en y los del se las por un para con una es",
        "et": "ja on ei et see oli ka kui mis ta aga nii",
        "fi": "ja on ei se että oli hän mutta kun myös ovat tai",
        "fr": "le la les de des et du en un une est que pour dans qui pas sur au",
        "ga": "agus an na ar is le go ag sa ní bhí",
        "hr": "i je u na se da za su od što kao ili",
        "hu": "a az és hogy nem is egy van meg ez de már",
        "is": "og að í á er sem til það um með var",
        "it": "il di che la e per un una del della è non sono con le gli",
        "lt": "ir į kad su yra iš bet tai buvo kaip",
        "lv": "un ir ar par uz no ka kas arī bet",
        "mt": "il u ta li fil għal minn dan huwa ma",
        "nb": "og i er det som en på til av for med ikke har jeg",
        "nl": "de het een en van in is dat op te zijn met voor niet die",
        "pl": "i w na z że się do nie jest to jak o dla",
        "pt": "de que o a do da em um para com não uma os se",
        "ro": "și în de la cu pe că nu o un este pentru",
        "sk": "a na je sa že v s z do o ako pre by",
        "sl": "in je v na da se za so z ki tudi",
        "sv": "och i att det som en på är av för med till den har inte",
    }.items()
}
_TRADITIONAL = set("萬億歐罰與這個們說為國會經時後對於關")
_SIMPLIFIED = set("万亿欧罚与这个们说为国会经时后对于关")


def detect_language(text: str) -> str | None:
    """Guess the language of *text* by counting common short words (a heuristic).

    Returns a locale identifier among the supported ones, or None when there is no evidence.

    >>> detect_language("Amazon heeft een boete van 746 miljoen euro gekregen van de CNPD.")
    'nl'
    >>> detect_language("亚马逊被罚款7.46亿欧元"), detect_language("亞馬遜被罰款7.46億歐元")
    ('zh', 'zh_Hant')
    >>> detect_language("746 000 000") is None
    True
    """
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    letters = sum(1 for ch in text if ch.isalpha())
    if han and han * 2 >= letters:
        traditional = sum(1 for ch in text if ch in _TRADITIONAL)
        simplified = sum(1 for ch in text if ch in _SIMPLIFIED)
        return "zh_Hant" if traditional > simplified else "zh"
    words = Counter(w.casefold() for w in re.findall(r"[^\W\d_]+", text))
    scores = {
        lang: sum(n for w, n in words.items() if w in stop) for lang, stop in _STOPWORDS.items()
    }
    best = max(scores, key=lambda lang: scores[lang])
    return best if scores[best] > 0 else None
