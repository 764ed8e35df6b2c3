"""Label one helper turn with the moves it makes (``label_turn``).

A turn is read clause by clause (``segment``); each clause gets its own labels, the turn gets
their union, and then the conventions of the labelling guide apply:

- a proposal wrapped as a question is ``advice_as_question`` and not also open or closed;
- a turn that is only a short invitation to go on is ``minimal_encourager`` and nothing else;
- two or more question clauses make ``stacked_questions`` (each keeps its own label);
- ``earlier_success`` is only given to an open or closed question;
- a rhetorical tag ("…, toch?", "…, haven't you?") makes ``correction``, not a question;
- the check after a snapshot ("klopt dat?") belongs to the snapshot, it is not a question.
"""

from __future__ import annotations

import re

from bot.observer.labels import (
    ADVICE,
    ADVICE_AS_QUESTION,
    CLOSED_QUESTION,
    CORRECTION,
    EARLIER_SUCCESS,
    MINIMAL_ENCOURAGER,
    OPEN_QUESTION,
    OWN_STORY,
    REASSURANCE,
    SNAPSHOT,
    STACKED_QUESTIONS,
    TIME_FRAME,
)
from bot.observer.rules import Rules, rules_for
from bot.observer.segment import Clause, clauses, is_question, normalise, words

#: A clause shares at least this many content words with the other's turn, and this share of
#: its own content words, before it counts as mirroring it (a snapshot without an opener).
MIRROR_WORDS = 2
MIRROR_SHARE = 0.4
#: An encourager turn has at most this many words ("mm, ga door" has three).
ENCOURAGER_WORDS = 5
_EDGES = " ,.?!"


def label_turn(text: str, lang: str, context: str = "") -> frozenset[str]:
    """The labels of the helper's turn ``text`` in ``lang`` ("nl" or "en"); ``context`` is the
    other's previous turn (it helps to see a snapshot). Never raises on any ``str``; ValueError
    for a language other than "nl" or "en"."""
    rules = rules_for(lang)
    if not isinstance(text, str):
        return frozenset()
    normal = normalise(text, rules)
    found = clauses(normal, rules)
    if not found:
        return frozenset()
    if _encourager(found, rules):
        return frozenset({MINIMAL_ENCOURAGER})
    seen = _context_words(context, rules) if isinstance(context, str) else frozenset()
    labels: set[str] = set()
    questions = 0
    previous: set[str] | None = None
    for index, clause in enumerate(found):
        own = _clause_labels(clause, rules, seen, index, previous)
        if own & {OPEN_QUESTION, CLOSED_QUESTION, ADVICE_AS_QUESTION}:
            questions += 1
        labels |= own
        previous = own
    if questions >= 2:
        labels.add(STACKED_QUESTIONS)
    return frozenset(labels)


def _encourager(found: list[Clause], rules: Rules) -> bool:
    """Whether the whole turn is a short invitation to go on ("Mm. Go on.", "En toen?")."""
    joined = " ".join(c.text for c in found).strip(_EDGES)
    return len(joined.split()) <= ENCOURAGER_WORDS and bool(rules.encourager.match(joined))


def _context_words(context: str, rules: Rules) -> frozenset[str]:
    return frozenset(
        w for w in words(normalise(context, rules)) if w not in rules.stopwords and len(w) > 2
    )


def _clause_labels(
    clause: Clause,
    rules: Rules,
    seen: frozenset[str],
    index: int,
    previous: set[str] | None,
) -> set[str]:
    """The labels of one clause; ``previous`` holds the labels of the clause before it."""
    text, core = clause.text, clause.core
    labels: set[str] = set()
    if rules.own_story.search(text):
        labels.add(OWN_STORY)
    if rules.reassurance.search(text):
        labels.add(REASSURANCE)
    if rules.correction.search(text):
        labels.add(CORRECTION)
    if rules.time_frame.search(text):
        labels.add(TIME_FRAME)
    opener = bool(rules.snapshot_opener.match(text) or rules.snapshot_opener.match(core))
    if rules.snapshot_check.match(core.strip(_EDGES)):
        # "Klopt dat?", "right?": the check of a summary. After a plain statement that
        # statement was the summary; after anything else it asks nothing of its own.
        if previous is not None and index > 0 and not previous & _NOT_SUMMARY:
            labels.add(SNAPSHOT)
            return labels
        if previous is not None:
            return labels
    if is_question(clause, rules):
        labels |= _question_labels(clause, rules, opener)
        return labels
    if rules.advice.search(text) or rules.imperative.match(core):
        labels.add(ADVICE)
    elif (opener or _mirrors(text, rules, seen)) and not labels & _NOT_MIRROR:
        labels.add(SNAPSHOT)
    return labels


# A statement with these labels is no neutral summary, whatever words it repeats.
_NOT_MIRROR = frozenset({CORRECTION, REASSURANCE, OWN_STORY})

# A clause with these labels is no summary, so a check after it ("right?") is not a snapshot's.
_NOT_SUMMARY = frozenset(
    {ADVICE, ADVICE_AS_QUESTION, OPEN_QUESTION, CLOSED_QUESTION, REASSURANCE, CORRECTION}
)


def _question_labels(clause: Clause, rules: Rules, opener: bool) -> set[str]:
    """The labels of a clause that asks something."""
    text, core = clause.text, clause.core
    if rules.rhetorical_tag.search(text.rstrip(_EDGES)):
        # "…, haven't you?": a judgement dressed as a question; after a summary, its check.
        return {SNAPSHOT} if opener else {CORRECTION}
    if rules.advice_question.search(core):
        return {ADVICE_AS_QUESTION}
    if opener and not (rules.open_start.match(core) or rules.closed_start.match(core)):
        return {SNAPSHOT}
    if rules.open_start.match(core):
        kind = OPEN_QUESTION
    elif rules.closed_start.match(core):
        kind = CLOSED_QUESTION
    elif _OPEN_WORD[rules.lang](core):
        kind = OPEN_QUESTION  # "en je voelde je toen hoe?"
    else:
        kind = CLOSED_QUESTION  # a statement with a question mark: "je moeder ook?"
    labels = {kind}
    if rules.earlier_success.search(text):
        labels.add(EARLIER_SUCCESS)
    return labels


# An open question word later in a clause ("en je voelde je toen hoe?").
_OPEN_WORD = {
    "en": re.compile(r"\b(?:what|how|why)\b").search,
    "nl": re.compile(r"\b(?:wat|hoe|waarom|welke)\b").search,
}


def _mirrors(text: str, rules: Rules, seen: frozenset[str]) -> bool:
    """Whether a statement in the second person repeats enough of the other's own words to
    be a snapshot of them."""
    if not seen or not rules.mirror_start.match(text):
        return False
    content = {w for w in words(text) if w not in rules.stopwords and len(w) > 2}
    if not content:
        return False
    shared = len(content & seen)
    return shared >= MIRROR_WORDS and shared / len(content) >= MIRROR_SHARE
