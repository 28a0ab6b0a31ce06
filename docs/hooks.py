"""MkDocs hook: docstring examples (``>>>`` lines and their output) are shown as Python console
code blocks, not read as Markdown (where ``[a][b]`` in an output would be a link)."""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.plugins import event_priority

_PROMPT = re.compile(r"^(\s*)>>> ")


class _DoctestBlocks(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        inside = False
        for line in lines:
            match = _PROMPT.match(line)
            if not inside and match:
                inside = True
                indent = match[1]
                out += ["", f"{indent}```pycon"]
            elif inside and not line.strip():
                inside = False
                out += [f"{indent}```", ""]
            out.append(line)
        if inside:
            out.append(f"{indent}```")
        return out


class DoctestBlocks(Extension):
    """The Markdown extension that fences doctest blocks."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_DoctestBlocks(md), "doctest_blocks", 40)


@event_priority(100)
def on_config(config: Any) -> Any:
    config.markdown_extensions.append(DoctestBlocks())
    return config
