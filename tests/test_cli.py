"""The ``ballback`` command as a user runs it: a real process, piped stdin, real files."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.platform import AdapterError, Core, Readiness
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
    script = "/reflect\nOne moment.\nIt helped.\nNext time: wait.\n\n\n/streak\n/quit\n"
    result = run(["console"], tmp_path, stdin=script)
    assert result.returncode == 0, result.stderr
    assert "Today's skill:" in result.stdout
    assert "Reflection saved" in result.stdout
    assert "Current:\n  1 day\n" in result.stdout
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


def test_a_cohort_curriculum_from_a_file_is_what_the_calendar_shows(tmp_path: Path) -> None:
    assert run(["cohort", "--channel", "course", "start", "2027-01-11"], tmp_path).returncode == 0
    (tmp_path / "plan.yaml").write_text(
        "lessons:\n  - week: 2027-W02\n    skill: stilte\n"
        "  - date: 2027-01-18\n    skill: fotos\n    scenario: s04-perfectie\n",
        encoding="utf-8",
    )
    loaded = run(["cohort", "--channel", "course", "--file", "plan.yaml"], tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert "2027-01-11–2027-01-17: Let silence do its work" in loaded.stdout
    args = ["calendar", "--channel", "course", "--from", "2027-01-11", "--days", "8", "--json"]
    days = [json.loads(line) for line in run(args, tmp_path).stdout.splitlines()]
    assert [d["skill"] for d in days] == ["stilte"] * 5 + ["fotos"]
    assert days[-1]["scenario"] == "s04-perfectie"
    (tmp_path / "bad.csv").write_text("when,skill\n2027-01-04,handen\n", encoding="utf-8")
    refused = run(["cohort", "--channel", "course", "--file", "bad.csv"], tmp_path)
    assert refused.returncode == 2 and "before the training group starts" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_the_trainer_report_from_the_cli(tmp_path: Path) -> None:
    assert run(["cohort", "--channel", "course", "start", "2026-11-02"], tmp_path).returncode == 0
    args = ["report", "--channel", "course", "--format", "json", "--picture", "cohort.png"]
    as_json = run(args, tmp_path)
    assert as_json.returncode == 0, as_json.stderr
    assert json.loads(as_json.stdout)["members"] == []
    assert (tmp_path / "cohort.png").read_bytes().startswith(b"\x89PNG")
    for args, says in (
        (["--channel", "nowhere"], "no channel"),
        (["--channel", "course", "--from", "2025-01-01", "--to", "2026-12-31"], "at most 366"),
        (["--channel", "course", "--from", "2026-12-02", "--to", "2026-12-01"], "before"),
        (["--channel", "course", "--format", "xml"], "invalid choice"),
    ):
        refused = run(["report", *args], tmp_path)
        assert refused.returncode == 2 and says in refused.stderr, refused.stderr
        assert "Traceback" not in refused.stderr


def test_calendar_prints_the_days_today_would_preview(tmp_path: Path) -> None:
    args = ["calendar", "--channel", "team", "--from", "2026-12-07", "--days", "7", "--json"]
    result = run(args, tmp_path)
    assert result.returncode == 0, result.stderr
    days = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["date"] for d in days] == [f"2026-12-{n:02d}" for n in range(7, 12)]  # Mon-Fri
    assert all(d["fit"] == "primary" and d["skill"] == d["primary_skill"] for d in days)
    # ``today`` for the same day shows the same skill: the calendar is the nudges' preview.
    today = run(["today", "--channel", "team", "--date", "2026-12-09", "--lang", "en"], tmp_path)
    assert today.returncode == 0, today.stderr
    title = next(line for line in today.stdout.splitlines() if "Today's skill" in line)
    text = run([*args[:-1], "--lang", "en"], tmp_path).stdout
    wednesday = next(line for line in text.splitlines() if "2026-12-09" in line)
    assert title.split(": ", 1)[1].strip(" *=") in wednesday


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["calendar", "--days", "²"], "not a number of days"),
        (["calendar", "--channel", "a:b"], "not a channel"),
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


# -------------------------------------------------------- version, refusals, `ballback run`


def test_version_is_the_package_version(tmp_path: Path) -> None:
    from importlib.metadata import version

    result = run(["--version"], tmp_path)
    assert result.returncode == 0
    assert result.stdout == f"ballback {version('ballback')}\n"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (
            ["slack", "manifest", "not-a-url"],
            "give a URL with a host and the scheme http or https: 'not-a-url'",
        ),
        (["discord", "invite-url", "--app-id", "abc"], "--app-id: not an application id"),
    ],
)
def test_tools_refuse_a_bad_url_or_application_id(
    tmp_path: Path, args: list[str], needle: str
) -> None:
    result = run(args, tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and needle in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org",
        "http://",
        "https://",
        "example.org",
        "https://x:99999",
        "https://a b",
        "https://example.org/?x=1",
        "https://example.org/#top",
        "https://u:p@example.org",
        "https://example.org/\n",
    ],
)
def test_a_manifest_url_must_be_an_http_url_with_a_host(url: str) -> None:
    from bot.cli import public_url_problem

    problem = public_url_problem(url)
    assert problem is not None and "\n" not in problem
    assert "u:p" not in problem  # user info is never echoed


@pytest.mark.parametrize(
    "url", ["https://ballback.example.org", "http://127.0.0.1:8080/", "https://x.org/bb"]
)
def test_a_good_manifest_url(url: str) -> None:
    from bot.cli import public_url_problem

    assert public_url_problem(url) is None


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("1234567890123456789", True),
        ("18446744073709551615", True),  # the largest 64-bit id
        ("18446744073709551616", False),
        ("123456789012345678901", False),
        ("", False),
        ("١٢٣", False),  # digits, but not ASCII ones
        ("12 3", False),
        ("-12", False),
    ],
)
def test_an_application_id_is_a_snowflake(value: str, ok: bool) -> None:
    from bot.cli import is_snowflake

    assert is_snowflake(value) is ok


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"BALLBACK_SLACK_PORT": "abc"}, "BALLBACK_SLACK_PORT: "),
        ({"BALLBACK_SLACK_PORT": "99999"}, "BALLBACK_SLACK_PORT: "),
        ({"BALLBACK_SLACK_HOST": "not a host"}, "BALLBACK_SLACK_HOST: "),
    ],
)
def test_a_bad_listen_setting_is_one_line(tmp_path: Path, env: dict[str, str], needle: str) -> None:
    result = run(["run"], tmp_path, SLACK_BOT_TOKEN="xoxb-x", SLACK_SIGNING_SECRET="s", **env)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and needle in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BALLBACK_SLACK_PORT", "0"),
        ("BALLBACK_SLACK_PORT", "-1"),
        ("BALLBACK_SLACK_HOST", "a" * 300),
        ("BALLBACK_SLACK_HOST", "-leading-dash.example"),
        ("BALLBACK_SLACK_HOST", ""),
    ],
)
def test_listen_settings_are_checked_when_read(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    from bot.cli import StartupError, load_settings

    monkeypatch.setenv(name, value)
    with pytest.raises(StartupError) as refused:
        load_settings()
    assert str(refused.value).startswith(f"bad setting: {name}: ")
    assert "\n" not in str(refused.value) and len(str(refused.value)) < 200


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BALLBACK_SLACK_API_URL", "slack.example"),
        ("BALLBACK_SLACK_API_URL", "http://user:secret@127.0.0.1:1/api/"),
        ("BALLBACK_DISCORD_API_URL", "ws://127.0.0.1:1/api"),
        ("BALLBACK_DISCORD_GATEWAY_URL", "http://127.0.0.1:1/gateway"),
        ("BALLBACK_DISCORD_GATEWAY_URL", "ws://127.0.0.1:70000/"),
    ],
)
def test_service_urls_are_checked_when_read(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    from bot.cli import StartupError, load_settings

    monkeypatch.setenv(name, value)
    with pytest.raises(StartupError) as refused:
        load_settings()
    assert str(refused.value).startswith(f"bad setting: {name}: ")
    assert "secret" not in str(refused.value)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "127.0.0.1", "localhost", "bb.example.org."])
def test_good_listen_hosts(monkeypatch: pytest.MonkeyPatch, host: str) -> None:
    from bot.cli import load_settings

    monkeypatch.setenv("BALLBACK_SLACK_HOST", host)
    assert load_settings().slack_host == host


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"SLACK_BOT_TOKEN": "xoxb-partial"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_SIGNING_SECRET": "partial-secret"}, "SLACK_BOT_TOKEN"),
    ],
)
def test_partial_slack_settings_start_nothing_and_name_the_missing_one(
    tmp_path: Path, env: dict[str, str], missing: str
) -> None:
    result = run(["run"], tmp_path, **env)
    assert result.returncode == 2
    assert result.stdout == ""  # not the console either
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("ballback: slack: not started: ") and missing in result.stderr
    assert "partial" not in result.stderr  # the values are never shown
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "ballback.db").exists()  # stopped before opening the store


def test_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run(
            ["run"],
            tmp_path,
            SLACK_BOT_TOKEN="xoxb-x",
            SLACK_SIGNING_SECRET="s",
            BALLBACK_SLACK_HOST="127.0.0.1",
            BALLBACK_SLACK_PORT=str(port),
            BALLBACK_SLACK_API_URL=f"http://127.0.0.1:{port}/api/",  # never reached
        )
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("ballback:")]
    assert errors == [
        f"ballback: slack: BALLBACK_SLACK_PORT: port {port} on 127.0.0.1 is already in use"
    ]
    assert "Traceback" not in result.stderr and "alembic" not in result.stderr


class FakePlatform:
    """A platform for the composition root's loop: ready or not, starting or failing."""

    capabilities = frozenset()

    def __init__(self, name: str, readiness: Readiness, *, fails: str | None = None) -> None:
        self.name = name
        self.settings = {f"{name.upper()}_TOKEN": "its token"}
        self.readiness = readiness
        self.fails = fails
        self.events: list[str] = []

    def check(self, settings: object) -> Readiness:
        return self.readiness

    async def start(self, settings: object, core: Core) -> FakePlatform:
        if self.fails is not None:
            raise AdapterError(self.fails)
        self.events.append("start")
        signal.raise_signal(signal.SIGTERM)  # asks the run to stop, as `kill` would
        return self

    @property
    def summary(self) -> str:
        return "fake mode"

    async def stop(self) -> None:
        self.events.append("stop")


