"""Reading the sources of a case from files: a folder of ``*.txt`` reports with the languages
in its README.md, or the ``sources`` of a case record (their text, or a file beside the case).

A source with no language given is read in the language :func:`detect_language` guesses.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from gdprfine.cases import Source
from gdprfine.errors import InvalidInput
from gdprfine.sources.language import detect_language
from gdprfine.sources.reading import SourceReading, read_source

__all__ = ["read_case_sources", "read_folder", "readme_languages"]


def _read_text(path: Path, field: str, shown: str) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InvalidInput(field, shown, f"cannot be read: {error}") from None


def readme_languages(folder: Path) -> dict[str, str]:
    """The ``file | language`` columns of the markdown table in the folder's README.md.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "README.md").write_text(
    ...         "| File | Language | Outlet |\\n|---|---|---|\\n| `a.txt` | nl | NOS |\\n", "utf-8")
    ...     readme_languages(Path(tmp))
    {'a.txt': 'nl'}
    """
    readme = folder / "README.md"
    if not readme.is_file():
        return {}
    table: dict[str, str] = {}
    header: list[str] | None = None
    for line in _read_text(readme, "file", str(readme)).splitlines():
        line = line.strip()
        if not line.startswith("|"):
            header = None
            continue
        cells = [c.strip().strip("`") for c in line.strip("|").split("|")]
        if header is None:
            lowered = [c.casefold() for c in cells]
            if "file" in lowered and "language" in lowered:
                header = lowered
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        row = dict(zip(header, cells, strict=False))
        if row.get("file") and row.get("language"):
            table[row["file"]] = row["language"]
    return table


def read_folder(folder: str | Path) -> list[SourceReading]:
    """Read every ``*.txt`` in *folder*, in the language its README.md table gives, or guessed.

    The README's markdown table needs a ``file`` and a ``language`` column (a babel locale id).
    """
    path = Path(folder)
    languages = readme_languages(path)
    readings = []
    for file in sorted(path.glob("*.txt")):
        text = _read_text(file, "file", str(file))
        locale = languages.get(file.name)
        guessed = False
        if locale is None:
            locale = detect_language(text) or "en"
            guessed = True
        reading = read_source(text, locale=locale, name=file.name)
        readings.append(reading.model_copy(update={"locale_guessed": guessed}))
    return readings


def read_case_sources(
    sources: Sequence[Source], base: Path, *, default_locale: str = "en"
) -> list[SourceReading]:
    """Read the sources of a case that carry their text or a file (relative to *base*)."""
    readings = []
    for source in sources:
        if source.text is not None:
            text = source.text
        elif source.file is not None:
            text = _read_text((base / source.file).resolve(), "sources.file", source.file)
        else:
            continue
        locale = source.language or detect_language(text) or default_locale
        readings.append(read_source(text, locale=locale, name=source.title))
    return readings
