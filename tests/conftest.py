"""Shared fixtures. Tests never depend on ../shared: the repository stands alone."""

from __future__ import annotations

import pytest

from spilock.scenarios import load_library


@pytest.fixture(scope="session")
def library():
    return load_library()
