"""The observer's twelve move labels, in their fixed order, and the groups the rules use."""

from __future__ import annotations

from typing import Final

ADVICE: Final = "advice"
ADVICE_AS_QUESTION: Final = "advice_as_question"
OPEN_QUESTION: Final = "open_question"
CLOSED_QUESTION: Final = "closed_question"
STACKED_QUESTIONS: Final = "stacked_questions"
SNAPSHOT: Final = "snapshot"
EARLIER_SUCCESS: Final = "earlier_success"
OWN_STORY: Final = "own_story"
REASSURANCE: Final = "reassurance"
CORRECTION: Final = "correction"
TIME_FRAME: Final = "time_frame"
MINIMAL_ENCOURAGER: Final = "minimal_encourager"

#: Every label, in the order output lists them (the JSON lines, the tally card).
LABELS: Final = (
    ADVICE,
    ADVICE_AS_QUESTION,
    OPEN_QUESTION,
    CLOSED_QUESTION,
    STACKED_QUESTIONS,
    SNAPSHOT,
    EARLIER_SUCCESS,
    OWN_STORY,
    REASSURANCE,
    CORRECTION,
    TIME_FRAME,
    MINIMAL_ENCOURAGER,
)

#: The labels of a question clause: exactly one of them per question (the conventions).
QUESTION_LABELS: Final = frozenset({ADVICE_AS_QUESTION, OPEN_QUESTION, CLOSED_QUESTION})

#: Moves that give the ball back (they leave the thinking with the other).
GIVEN_LABELS: Final = frozenset({OPEN_QUESTION, CLOSED_QUESTION, SNAPSHOT})

#: Moves that carry the ball for the other (advice in any form, comforting, correcting).
CARRIED_LABELS: Final = frozenset({ADVICE, ADVICE_AS_QUESTION, REASSURANCE, CORRECTION})

_ORDER: Final = {label: index for index, label in enumerate(LABELS)}


def ordered(labels: frozenset[str] | set[str]) -> list[str]:
    """``labels`` as a list in ``LABELS`` order (unknown names are dropped)."""
    return sorted((label for label in labels if label in _ORDER), key=_ORDER.__getitem__)
