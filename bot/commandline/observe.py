"""``ballback observe``: the automatic observer from the command line.

``ballback observe FILE [--lang nl|en] [--helper NAME] [--skill SKILL]`` reads a written
role-play (``FILE``, or ``-`` for standard input; the shapes ``bot.observer.transcript``
reads), labels the helper's turns and prints the tally card with one line of feed-forward in
``--lang`` (default English; the rules read the role-play in that language too). The helper is
``--helper``, else the first speaker. A text that is no role-play or an unknown helper: one
line on standard error and exit status 2.

``ballback observe --jsonl`` reads JSON lines ``{"id": …, "lang": "nl"|"en", "text": …,
"context": …}`` from standard input and writes exactly one JSON line per input line to standard
output, in order: ``{"id": …, "labels": [...]}`` (labels in ``bot.observer.LABELS`` order) or,
for a line it cannot label, ``{"id": <the id, or null>, "error": "<why>"}`` — not UTF-8,
malformed JSON, not an object, an empty line, an unknown language, a missing or non-string
text, a non-string context. ``context`` (the other's previous turn) may be left out or null.
The other lines go on; the exit status is 0 when every line was labelled, 1 when any error
line was written.

Nothing here opens the store, an adapter or the settings, and the catalog (YAML, pydantic) is
loaded only for the tally card, so ``--jsonl`` starts in a blink.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from bot.commandline.app import StartupError

#: A JSON line longer than this is refused with an error line (a helper's turn is short).
MAX_LINE_BYTES = 1_000_000


def observe_file(
    file: str, lang: str, helper: str | None, skill: str | None, stdin: TextIO | None = None
) -> int:
    """Print the tally card of the role-play in ``file`` (``-``: ``stdin``)."""
    from bot.observer.analysis import analyse
    from bot.observer.card import tally_lines
    from bot.observer.transcript import TranscriptError
    from bot.texts import Texts
    from content import load_catalog

    try:
        if file == "-":
            text = (stdin or sys.stdin).read()
        else:
            text = Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StartupError(f"cannot read {file}: {exc}") from None
    try:
        result = analyse(text, lang, helper=helper, skill=skill)
    except TranscriptError as exc:
        raise StartupError(f"{file}: {exc}") from None
    t = Texts(load_catalog(), lang)
    print(t("observer.card.helper", name=result.helper, n=len(result.turns)))
    for line in tally_lines(result.tally, result.feed, t):
        print(line)
    return 0


def observe_jsonl(source: BinaryIO, out: TextIO) -> int:
    """Label every JSON line of ``source``, one JSON line each to ``out``; 1 if any failed."""
    failed = False
    for raw in source:
        reply = _reply(raw)
        failed = failed or "error" in reply
        out.write(json.dumps(reply) + "\n")
    out.flush()
    return 1 if failed else 0


def _reply(raw: bytes) -> dict[str, Any]:
    """The answer to one input line: its labels, or why it has none."""
    from bot.observer import label_turn
    from bot.observer.labels import ordered

    if len(raw) > MAX_LINE_BYTES:
        return _error(None, f"the line is longer than {MAX_LINE_BYTES:,} bytes")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        return _error(None, "the line is not UTF-8")
    if not line.strip():
        return _error(None, "an empty line: expected a JSON object")
    try:
        row = json.loads(line)
    except (ValueError, RecursionError):
        return _error(None, "malformed JSON")
    if not isinstance(row, dict):
        return _error(None, f"not a JSON object but {_kind(row)}")
    ident = row.get("id")
    if isinstance(ident, dict | list):
        ident = None  # an id is a string or a number; anything else is not echoed
    lang, text, context = row.get("lang"), row.get("text"), row.get("context")
    if lang not in ("nl", "en"):
        shown = json.dumps(lang)[:40] if lang is not None else "none"
        return _error(ident, f'unknown language {shown}: use "nl" or "en"')
    if text is None:
        return _error(ident, 'no "text"')
    if not isinstance(text, str):
        return _error(ident, f'"text" is {_kind(text)}, not a string')
    if context is not None and not isinstance(context, str):
        return _error(ident, f'"context" is {_kind(context)}, not a string')
    return {"id": ident, "labels": ordered(label_turn(text, lang, context or ""))}


def _error(ident: Any, reason: str) -> dict[str, Any]:
    return {"id": ident, "error": reason}


def _kind(value: object) -> str:
    """A JSON value's kind in words: "an array", "a number", …"""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    if value is None:
        return "null"
    return "a string"
