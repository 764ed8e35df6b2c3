"""The automatic observer: labels the helper's turns of a written role-play with the moves
they make (``label_turn``), parses a pasted transcript (``transcript``), counts the moves
(``tally``) and picks one line of feed-forward for the day's skill (``feedforward``); ``analysis``
does all of it at once and ``card`` prints the tally.

Pure rules and word lists per language (``chat_nl``/``chat_en``: how chat is read;
``lexicon_nl``/``lexicon_en``: what each move looks like, with the helper's own voice in
``voice_*``, the time frame in ``time_*``, summaries in ``summary_*`` and counter-evidence in
``counter_*``; compiled by ``rules``; ``classify`` reads a turn with ``roles``, ``mirror`` and
``cues``):
no I/O, no model. Importing this package compiles nothing: ``label_turn`` and ``LABELS`` load
their modules when first asked for, so ``ballback --help`` stays instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.observer.classify import label_turn
    from bot.observer.labels import LABELS, QUESTION_LABELS

__all__ = ["LABELS", "QUESTION_LABELS", "label_turn"]


def __getattr__(name: str) -> Any:
    if name == "label_turn":
        from bot.observer.classify import label_turn

        return label_turn
    if name in ("LABELS", "QUESTION_LABELS"):
        from bot.observer import labels

        return getattr(labels, name)
    raise AttributeError(f"module 'bot.observer' has no attribute {name!r}")
