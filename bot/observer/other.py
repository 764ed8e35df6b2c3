"""What the other's previous turn tells the classifier about the helper's (``read_other``):
their words, whether they asked, what they denied of themselves, whether they made a claim a
"no" contradicts or voiced a worry a "no" comforts, and whether they doubted themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.observer.cues import denied_by_other, self_denied
from bot.observer.mirror import Doubt, context_words
from bot.observer.rules import Rules
from bot.observer.segment import clauses, is_question, normalise


@dataclass(frozen=True, slots=True)
class Other:
    """The other's previous turn, as the helper's clauses are weighed against it."""

    #: their words as the helper would say them back
    seen: frozenset[str]
    #: whether they spoke about the conversation's time (the helper's answer guards it)
    timed: bool
    #: the words they denied of themselves; None after a question (a denial answers it)
    denied: frozenset[str] | None
    #: whether they claimed something a flat "no" contradicts (not a question, not a worry)
    claimed: bool
    #: whether they voiced a worry about what may come (a "no" to it comforts)
    worried: bool
    #: whether they doubted themselves, and what they denied of themselves
    doubt: Doubt


def read_other(context: str, rules: Rules) -> Other:
    """What ``context`` (the other's previous turn) says for labelling the helper's turn."""
    seen = context_words(context, rules)
    said = normalise(context, rules)
    asked = any(is_question(c, rules) for c in clauses(said, rules))
    worried = bool(rules.worry.search(said))
    return Other(
        seen=seen,
        # "we have 10 min left right?" "yes 10 min": guarding that time, not an echo
        timed=bool(rules.time_frame.search(context.casefold())),
        # "is it weird that i cried?": a denial after it answers, it contradicts nothing
        denied=None if asked else denied_by_other(said),
        claimed=bool(seen) and not asked and not worried,
        worried=worried,
        doubt=Doubt(bool(rules.self_doubt.search(context.casefold())), self_denied(said, rules)),
    )
