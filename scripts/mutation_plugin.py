"""pytest plugin for scripts/mutation.sh: every test reads the law and the methods afresh, and
hypothesis runs a small, derandomized profile.

The regimes and the fine-setting methods are read once per process and cached, and so are
the static caps; mutmut's workers inherit those caches, so a mutant of the readers or of the
cache lookup would never run. Clearing them before each test makes every test that looks up
the law or a cap exercise the mutated code.

A mutant that survives runs every test that reaches it, property tests included, so their
examples dominate the run. The ``mutation`` profile draws fewer of them, derandomized, so a
mutant is killed or survives the same way on every run.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "mutation",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=30,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    """Load the profile after tests/conftest.py loaded its own, before a test module is
    imported: ``@given`` takes the settings in force when it decorates a test."""
    settings.load_profile("mutation")


@pytest.fixture(autouse=True)
def _fresh_law_data() -> None:
    from gdprfine import caps, law
    from gdprfine.law import models

    for cached in (law._regime, law._regime_files, models._model):
        cached.cache_clear()
    caps._STATIC_CAPS.clear()
