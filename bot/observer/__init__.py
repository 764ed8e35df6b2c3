"""The automatic observer: labels the helper's turns of a written role-play with the moves
they make (``label_turn``), parses a pasted transcript (``parse_transcript``), counts the
moves (``tally``) and picks one line of feed-forward for the day's skill (``feed_forward``).

Pure rules and word lists per language (``lexicon_nl``, ``lexicon_en``): no I/O, no model.
"""

from __future__ import annotations

from bot.observer.classify import label_turn
from bot.observer.labels import LABELS, QUESTION_LABELS

__all__ = ["LABELS", "QUESTION_LABELS", "label_turn"]
