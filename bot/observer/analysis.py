"""A whole written role-play at once: parse, label the helper's turns, count, feed forward."""

from __future__ import annotations

from dataclasses import dataclass

from bot.observer.feedforward import FeedForward, feed_forward
from bot.observer.rules import rules_for
from bot.observer.tally import LabelledTurn, Tally, label_helper_turns, tally_of
from bot.observer.transcript import Turn, helper_of, parse_transcript


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the observer made of one role-play."""

    turns: list[Turn]
    helper: str
    labelled: list[LabelledTurn]
    tally: Tally
    feed: FeedForward


def analyse(text: str, lang: str, helper: str | None = None, skill: str | None = None) -> Analysis:
    """The analysis of the pasted role-play ``text`` in ``lang`` ("nl" or "en"): ``helper``
    names the helper (default: the first speaker), ``skill`` is the day's skill id for the
    feed-forward. ``TranscriptError`` for a text that is no role-play or an unknown helper,
    ValueError for another language."""
    rules_for(lang)  # the language first: a wrong one is the caller's first mistake
    turns = parse_transcript(text)
    name = helper_of(turns, helper)
    labelled = label_helper_turns(turns, name, lang)
    counted = tally_of(turns, name, labelled)
    return Analysis(turns, name, labelled, counted, feed_forward(counted, skill))
