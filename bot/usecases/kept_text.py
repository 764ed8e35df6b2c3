"""The text of a role-play its members chose to keep with their feedback: built up line by
line while ballback reads a practice space live (``bot.usecases.live_reading``), and shown,
as untrusted member text, next to the observer's card in the helper's feedback view.

A kept text holds ``Name: text`` lines in the order they were said. It never grows past
``TRANSCRIPT_KEPT`` characters: a line that no longer fits is not kept, nor is anything after
it; ``CUT_MARK`` as the last line says so, while the counting goes on. ``GAP_MARK`` as the first
line says turns were read before everyone chose to keep the text (those were only counted).
"""

from __future__ import annotations

from dataclasses import replace

from bot.messages import Card, Field
from bot.texts import Texts
from content.limits import MAX_TEXT_INPUT

#: At most this many characters are kept: what a pasted role-play may hold, too.
TRANSCRIPT_KEPT = MAX_TEXT_INPUT
#: The last line of a kept text that reached ``TRANSCRIPT_KEPT``.
CUT_MARK = "[…]"
#: The first line of a kept text that began after the reading did.
GAP_MARK = "…"
#: Characters of kept text per field: below Discord's 1,024 for a field, with room to escape.
FIELD_CHUNK = 900


def kept_line(name: str, text: str) -> str:
    """One turn as a kept line: ``Name: text``, a text's further lines indented under it."""
    lines = text.strip().splitlines() or [""]
    return f"{name}: " + "\n  ".join(line.rstrip() for line in lines)


def is_cut(kept: str) -> bool:
    """Whether nothing more is kept (the text reached ``TRANSCRIPT_KEPT``)."""
    # A member's line starts with a name and a further line is indented: a bare mark is ours.
    return kept == CUT_MARK or kept.endswith("\n" + CUT_MARK)


def kept_with(kept: str | None, line: str, *, gap: bool = False) -> str:
    """``kept`` with ``line`` after it (None: nothing kept yet; then ``gap`` says turns were
    read before). Never longer than ``TRANSCRIPT_KEPT``: a line that does not fit ends the
    kept text with ``CUT_MARK``, and after that nothing is added."""
    text = kept if kept is not None else (GAP_MARK if gap else "")
    if is_cut(text):
        return text
    added = f"{text}\n{line}" if text else line
    if len(added) + 1 + len(CUT_MARK) <= TRANSCRIPT_KEPT:
        return added  # room is left for the mark, so the limit holds however it ends
    return f"{text}\n{CUT_MARK}" if text else CUT_MARK


def chunks(text: str, size: int = FIELD_CHUNK) -> list[str]:
    """``text`` in pieces of at most ``size`` characters, cut after a line where one ends."""
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > size:  # a line longer than a piece is cut where it must be
            if current:
                pieces.append(current)
                current = ""
            pieces.append(line[:size])
            line = line[size:]
        joined = f"{current}\n{line}" if current else line
        if len(joined) > size:
            pieces.append(current)
            joined = line
        current = joined
    if current:
        pieces.append(current)
    return pieces


def with_kept(card: Card, kept: str | None, t: Texts) -> Card:
    """The observer's ``card`` with the kept text under it, as untrusted fields (never
    markup or a mention), and ballback's own note where lines are missing. Unchanged when
    nothing was kept."""
    if not kept:
        return card
    lines = kept.split("\n")
    notes = []
    if lines[0] == GAP_MARK:
        lines = lines[1:]
        notes.append(t("observe.kept_gap"))
    if lines and lines[-1] == CUT_MARK:
        lines = lines[:-1]
        notes.append(t("observe.kept_cut", limit=TRANSCRIPT_KEPT))
    pieces = chunks("\n".join(lines))
    label = t("observe.kept_label")
    fields = tuple(
        Field(
            label if len(pieces) == 1 else f"{label} ({number}/{len(pieces)})",
            piece,
            untrusted=True,
        )
        for number, piece in enumerate(pieces, 1)
    )
    body = "\n".join([card.body, *notes]) if card.body else "\n".join(notes)
    return replace(card, body=body, fields=(*card.fields, *fields))
