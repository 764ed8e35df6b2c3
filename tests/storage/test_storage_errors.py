"""An unusable database is reported as one clear ``StoreError`` line, never with a password."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ports import StoreError
from storage import current_revision, open_store, sqlite_url, upgrade
from storage.testing import postgres_test_url

HINT = "BALLBACK_DATABASE_URL"
SECRET = "s3cr3t-pw"


def check_message(error: pytest.ExceptionInfo[StoreError], *names: str) -> str:
    message = str(error.value)
    assert "\n" not in message
    assert HINT in message
    assert SECRET not in message
    for name in names:
        assert name in message
    return message


@pytest.mark.parametrize("operation", [open_store, upgrade, current_revision])
async def test_path_under_a_regular_file(tmp_path: Path, operation: object) -> None:
    # Fails even for root, unlike a read-only directory.
    (tmp_path / "afile").write_text("not a directory")
    path = tmp_path / "afile" / "db.sqlite"
    with pytest.raises(StoreError) as error:
        await operation(sqlite_url(path))  # type: ignore[operator]
    check_message(error, str(path), f"{tmp_path / 'afile'} is a file")


async def test_path_that_is_a_directory(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as error:
        await open_store(sqlite_url(tmp_path))
    check_message(error, str(tmp_path))


async def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("hello, this is not SQLite\n" * 100)
    with pytest.raises(StoreError) as error:
        await open_store(sqlite_url(path))
    check_message(error, str(path))


async def test_sqlite_directory_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "ballback.db"
    store = await open_store(sqlite_url(path))
    await store.close()
    assert path.is_file()


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("not a url", "not a url"),
        (f"postgresql+asyncpg://me:{SECRET}@host:notaport/db", "postgresql+asyncpg://me:***@"),
        (f"mysql+aiomysql://me:{SECRET}@host/db", "mysql+aiomysql://me:***@host/db"),
        ("nosuchdriver+x:///db", "nosuchdriver+x"),
        ("sqlite:///plain.db", "sqlite:///plain.db"),  # a sync driver
        (f"postgresql://me:{SECRET}@host/db", "postgresql://me:***@host/db"),
        ("sqlite+aiosqlite://", "sqlite+aiosqlite://"),  # in memory
        ("sqlite+aiosqlite:///:memory:", ":memory:"),
        (f"postgresql+asyncpg://me@127.0.0.1:1/db?password={SECRET}", "password=***"),
    ],
)
async def test_unusable_urls(url: str, shown: str) -> None:
    with pytest.raises(StoreError) as error:
        await open_store(url)
    check_message(error, shown)


async def test_unreachable_postgres_hides_the_password() -> None:
    url = f"postgresql+asyncpg://me:{SECRET}@127.0.0.1:1/db"  # nothing listens on port 1
    with pytest.raises(StoreError) as error:
        await open_store(url)
    check_message(error, "postgresql+asyncpg://me:***@127.0.0.1:1/db")
    with pytest.raises(StoreError) as error:
        await upgrade(url)
    check_message(error, "127.0.0.1:1")


async def test_missing_postgres_database() -> None:
    server = postgres_test_url()
    if server is None:
        pytest.skip("BALLBACK_TEST_POSTGRES_URL is not set")
    url = server.rsplit("/", 1)[0] + "/ballback_no_such_database"
    with pytest.raises(StoreError) as error:
        await open_store(url)
    check_message(error, "ballback_no_such_database", "does not exist")
