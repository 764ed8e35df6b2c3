"""Fixtures shared by every suite: a fresh, migrated store on each backend.

``store_url`` is parametrized over "sqlite" (a new file in ``tmp_path``) and "postgres" (a
scratch schema, only when ``BALLBACK_TEST_POSTGRES_URL`` is set; skipped otherwise).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage import SqlStore, open_store
from storage.testing import BACKENDS, POSTGRES_URL_ENV, postgres_test_url, scratch_database_url


@pytest.fixture(params=BACKENDS)
async def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """The URL of an empty database (not migrated yet), removed after the test."""
    backend: str = request.param
    if backend == "postgres" and postgres_test_url() is None:
        pytest.skip(f"{POSTGRES_URL_ENV} is not set")
    async with scratch_database_url(backend, tmp_path) as url:
        yield url


@pytest.fixture
async def store(store_url: str) -> AsyncIterator[SqlStore]:
    """A migrated store on ``store_url``, closed after the test."""
    opened = await open_store(store_url)
    try:
        yield opened
    finally:
        await opened.close()
