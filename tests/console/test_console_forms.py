"""Filling in a form in the console: each answer checked as it is typed, commands inside a
form, and a paste of several lines at a real terminal (a pty) kept as one answer."""

from __future__ import annotations

import os
import pty
import select
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from content import Catalog, load_catalog
from tests.console.harness import Console
from tests.console.test_console import reflections
from tests.support.env import process_env


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def console(store, catalog: Catalog, tmp_path: Path) -> Console:
    return Console(store, catalog, datetime(2026, 12, 7, 7, 0, tzinfo=UTC), tmp_path)


async def test_a_command_inside_a_form_is_never_an_answer(console: Console) -> None:
    out = await console.run(
        "/reflect", "/streak", "/help", "//slash first", "/", "She sat up.", "Wait.", "", ""
    )
    assert "/streak does not work inside a form" in out
    assert "To start an answer with a slash, type it twice" in out
    assert "Current:" not in out  # the streak command did not run
    assert "Reflection saved" in out
    [saved] = await reflections(console, "anna")
    assert saved == {"R1": "/slash first", "R2": "She sat up.", "R3": "Wait."}


async def test_quit_inside_a_form_saves_nothing_and_leaves(console: Console) -> None:
    out = await console.run("/reflect", "one", "/quit", "/streak")
    assert "Not saved: Daily reflection." in out
    assert "Current:" not in out  # nothing after /quit ran
    assert await reflections(console, "anna") == []


async def test_a_refused_answer_is_asked_again_before_the_next_question(
    console: Console,
) -> None:
    out = await console.run("/reflect", "x" * 4001, "short", "b", "c", "", "")
    refusal = out.index("at most 3000 characters, you wrote 4001")
    form = out.index("Daily reflection")  # after the nudge (whose habit text may say "So what?")
    assert refusal < out.index("So what?", form)  # asked again at once, not after the last one
    [saved] = await reflections(console, "anna")
    assert saved["R1"] == "short"


def _read_until(fd: int, marker: bytes, seen: bytearray) -> None:
    """Read the terminal's output until ``marker`` appears (select with a generous safety
    limit, so a broken console fails the test instead of hanging it)."""
    while marker not in seen:
        ready, _, _ = select.select([fd], [], [], 30)
        if not ready:
            raise AssertionError(f"no {marker!r} in {bytes(seen[-500:])!r}")
        try:
            seen += os.read(fd, 65536)
        except OSError:  # the terminal closed
            raise AssertionError(f"no {marker!r} in {bytes(seen[-500:])!r}") from None


def test_a_paste_at_a_terminal_stays_one_answer(tmp_path: Path) -> None:
    database = tmp_path / "paste.db"
    env = process_env(tmp_path, BALLBACK_DATABASE_URL=f"sqlite+aiosqlite:///{database}")
    main, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "console"],
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
        env=env,
        cwd=tmp_path,
        close_fds=True,
    )
    os.close(terminal)
    seen = bytearray()
    try:
        _read_until(main, b"> ", seen)
        os.write(main, b"/reflect\n")
        _read_until(main, b"\xc2\xbb ", seen)  # the first question's prompt
        del seen[:]
        os.write(main, b"first line\nsecond line\nthird line\n")  # one paste
        _read_until(main, b"So what?", seen)
        os.write(main, b"She sat up.\n")
        _read_until(main, b"Now what?", seen)
        os.write(main, b"Wait.\n")
        _read_until(main, b"(optional)", seen)
        os.write(main, b"\n")
        _read_until(main, b"This week", seen)  # the habit of the week's question, optional
        os.write(main, b"\n")
        _read_until(main, b"Reflection saved", seen)
        os.write(main, b"/quit\n")
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(main)
    assert b"Now what?" not in seen[: seen.index(b"So what?")]
    with sqlite3.connect(database) as db:
        [(answers,)] = db.execute("SELECT answers FROM reflections").fetchall()
    assert "first line\\nsecond line\\nthird line" in answers


async def test_clock_jumps_show_each_day_and_never_go_back(console: Console) -> None:
    out = await console.run("/lang nl", "/day 2026-12-09 10:00", "/day 2026-12-08")
    assert "Het is nu woensdag 2026-12-09 10:00" in out
    assert "— dinsdag 2026-12-08 —" in out and "— woensdag 2026-12-09 —" in out
    assert out.index("— dinsdag 2026-12-08 —") < out.index("— woensdag 2026-12-09 —")
    assert "De gesimuleerde klok gaat alleen vooruit: het is al woensdag 2026-12-09 10:00" in out
    assert "Het is nu dinsdag" not in out


async def test_dutch_settings_show_dutch_weekdays(console: Console) -> None:
    out = await console.run("/lang nl", "/settings")
    assert "ma–vr" in out
    assert "mon" not in out.split("/settings")[-1]


async def test_a_pairing_time_before_the_nudge_is_refused_when_set(console: Console) -> None:
    out = await console.run(
        "/settings channel pairing 08:30", "/settings channel time 10:30", "/settings"
    )
    assert "Pairing (08:30) must come after the nudge (09:00)" in out
    assert "Pairing (10:00) must come after the nudge (10:30)" in out
    assert "nudge at 09:00, pairing at 10:00" in out  # nothing was changed
    assert "difficulty 3 (1–3)" in out and "within the last 8 rounds" in out
    assert "a late nudge until 10:00" in out


async def test_setup_checks_the_times_once_all_are_applied(console: Console) -> None:
    out = await console.run("/setup time 11:00 pairing 12:00", "/settings")
    assert "must come after the nudge" not in out
    assert "nudge at 11:00, pairing at 12:00" in out
    out = await console.run("/setup pairing 10:30")
    assert "Pairing (10:30) must come after the nudge (11:00)" in out
