"""How the clauses of one turn stand next to each other: each clause's reading (``Reading``),
a question's role beside its neighbours (``clause_role``: skipped echo, lead-in, answer option, "or"
tail or a question of its own), answer options closing an open question (``make_closed``),
and a turn that only invites the other to go on (``encourager``).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.observer.labels import ADVICE_AS_QUESTION, CLOSED_QUESTION, OPEN_QUESTION
from bot.observer.rules import Rules
from bot.observer.segment import Clause, words

#: An encourager turn has at most this many words ("mm, ga door", "never a word").
ENCOURAGER_WORDS = 6
#: A question of at most this many words without a question word beside another question is
#: a clarifier ("een collega?"), not a question of its own.
CLARIFIER_WORDS = 2
#: A question in statement form of at least this many words that mirrors the other is their
#: summary typed with a question mark ("she nods and then you clean up after her?").
ECHO_SUMMARY_WORDS = 5
EDGES = " ,.?!"
QUESTION_KINDS = frozenset({OPEN_QUESTION, CLOSED_QUESTION, ADVICE_AS_QUESTION})


@dataclass(frozen=True, slots=True)
class Reading:
    """What one clause is before its labels are decided."""

    clause: Clause
    asks: bool
    echo: bool


def make_closed(per_clause: list[set[str]]) -> None:
    """Answer options after a question make it closed: the other picks one."""
    for own in reversed(per_clause):
        if own & QUESTION_KINDS:
            if OPEN_QUESTION in own:
                own.discard(OPEN_QUESTION)
                own.add(CLOSED_QUESTION)
            return


def clause_role(
    reading: Reading, before: Reading | None, after: Reading | None, rules: Rules
) -> str:
    """How a question clause counts next to its neighbours: "skip" (an echo of the other's
    words before another clause: "always? …"), "lead" (a short lead-in to the question after
    it, counted for stacking but labelled by that question: "and you? …"), "option" (answer
    options after a question: "angry?", "or relief?"), "tail" (an "or …?" that asks a question
    of its own after another), or "own" (a clause of its own)."""
    if not reading.asks:
        return "own"
    core = reading.clause.core
    if reading.echo and after is not None:
        return "skip"
    asked_before = before is not None and before.asks
    short = (
        len(words(core)) <= CLARIFIER_WORDS
        and not rules.question_word.search(core)
        and not rules.closed_start.match(core)
    )
    if short and asked_before:
        # "how is she taking it? and you?": a question of its own, counted for stacking
        return "tail" if rules.turn_back.match(reading.clause.text.strip(EDGES)) else "option"
    if short and after is not None and after.asks:
        return "lead"  # "en jij? hoe vind jij het zelf?": counted, labelled by what follows
    if after is not None and after.asks and rules.conditional.match(reading.clause.text):
        return "lead"
    if asked_before and rules.alternative.match(reading.clause.text):
        rest = rules.alternative.sub("", reading.clause.text, count=1).strip()
        if len(words(rest)) <= CLARIFIER_WORDS + 1 and not (
            rules.closed_start.match(rest) or rules.advice_question.match(rest)
        ):
            return "option"
        return "tail"
    return "own"


def encourager(readings: list[Reading], rules: Rules) -> bool:
    """Whether the whole turn only invites the other to go on: encouragers ("Mm. Go on.",
    "En toen?") and echoes of the other's words, with at most a soft word beside them."""
    joined = " ".join(r.clause.text for r in readings).strip(EDGES)
    if len(joined.split()) > ENCOURAGER_WORDS:
        return False
    if rules.encourager.match(joined):
        return True
    found = False
    for reading in readings:
        text = reading.clause.text.strip(EDGES)
        if rules.encourager.match(text) or (
            reading.echo and not rules.closed_start.match(reading.clause.core)
        ):
            found = True
        elif rules.fillers.sub("", text, count=1).strip(EDGES):
            return False
    return found
