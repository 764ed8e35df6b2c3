"""The ``ballback`` command as a user runs it: a real process, piped stdin, real files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.env import process_env

BALLBACK = [sys.executable, "-m", "bot.cli"]


def run(
    args: list[str], tmp_path: Path, *, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    environment = process_env(tmp_path, **env)
    return subprocess.run(
        [*BALLBACK, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        cwd=tmp_path,
    )


def test_help_is_instant_and_lists_the_commands(tmp_path: Path) -> None:
    result = run(["--help"], tmp_path)
    assert result.returncode == 0
    for command in ("console", "run", "today", "content", "db"):
        assert command in result.stdout


def test_console_with_piped_stdin(tmp_path: Path) -> None:
    script = "/reflect\nOne moment.\nIt helped.\nNext time: wait.\n\n/streak\n/quit\n"
    result = run(["console"], tmp_path, stdin=script)
    assert result.returncode == 0, result.stderr
    assert "Today's skill:" in result.stdout
    assert "Reflection saved" in result.stdout
    assert "Current:\n  1 day(s)" in result.stdout
    assert "> " not in result.stdout
    assert result.stderr == ""


def test_end_of_input_exits_zero(tmp_path: Path) -> None:
    assert run(["console"], tmp_path, stdin="").returncode == 0
    # `run` with no platform settings starts the console.
    result = run(["run"], tmp_path, stdin="/today\n")
    assert result.returncode == 0
    assert "Today's skill:" in result.stdout


def test_today_prints_the_same_pick_each_time(tmp_path: Path) -> None:
    first = run(["today", "--channel", "team", "--date", "2026-12-01", "--lang", "nl"], tmp_path)
    again = run(["today", "--channel", "team", "--date", "2026-12-01", "--lang", "nl"], tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout == again.stdout
    assert "Vaardigheid van vandaag" in first.stdout
    assert "2026-12-01  #team" in first.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["today", "--date", "2026-13-01"], "not a date"),
        (["today", "--lang", "fr"], "unknown language"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_arguments(tmp_path: Path, args: list[str], needle: str) -> None:
    result = run(args, tmp_path)
    assert result.returncode == 2
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"BALLBACK_TIMEZONE": "Mars/Base"}, "BALLBACK_TIMEZONE"),
        ({"BALLBACK_LANGUAGE": "fr"}, "BALLBACK_LANGUAGE"),
        ({"BALLBACK_TIMEZONE": "Europe/" + "A" * 300}, "BALLBACK_TIMEZONE"),
    ],
)
def test_bad_settings(tmp_path: Path, env: dict[str, str], needle: str) -> None:
    result = run(["today"], tmp_path, **env)
    assert result.returncode == 2
    assert needle in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unwritable_database_path(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where a directory should be")
    path = blocker / "ballback.db"
    result = run(["console"], tmp_path, BALLBACK_DATABASE_URL=f"sqlite+aiosqlite:///{path}")
    assert result.returncode == 2
    assert str(path) in result.stderr
    assert "BALLBACK_DATABASE_URL" in result.stderr
    assert "Traceback" not in result.stderr


def test_db_upgrade(tmp_path: Path) -> None:
    result = run(["db", "upgrade"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ballback.db").exists()
    assert run(["db", "upgrade"], tmp_path).returncode == 0


def test_content_check_of_the_shipped_content(tmp_path: Path) -> None:
    result = run(["content", "check"], tmp_path)
    assert result.returncode == 0
    assert "Content OK: 9 skills" in result.stdout


def _broken_pack(root: Path) -> Path:
    pack = root / "pack"
    (pack / "scenarios").mkdir(parents=True)
    (pack / "scenarios" / "s99-broken.yaml").write_text(
        yaml.safe_dump({"id": "s99-broken", "primary_skill": "juggling"})
    )
    return pack


def test_content_check_of_a_broken_pack(tmp_path: Path) -> None:
    result = run(["content", "check", str(_broken_pack(tmp_path))], tmp_path)
    assert result.returncode == 2
    assert "scenarios/s99-broken.yaml: title: " in result.stdout
    assert "scenarios/s99-broken.yaml: primary_skill: " in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_broken_pack_stops_start_up_with_the_same_messages(tmp_path: Path) -> None:
    pack = _broken_pack(tmp_path)
    result = run(["console"], tmp_path, BALLBACK_CONTENT_DIR=str(pack))
    assert result.returncode == 2
    assert "scenarios/s99-broken.yaml: primary_skill: " in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "ballback.db").exists()  # nothing was started


def test_status_prints_each_channels_schedule_and_refuses_an_unknown_one(
    tmp_path: Path,
) -> None:
    script = "/offdays add 2099-12-24..2100-01-01\n/quit\n"
    assert (
        run(["console"], tmp_path, stdin=script, BALLBACK_TIMEZONE="Europe/Amsterdam").returncode
        == 0
    )
    result = run(["status"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "1 channel(s)" in result.stdout
    assert "console local practice  (Europe/Amsterdam, nudge 09:00, pairing 10:00" in result.stdout
    for kind in ("nudge", "round", "outcome", "reminder"):
        assert f"    {kind}" in result.stdout
    assert " UTC)" in result.stdout  # each instant in local time and in UTC
    assert "off-days: 2099-12-24..2100-01-01" in result.stdout
    assert "outbox: 0 waiting, 0 failed" in result.stdout
    same = run(["status", "--channel", "console:local:practice"], tmp_path)
    assert same.returncode == 0 and "console local practice" in same.stdout
    unknown = run(["status", "--channel", "nope"], tmp_path)
    assert unknown.returncode == 2 and unknown.stdout == ""
    assert unknown.stderr.count("\n") == 1 and "no channel 'nope'" in unknown.stderr
    assert "Traceback" not in unknown.stderr


def test_a_reader_that_goes_away_is_no_traceback(tmp_path: Path) -> None:
    """``ballback today | head -0``: the pipe's reader is gone before ballback writes."""
    process = subprocess.Popen(
        [*BALLBACK, "today", "--channel", "team"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=process_env(tmp_path),
        cwd=tmp_path,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `head` that has read all it wanted
    errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 1
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors


def test_bytes_that_are_not_utf8_on_stdin_are_no_traceback(tmp_path: Path) -> None:
    environment = process_env(tmp_path)
    result = subprocess.run(
        [*BALLBACK],
        input=b"/as \xff\xfeAnna\n/streak\n\xed\xa0\x80\n",  # bad bytes, a UTF-8 surrogate
        capture_output=True,
        env=environment,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
