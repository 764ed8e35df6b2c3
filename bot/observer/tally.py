"""The counts of a role-play: how often the helper made each move, and what that adds up to.

Definitions (the tally card and the feed-forward use these):

- ``counts[label]``: the helper's turns with that label (a turn counts once per label);
- ``helper_turns``: the helper's turns; ``quiet_turns``: those without a question (no
  ``open_question``, ``closed_question`` or ``advice_as_question``: an encourager, a snapshot
  or a silence-keeping turn);
- ``open_share``: open questions as a share of all questions, ``open / (open + closed)``;
  advice in question form is advice, not a question, so it stays out (``None`` without any);
- ``word_share``: the helper's words as a share of all words of the role-play;
- ``ball_back``: ``given / (given + carried)``, where *given* counts the moves that leave the
  thinking with the other (open and closed questions, snapshots) and *carried* those that take
  it over (advice, advice as a question, reassurance, correction); ``None`` when neither
  occurs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.observer.classify import label_turn
from bot.observer.labels import (
    CARRIED_LABELS,
    CLOSED_QUESTION,
    GIVEN_LABELS,
    LABELS,
    OPEN_QUESTION,
    QUESTION_LABELS,
)
from bot.observer.segment import words
from bot.observer.transcript import Turn


@dataclass(frozen=True, slots=True)
class LabelledTurn:
    """One of the helper's turns with its labels and the other's turn before it."""

    turn: Turn
    context: str
    labels: frozenset[str]


@dataclass(frozen=True, slots=True)
class Tally:
    """The counts of one role-play (the module's docstring defines each figure)."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LABELS, 0))
    helper_turns: int = 0
    quiet_turns: int = 0
    helper_words: int = 0
    all_words: int = 0

    @property
    def questions(self) -> int:
        """Open and closed questions."""
        return self.counts[OPEN_QUESTION] + self.counts[CLOSED_QUESTION]

    @property
    def open_share(self) -> float | None:
        """``open / (open + closed)``; None without questions."""
        return self.counts[OPEN_QUESTION] / self.questions if self.questions else None

    @property
    def given(self) -> int:
        """Moves that give the ball back: questions and snapshots."""
        return sum(self.counts[label] for label in GIVEN_LABELS)

    @property
    def carried(self) -> int:
        """Moves that carry the ball: advice in any form, reassurance, correction."""
        return sum(self.counts[label] for label in CARRIED_LABELS)

    @property
    def ball_back(self) -> float | None:
        """``given / (given + carried)``; None when neither occurs."""
        total = self.given + self.carried
        return self.given / total if total else None

    @property
    def word_share(self) -> float | None:
        """The helper's share of all words; None for a role-play without words."""
        return self.helper_words / self.all_words if self.all_words else None


def label_helper_turns(turns: Sequence[Turn], helper: str, lang: str) -> list[LabelledTurn]:
    """The helper's turns with their labels, each read with the other's turn before it as
    context (empty when the helper spoke first)."""
    labelled = []
    context = ""
    for turn in turns:
        if turn.speaker == helper:
            labelled.append(LabelledTurn(turn, context, label_turn(turn.text, lang, context)))
        else:
            context = turn.text
    return labelled


def tally(turns: Sequence[Turn], helper: str, lang: str) -> Tally:
    """The counts of the role-play ``turns`` for the speaker ``helper`` in ``lang``."""
    return tally_of(turns, helper, label_helper_turns(turns, helper, lang))


def tally_of(turns: Sequence[Turn], helper: str, labelled: Sequence[LabelledTurn]) -> Tally:
    """The counts of the role-play ``turns`` whose helper turns were ``labelled`` already."""
    counts = dict.fromkeys(LABELS, 0)
    quiet = 0
    for item in labelled:
        for label in item.labels:
            counts[label] += 1
        if not item.labels & QUESTION_LABELS:
            quiet += 1
    helper_words = sum(len(words(t.text)) for t in turns if t.speaker == helper)
    return Tally(
        counts=counts,
        helper_turns=len(labelled),
        quiet_turns=quiet,
        helper_words=helper_words,
        all_words=sum(len(words(t.text)) for t in turns),
    )