def _run_with(tmp_path: Path, platforms: list[FakePlatform]) -> int:
    from bot.cli import _run
    from bot.settings import Settings

    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path / 'b.db'}", timezone="UTC")
    return asyncio.run(_run(settings, platforms))


def test_run_starts_the_ready_platforms_and_says_why_not_the_others(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ready = FakePlatform("one", Readiness(True))
    unset = FakePlatform("two", Readiness(False, reason="TWO_TOKEN"))
    partial = FakePlatform("three", Readiness(True, ("THREE_KEY",), "THREE_KEY is missing"))
    assert _run_with(tmp_path, [ready, unset, partial]) == 0
    assert ready.events == ["start", "stop"]
    assert capsys.readouterr().err.splitlines() == [
        "ballback: three: not started: THREE_KEY is missing",
        "ballback: one: started (fake mode)",
        "ballback: two: not configured (set TWO_TOKEN)",
    ]


def test_a_platform_that_cannot_start_stops_the_others(tmp_path: Path) -> None:
    from bot.cli import StartupError

    first = FakePlatform("one", Readiness(True))
    broken = FakePlatform("two", Readiness(True), fails="cannot reach Two at http://127.0.0.1:1")
    with pytest.raises(StartupError) as failed:
        _run_with(tmp_path, [first, broken])
    assert str(failed.value) == "two: cannot reach Two at http://127.0.0.1:1"
    assert first.events == ["start", "stop"]


def test_the_composition_root_lists_every_adapter_folder() -> None:
    from bot.cli import load_platforms

    names = [platform.name for platform in load_platforms()]
    assert names == ["slack", "discord"]
    adapters = Path(__file__).resolve().parents[1] / "adapters"
    folders = sorted(p.name for p in adapters.iterdir() if (p / "platform.py").exists())
    assert sorted(names) == folders
