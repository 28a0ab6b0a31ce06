"""pytest plugin for scripts/mutation.sh: every test reads the law and the methods afresh.

The regimes and the fine-setting methods are read once per process and cached; mutmut's
workers inherit that cache, so a mutant of the readers would never run. Clearing the caches
before each test makes every test that looks up the law exercise the mutated reader.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fresh_law_data() -> None:
    from gdprfine import law
    from gdprfine.law import models

    for cached in (law._regime, law._regime_files, models._model):
        cached.cache_clear()
