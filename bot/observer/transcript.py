"""A pasted written role-play as turns: who said what, and who the helper is.

Two shapes are read:

- **named lines** ``Name: text``. A name is one to four words of letters (any script), digits,
  spaces, dots, apostrophes or dashes, at most 40 characters, starting with a letter; markdown
  bold (``**Anna:**``), a leading dash or bullet and a role in brackets (``Anna (helper):``)
  are allowed. A line without such a name continues the turn before it. When the text has two
  or more speakers with at least two turns each, a "name" seen only once is taken for text
  ("Note: …" inside a turn), so it continues the turn before it instead.
- **no names**: the turns alternate, one per paragraph (blank lines between them) or, without
  blank lines, one per line. The speakers are then called "A" and "B".

Consecutive lines of the same speaker make one turn. The helper is the speaker named by the
caller (compared without regard to case or surrounding spaces); without a name it is the
**first speaker** (in a written role-play the helper opens). ``TranscriptError`` says why a
text is not a role-play: empty, only one speaker, too many turns or characters, or an unknown
helper name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

#: The most a transcript may hold; longer texts are refused, not cut.
MAX_CHARS: Final = 100_000
MAX_TURNS: Final = 400

_NAMED = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:\*\*)?"
    r"(?P<name>[^\W\d_](?:[\w.'’\-]*)(?:\s[\w.'’\-]+){0,3}?)"
    r"(?:\s*\([^()]{1,30}\))?(?:\*\*)?\s*:(?:\*\*)?(?:\s+|$)(?P<text>.*)$"
)
_NAME_LIMIT = 40
_BLANK = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's turn: the speaker's name as written and what they wrote."""

    speaker: str
    text: str


class TranscriptError(ValueError):
    """A text that is not a written role-play; the message says why."""


def parse_transcript(text: str) -> list[Turn]:
    """The turns of a pasted role-play (the module's docstring says which shapes); a
    ``TranscriptError`` when it is empty, too long, or has fewer than two speakers."""
    if not isinstance(text, str):
        raise TranscriptError("a transcript is text")
    if len(text) > MAX_CHARS:
        raise TranscriptError(
            f"the transcript is too long: {len(text):,} characters (at most {MAX_CHARS:,})"
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise TranscriptError("the transcript is empty")
    lines = text.split("\n")
    named = [_named(line) for line in lines]
    if any(found is not None for found in named):
        turns = _from_named(lines, named)
    else:
        turns = _alternating(text)
    if len(turns) > MAX_TURNS:
        raise TranscriptError(f"the transcript has {len(turns)} turns (at most {MAX_TURNS})")
    if len({_key(t.speaker) for t in turns}) < 2:
        raise TranscriptError("the transcript has only one speaker: a role-play needs two")
    return turns


def helper_of(turns: list[Turn], name: str | None = None) -> str:
    """The helper's name as the transcript writes it: ``name`` when given (any case), else the
    first speaker. ``TranscriptError`` when ``name`` is not among the speakers."""
    if not turns:
        raise TranscriptError("the transcript is empty")
    if name is None or not name.strip():
        return turns[0].speaker
    for turn in turns:
        if _key(turn.speaker) == _key(name):
            return turn.speaker
    speakers = ", ".join(sorted({t.speaker for t in turns}))
    raise TranscriptError(f"no speaker {name.strip()[:40]!r} in the transcript ({speakers})")


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _named(line: str) -> tuple[str, str] | None:
    """``(name, text)`` of a ``Name: text`` line, or None."""
    match = _NAMED.match(line)
    if match is None:
        return None
    name = " ".join(match.group("name").split())
    if len(name) > _NAME_LIMIT or "http" in name.casefold():
        return None
    return name, match.group("text").strip()


def _from_named(lines: list[str], named: list[tuple[str, str] | None]) -> list[Turn]:
    counts: dict[str, int] = {}
    for found in named:
        if found is not None:
            counts[_key(found[0])] = counts.get(_key(found[0]), 0) + 1
    regular = {name for name, count in counts.items() if count >= 2}
    if len(regular) >= 2:
        # "Note: …" inside a turn is no speaker when the real speakers are clear.
        named = [f if f is None or _key(f[0]) in regular else None for f in named]
    speakers: list[str] = []
    texts: list[list[str]] = []
    for line, found in zip(lines, named, strict=True):
        if found is None:
            if texts and line.strip():
                texts[-1].append(line.strip())
            continue  # text before the first name is a heading: skipped
        name, said = found
        if speakers and _key(speakers[-1]) == _key(name):
            texts[-1].append(said)
        else:
            speakers.append(name)
            texts.append([said])
    return [
        Turn(speaker, "\n".join(part for part in said if part))
        for speaker, said in zip(speakers, texts, strict=True)
    ]


def _alternating(text: str) -> list[Turn]:
    blocks = [b.strip() for b in _BLANK.split(text.strip()) if b.strip()]
    if len(blocks) < 2:
        blocks = [line.strip() for line in text.split("\n") if line.strip()]
    return [Turn("AB"[index % 2], block) for index, block in enumerate(blocks)]
