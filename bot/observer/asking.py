"""The labels of a helper's clause that asks something (``question_labels``): a tagged
statement (a correction, a snapshot's check or a closed question), a proposal wrapped as a
question, a summary with a question mark, or an open or closed question with or without an
earlier success.
"""

from __future__ import annotations

from bot.observer.cues import feels, says_summary
from bot.observer.labels import (
    ADVICE,
    ADVICE_AS_QUESTION,
    CLOSED_QUESTION,
    CORRECTION,
    EARLIER_SUCCESS,
    OPEN_QUESTION,
    SNAPSHOT,
)
from bot.observer.mirror import mirrors
from bot.observer.roles import ECHO_SUMMARY_WORDS, EDGES
from bot.observer.rules import Rules
from bot.observer.segment import Clause, words


def question_labels(
    clause: Clause,
    rules: Rules,
    seen: frozenset[str],
    opener: bool,
    tagged: bool,
    countered: bool = False,
) -> set[str]:
    """The labels of a clause that asks something (``countered``: a tagged clause that holds
    up a judgement or counter-evidence)."""
    text, core = clause.text, clause.core
    if tagged:
        # "…, haven't you?" after counter-evidence: a judgement dressed as a question; "so you
        # …, right?" checks a summary; a tag after anything else checks the helper's reading.
        checks = rules.snapshot_check.match(text.rsplit(",", 1)[-1].strip(EDGES))
        if (
            opener
            and checks
            and says_summary(text)
            and not (rules.verdict.search(text) or rules.success.search(text))
        ):
            return {SNAPSHOT}
        if countered:
            return {CORRECTION}
        if opener or rules.mirror_start.match(core) or mirrors(text, rules, seen, least=1):
            return {SNAPSHOT}
        return {CLOSED_QUESTION}
    if rules.advice_question.match(core):
        return {ADVICE_AS_QUESTION}
    if rules.advice.match(core) or rules.imperative.match(core):
        return {ADVICE}  # "maybe try the breathing thing again?": advice, asked lightly
    opens, closes = rules.open_start.match(core), rules.closed_start.match(core)
    summary = feels(text) or (
        opener and (rules.summary_start.match(text) or mirrors(text, rules, seen, least=1))
    )

    if not (opens or closes) and (
        summary
        or mirrors(text, rules, seen, strong=True)
        or (len(words(text)) >= ECHO_SUMMARY_WORDS and mirrors(text, rules, seen))
    ):
        # "he refuses because they make him feel old?"; "so you overreact a bit?" judges
        return {CORRECTION} if rules.verdict.search(text) else {SNAPSHOT}
    if opens:
        kind = OPEN_QUESTION
    elif closes:
        kind = CLOSED_QUESTION
    elif rules.open_word.search(core) or (clause.question_mark and rules.conditional.match(core)):
        kind = OPEN_QUESTION  # "doodsbang waarvoor?", "en als het niet lukt?"
    else:
        kind = CLOSED_QUESTION  # a statement with a question mark: "je moeder ook?"
    labels = {kind}
    if rules.earlier_success.search(text):
        labels.add(EARLIER_SUCCESS)
    return labels
