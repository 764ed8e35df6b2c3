"""``ballback member export`` and ``member forget`` as an operator runs them: a real process on
the test's database (a SQLite file, or a scratch PostgreSQL schema), then a scan of every table
for anything left of the member."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import pty
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.clock import ManualClock
from bot.messages import notice_from_data
from bot.mydata import MyData
from bot.practice import ChannelDefaults, Practice
from content import load_catalog
from storage import SqlStore, open_store
from storage.tables import outbox
from tests.support.env import process_env
from tests.support.member_data import (
    ANNA,
    BOB,
    PLACE,
    at,
    counts,
    member_id,
    references,
    seed,
)

BALLBACK = [sys.executable, "-m", "bot.cli"]
IDS = ["--platform", "discord", "--workspace", PLACE.workspace]
ANNAS = [*IDS, "--user", ANNA.user]
EXPORTED = Path(".local/share/ballback/files") / f"ballback-discord-{ANNA.user}.json"


def ballback(
    args: list[str] | list[bytes],
    home: Path,
    url: str,
    *,
    stdin: Any = None,
    text: str = "",
) -> subprocess.CompletedProcess[str]:
    """``ballback ARGS`` on the database at ``url``, with ``home`` as its home directory."""
    return subprocess.run(
        [*BALLBACK, *args],  # type: ignore[list-item]
        input=None if stdin is not None else text,
        stdin=stdin,
        capture_output=True,
        text=True,
        env=process_env(home, BALLBACK_DATABASE_URL=url),
        timeout=60,
        cwd=home,
    )


async def run(*args: Any, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return await asyncio.to_thread(ballback, *args, **kwargs)


def refused(result: subprocess.CompletedProcess[str], needle: str) -> None:
    """Exit status 2 with one line that says ``needle``, and no traceback."""
    assert result.returncode == 2, result.stderr
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stdout == ""


@pytest.fixture
async def seeded(store_url: str, store: SqlStore) -> str:
    """The URL of a database where Anna and Bob practised (``tests.support.member_data``).
    Seeded through ``store``, whose database comes migrated (not migrated per test)."""
    await seed(store)
    return store_url


async def snapshot(url: str) -> tuple[dict[str, int], list[str], list[str]]:
    """Row counts, and what refers to Anna and to Bob."""
    store = await open_store(url)
    try:
        anna = await references(store, ANNA.ref, await member_id(store, ANNA.ref))
        bob = await references(store, BOB.ref, await member_id(store, BOB.ref))
        return await counts(store), anna, bob
    finally:
        await store.close()


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


async def test_export_then_forget_leaves_nothing_of_the_member(seeded: str, tmp_path: Path) -> None:
    url = seeded
    store = await open_store(url)
    try:
        practice = Practice(
            store, load_catalog(), ManualClock(at(18)), ChannelDefaults("Europe/Amsterdam")
        )
        [card] = (await MyData(practice).export(ANNA, PLACE)).cards
        assert card.attachment is not None
        given = json.loads(card.attachment.data)
        anna_id = await member_id(store, ANNA.ref)
        bob_id = await member_id(store, BOB.ref)
        bob_before = await references(store, BOB.ref, bob_id)
        assert await references(store, ANNA.ref, anna_id)
    finally:
        await store.close()

    # The export: what /practice export gives Anna, in the data directory, hers alone.
    result = await run(["member", "export", *ANNAS], tmp_path, url)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{tmp_path / EXPORTED}\n"
    assert mode_of(tmp_path / EXPORTED) == 0o600
    assert mode_of((tmp_path / EXPORTED).parent) == 0o700
    written = json.loads((tmp_path / EXPORTED).read_text(encoding="utf-8"))
    assert written.pop("exported_at") and given.pop("exported_at")
    assert written == given
    assert [r["answers"]["R1"] for r in written["reflections"]] == ["I waited."]
    assert written["feedback_given"] and written["practice"][0]["with"] == ["Bob"]
    # --out: that file, made private even when it was there already.
    out = tmp_path / "anna.json"
    out.write_text("old")
    out.chmod(0o644)
    result = await run(["member", "export", *ANNAS, "--out", str(out)], tmp_path, url)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{out}\n" and mode_of(out) == 0o600
    assert json.loads(out.read_text(encoding="utf-8"))["member"] == given["member"]

    result = await run(["member", "forget", *ANNAS, "--yes"], tmp_path, url)
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout
        == f"Deleted discord/{PLACE.workspace}/{ANNA.user} and everything of theirs.\n"
    )

    store = await open_store(url)
    try:
        # No row of any table names Anna: not by her member id, not by her user id.
        assert await references(store, ANNA.ref, anna_id) == []
        # Bob keeps all of his, and the history he shared with her; only her notices that
        # named him (his feedback, waiting to reach her) are gone with her.
        bob_after = await references(store, BOB.ref, bob_id)
        assert set(bob_after) <= set(bob_before)
        assert {f.split(" = ")[0] for f in set(bob_before) - set(bob_after)} == {"outbox.notice"}
        practice = Practice(store, load_catalog(), ManualClock(at(18)))
        bob = await MyData(practice).export_member(BOB.ref)
        assert bob is not None
        document = json.loads(bob.data)
        [shared] = document["practice"]
        assert shared["with"] == [] and shared["outcome"] == "practised"
        assert len(document["reflections"]) == 1 and document["feedback_given"]
        async with store.read() as tx:
            [group] = await tx.groups.list(PLACE, date.fromisoformat(shared["date"]))
            # Her seat stays, nameless and with a user id that is not hers (reports add up).
            assert [s.member for s in group.seats if s.display_name] == [BOB.ref]
            assert all(
                s.member.user.startswith("forgotten:") for s in group.seats if not s.display_name
            )
            assert await tx.admins.is_admin(PLACE, BOB.ref)
            # Their practice space, not opened yet, opens for Bob alone.
            waiting = select(outbox.c.notice).where(
                outbox.c.group_id == group.id, outbox.c.notice.is_not(None)
            )
            notices = [notice_from_data(n) for n in (await tx.conn.execute(waiting)).scalars()]
            assert {n.space_members for n in notices} == {(), (BOB.ref,)}
    finally:
        await store.close()
    # Anna is unknown now.
    refused(await run(["member", "export", *ANNAS], tmp_path, url), "no member")
    refused(await run(["member", "forget", *ANNAS, "--yes"], tmp_path, url), "no member")


@pytest.mark.parametrize(
    "args",
    [
        ["member", "export", *IDS, "--user", "u-nobody"],
        ["member", "forget", *IDS, "--user", "u-nobody", "--yes"],
        [
            "member",
            "forget",
            "--platform",
            "slack",
            "--workspace",
            PLACE.workspace,
            "--user",
            ANNA.user,
            "--yes",
        ],
        [
            "member",
            "forget",
            "--platform",
            "discord",
            "--workspace",
            "",
            "--user",
            ANNA.user,
            "--yes",
        ],
    ],
    ids=["export-unknown", "forget-unknown", "other-platform", "no-workspace"],
)
async def test_an_unknown_member_is_one_line_and_changes_nothing(
    seeded: str, tmp_path: Path, args: list[str]
) -> None:
    before = await snapshot(seeded)
    refused(await run(args, tmp_path, seeded), "no member")
    assert await snapshot(seeded) == before
    assert not (tmp_path / EXPORTED).parent.exists()


async def test_forget_without_a_terminal_needs_yes(seeded: str, tmp_path: Path) -> None:
    before = await snapshot(seeded)
    result = await run(["member", "forget", *ANNAS], tmp_path, seeded, text="yes\n")
    refused(result, "--yes")
    assert await snapshot(seeded) == before


async def test_forget_on_a_terminal_asks_once(seeded: str, tmp_path: Path) -> None:
    before = await snapshot(seeded)
    for answer, status in (("n", 1), ("", 1), ("yes", 0)):
        main_fd, terminal = pty.openpty()
        try:
            os.write(main_fd, f"{answer}\n".encode())
            result = await run(["member", "forget", *ANNAS], tmp_path, seeded, stdin=terminal)
        finally:
            os.close(terminal)
            os.close(main_fd)
        assert result.returncode == status, result.stderr
        assert result.stderr == ""
        assert result.stdout.startswith(
            f"Delete Anna (discord/{PLACE.workspace}/{ANNA.user}) and everything"
        )
        if status:
            assert result.stdout.endswith("[y/N] Nothing deleted.\n")
            assert await snapshot(seeded) == before
    store = await open_store(seeded)
    try:
        async with store.read() as tx:
            assert await tx.members.get(ANNA.ref) is None
    finally:
        await store.close()


# ``seeded`` on SQLite only: what is refused before any database is opened.
@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize(
    ("option", "value", "needle"),
    [
        ("--user", "u 1", "not a user id: 'u 1'"),
        ("--user", "", "not a user id: ''"),
        ("--user", "u" * 129, "(129 characters)"),
        ("--user", "é", r"not a user id: '\xe9'"),
        ("--user", b"u-\xff", r"not a user id: 'u-\udcff'"),  # not UTF-8: a lone surrogate
        ("--workspace", "g\t1", r"not a workspace id: 'g\t1'"),
        ("--platform", "dis cord", "not a platform: 'dis cord'"),
        ("--platform", "", "not a platform: ''"),
    ],
)
async def test_odd_ids_are_one_line_and_change_nothing(
    seeded: str, tmp_path: Path, option: str, value: str | bytes, needle: str
) -> None:
    before = await snapshot(seeded)
    ids: dict[str, str | bytes] = {
        "--platform": "discord",
        "--workspace": PLACE.workspace,
        "--user": ANNA.user,
        option: value,
    }
    for action, extra in (("export", []), ("forget", ["--yes"])):
        args = ["member", action, *itertools.chain(*ids.items()), *extra]
        given = [a if isinstance(a, bytes) else os.fsencode(a) for a in args]
        refused(await run(given, tmp_path, seeded), needle)
    assert await snapshot(seeded) == before


@pytest.mark.parametrize(
    ("user", "needle"),
    [
        ("u-\x00anna", r"not a user id: 'u-\x00anna'"),
        ("u-\ud800", r"not a user id: 'u-\ud800'"),
        ("u" * 10_000, "(10000 characters)"),
    ],
)
def test_ids_no_process_can_be_given_are_refused_in_process(
    capsys: pytest.CaptureFixture[str], user: str, needle: str
) -> None:
    # NUL cannot be passed on a command line; refused before any setting or database is read.
    for action in ("export", "forget"):
        assert main(["member", action, *IDS, "--user", user]) == 2
        out, err = capsys.readouterr()
        assert out == "" and needle in err and len(err.splitlines()) == 1


async def test_an_export_that_cannot_be_written_is_one_line(seeded: str, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "anna.json"
    result = await run(["member", "export", *ANNAS, "--out", str(out)], tmp_path, seeded)
    assert result.returncode == 1
    assert result.stderr == f"ballback: cannot write {out}: No such file or directory\n"


def test_member_help_documents_both_commands(tmp_path: Path) -> None:
    env = process_env(tmp_path)
    top = subprocess.run([*BALLBACK, "--help"], capture_output=True, text=True, env=env)
    assert "member" in top.stdout
    result = subprocess.run(
        [*BALLBACK, "member", "--help"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0
    for needle in ("export", "forget", "0600", "--yes", "--platform", "--workspace", "--user"):
        assert needle in result.stdout
    for action, needle in (("export", "--out FILE"), ("forget", "--yes")):
        sub = subprocess.run(
            [*BALLBACK, "member", action, "--help"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert sub.returncode == 0 and needle in sub.stdout
