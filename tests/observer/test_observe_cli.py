"""``ballback observe``: the tally card of a file, and labelling JSON lines."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from bot.commandline.observe import observe_jsonl
from bot.observer import LABELS
from tests.support.env import process_env

BALLBACK = [sys.executable, "-m", "bot.cli"]

ROLE_PLAY = """\
Anna: hoi, waar wil je het over hebben?
Sam de Vries: mijn stagiair komt steeds te laat
Anna: mm
Sam de Vries: elke dag een kwartier
Anna: heb je al gedacht aan een gesprek met hem?
"""


def run(
    args: list[str], tmp_path: Path, stdin: str | bytes = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*BALLBACK, *args],
        input=stdin.encode() if isinstance(stdin, str) else stdin,
        capture_output=True,
        env=process_env(tmp_path),
        timeout=60,
        cwd=tmp_path,
    )  # type: ignore[return-value]


def test_observe_a_file_prints_the_tally_card(tmp_path: Path) -> None:
    path = tmp_path / "rollenspel.txt"
    path.write_text(ROLE_PLAY, encoding="utf-8")
    result = run(["observe", str(path), "--lang", "nl", "--skill", "handen"], tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert out.splitlines()[:3] == [
        "helper: Anna · 5 beurten in het rollenspel",
        "Wat de observator zag",
        "3 beurten van jou, 1 zonder vraag",
    ]
    assert "  advies als vraag: 1" in out
    assert "  open vraag: 1" in out
    assert "Voor de volgende keer: Je gaf 1 keer advies" in out
    assert not (tmp_path / "ballback.db").exists()  # no store was opened


def test_observe_stdin_in_english_with_another_helper(tmp_path: Path) -> None:
    text = "Sam: my intern is late again\nAnna: mm\nSam: every day\nAnna: what happens then?"
    result = run(["observe", "-", "--helper", "anna"], tmp_path, stdin=text)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "helper: Anna · 4 turns in the role-play" in out
    assert "2 turns of yours, 1 without a question" in out
    assert "open questions: 100% of your questions" in out


def test_observe_refuses_what_is_no_role_play(tmp_path: Path) -> None:
    result = run(["observe", "-"], tmp_path, stdin="Anna: only me\n")
    assert result.returncode == 2
    assert "only one speaker" in result.stderr.decode()
    result = run(["observe", str(tmp_path / "missing.txt")], tmp_path)
    assert result.returncode == 2
    assert "cannot read" in result.stderr.decode()
    assert run(["observe"], tmp_path).returncode == 2


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 1, "lang": "nl", "text": "heb je al met haar gepraat", "context": ""}),
        json.dumps({"id": "b", "lang": "en", "text": "Mm.", "context": "i froze"}),
        "{not json",
        json.dumps({"id": 3, "lang": "fr", "text": "salut"}),
        json.dumps({"id": 4, "lang": "en"}),
        json.dumps([1, 2]),
        json.dumps({"id": 5, "lang": "en", "text": 7}),
        '{"id": 6, "lang": "en", "text": "so you\\ud800 froze? \\u0000", "context": null}',
        json.dumps({"id": 7, "lang": "nl", "text": "we hebben nog 10 min, wat wil je nog?"}),
    ]
    result = run(["observe", "--jsonl"], tmp_path, stdin="\n".join(lines) + "\n")
    assert result.returncode == 1
    replies = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(replies) == len(lines)
    assert replies[0] == {"id": 1, "labels": ["closed_question"]}
    assert replies[1] == {"id": "b", "labels": ["minimal_encourager"]}
    assert replies[2] == {"id": None, "error": "malformed JSON"}
    assert replies[3]["id"] == 3 and "unknown language" in replies[3]["error"]
    assert replies[4] == {"id": 4, "error": 'no "text"'}
    assert replies[5]["id"] is None and "not a JSON object" in replies[5]["error"]
    assert replies[6]["id"] == 5 and "not a string" in replies[6]["error"]
    assert replies[7]["id"] == 6 and set(replies[7]["labels"]) <= set(LABELS)
    assert replies[8] == {"id": 7, "labels": ["open_question", "time_frame"]}
    assert result.stderr.decode() == ""


def test_jsonl_all_fine_exits_zero_and_keeps_the_label_order() -> None:
    source = io.BytesIO(
        b'{"id": "x", "lang": "en", "text": "what happened? did you tell her? we have 5 min"}\n'
    )
    out = io.StringIO()
    assert observe_jsonl(source, out) == 0
    reply = json.loads(out.getvalue())
    assert reply == {
        "id": "x",
        "labels": ["open_question", "closed_question", "stacked_questions", "time_frame"],
    }


def test_jsonl_lines_that_are_not_utf8_or_empty() -> None:
    out = io.StringIO()
    assert observe_jsonl(io.BytesIO(b"\xff\xfe\n\n"), out) == 1
    replies = [json.loads(line) for line in out.getvalue().splitlines()]
    assert replies == [
        {"id": None, "error": "the line is not UTF-8"},
        {"id": None, "error": "an empty line: expected a JSON object"},
    ]


def test_help_does_not_load_the_observer_rules(tmp_path: Path) -> None:
    code = (
        "import contextlib, io, sys\n"
        "sys.argv = ['ballback', '--help']\n"
        "from bot.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main()\n    except SystemExit:\n        pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('bot.observer.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=process_env(tmp_path)
    )
    assert result.stdout.strip() == "['bot.observer.skills']"
