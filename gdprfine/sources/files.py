"""Reading the sources of a case from files: a folder of ``*.txt`` reports with the languages
in its README.md, or the ``sources`` of a case record (their text, or a file beside the case).

A source with no language given is read in the language :func:`detect_language` guesses.

Every file is read bounded: a regular file only (a FIFO, a device or a folder is refused before
anything is read), at most :data:`MAX_SOURCE_FILE_BYTES`, UTF-8; a text longer than the amount
reader's limit is refused naming the file. A case's ``sources.file`` must lie inside the case
file's folder (or the *root* given): a case file cannot make the tool read any other path.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from gdprfine.amounts import MAX_TEXT_LENGTH
from gdprfine.cases import Source
from gdprfine.errors import GdprFineError, InvalidInput
from gdprfine.inputs import read_limited
from gdprfine.sources.language import detect_language
from gdprfine.sources.reading import SourceReading, read_source

__all__ = [
    "MAX_SOURCE_FILE_BYTES",
    "read_case_sources",
    "read_folder",
    "read_text",
    "read_text_file",
    "readme_languages",
]

MAX_SOURCE_FILE_BYTES = 4 * MAX_TEXT_LENGTH
"""The largest source file read (a report, a README.md), in bytes; its text is at most
:data:`gdprfine.amounts.MAX_TEXT_LENGTH` characters."""


def _read_text(path: Path, field: str, shown: str) -> str:
    try:
        data = read_limited(path, MAX_SOURCE_FILE_BYTES, field=field)
    except InvalidInput as error:
        raise InvalidInput(field, shown, f"cannot be read: {error.message}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidInput(field, shown, f"cannot be read: not UTF-8 text ({error.reason} at byte {error.start})") from None
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidInput(field, shown, f"{len(text)} characters; the limit is {MAX_TEXT_LENGTH} characters")
    return text


def _read(text: str, locale: str, name: str | None, field: str, shown: str) -> SourceReading:
    try:
        return read_source(text, locale=locale, name=name)
    except GdprFineError as error:
        raise InvalidInput(field, shown, error.message) from None


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
    if not readme.exists():
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
        reading = _read(text, locale, file.name, "file", str(file))
        readings.append(reading.model_copy(update={"locale_guessed": guessed}))
    return readings


def read_text(text: str, *, name: str | None = None, locale: str | None = None) -> SourceReading:
    """Read one report given as text (pasted, or from standard input) in *locale*, or in the
    language :func:`detect_language` guesses (stated as a guess in the reading).

    >>> r = read_text("Amazon heeft een boete van 746 miljoen euro gekregen.", name="-")
    >>> r.fine, r.locale, r.locale_guessed
    (Money('746000000', 'EUR'), 'nl', True)
    """
    if not isinstance(text, str):
        raise InvalidInput("text", text, "expected the text of a report")
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidInput("text", name or "-", f"{len(text)} characters; the limit is {MAX_TEXT_LENGTH} characters")
    guessed = locale is None
    chosen = locale or detect_language(text) or "en"
    reading = _read(text, chosen, name, "text", name or "-")
    return reading.model_copy(update={"locale_guessed": guessed})


def read_text_file(path: str | Path, *, locale: str | None = None) -> SourceReading:
    """Read one plain-text report from a file (UTF-8, bounded like every source file)."""
    file = Path(path)
    return read_text(_read_text(file, "file", str(file)), name=file.name, locale=locale)


def read_case_sources(
    sources: Sequence[Source], base: Path, *, default_locale: str = "en", root: Path | None = None
) -> list[SourceReading]:
    """Read the sources of a case that carry their text or a file (relative to *base*, the case
    file's folder). A file must lie inside *root* (default: *base*) once links are followed;
    any other path is refused, never read.
    """
    inside = (root or base).resolve()
    readings = []
    for source in sources:
        if source.text is not None:
            text = source.text
            source = source.model_copy(update={"file": None})
        elif source.file is not None:
            path = (base / source.file).resolve()
            if not path.is_relative_to(inside):
                where = "the case file's folder" if root is None else "the sources root"
                raise InvalidInput(
                    "sources.file", source.file,
                    f"outside {where} ({inside}); a source file must be in it or below it",
                )  # fmt: skip
            text = _read_text(path, "sources.file", source.file)
        else:
            continue
        locale = source.language or detect_language(text) or default_locale
        field, shown = ("sources.file", source.file) if source.file else ("sources.text", source.title)
        readings.append(_read(text, locale, source.title, field, shown or ""))
    return readings
