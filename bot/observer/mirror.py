"""How much a helper's clause repeats the other's turn: the other's words as the helper says
them back (``context_words``), echoes (``echo``), mirroring (``mirrors``), whether a phrase is
the helper's own (``said_here``), and the other's self-doubt that counter-evidence answers
(``Doubt``, ``contradicts``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.observer.cues import affirms, known, says_summary
from bot.observer.rules import Rules
from bot.observer.segment import Clause, normalise, words

#: A statement shares at least this many content words with the other's turn, and this share
#: of its own content words, before it counts as mirroring it (a snapshot without an opener).
MIRROR_WORDS = 2
MIRROR_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class Doubt:
    """Whether the other doubted themselves, and the words they denied of themselves."""

    doubts: bool
    denied: frozenset[str]


def contradicts(text: str, rules: Rules, doubt: Doubt, seen: frozenset[str]) -> bool:
    """Whether a statement holds up the other's own past against their self-doubt, or says
    back as a fact what they denied of themselves ("you're allowed to complain"); the other's
    own words ("ik had vaker moeten lopen" → "je denkt dat je vaker …") are no evidence."""
    if doubt.doubts and (said_here(rules.success.search(text), seen) or news(text, rules, seen)):
        return True
    return affirms(text, rules, doubt.denied)


#: Evidence is news: at least this many content words the other did not say, and this share.
NEWS_WORDS = 2
NEWS_SHARE = 0.6


#: The other's words reported back ("you said", "zei je"): a summary of them, not evidence.
_REPORTED = re.compile(
    r"\b(?:you said|you say|you told me|you mentioned|zei je|je zei|zeg je|je zegt)\b"
)


_INTENDED = re.compile(
    r"\b(?:wanted to|would have|could have|should have|meant to|willen|moeten|kunnen|wilde|wou)\b"
)


def news(text: str, rules: Rules, seen: frozenset[str]) -> bool:
    """Whether a statement brings facts the other did not say (an act in the past, a number,
    a time): "you ran the ward for six weeks" after "i'm not leadership material". A clause
    that mostly repeats the other's words is a summary of them, not evidence."""
    if rules.evidence.search(text) is None or _REPORTED.search(text) or says_summary(text):
        return False
    if _INTENDED.search(text):  # "je had haar gisteren willen bellen": a wish, no act
        return False
    if (
        rules.time_frame.search(text)
        or rules.advice.search(text)
        or rules.imperative.match(text)
        or fact_list(text, rules, seen)
    ):
        return False  # a summary, the time, a proposal: no evidence held up
    content = {w for w in words(text) if w not in rules.stopwords and (len(w) > 2 or w.isdigit())}
    new = [w for w in content if not known(w, seen)]
    return len(new) >= NEWS_WORDS and len(new) >= NEWS_SHARE * len(content)


def context_words(context: str, rules: Rules) -> frozenset[str]:
    """The other's words as the helper would say them back (``rules.perspective``)."""
    swap = rules.perspective
    return frozenset(swap.get(w, w) for w in words(normalise(context, rules)))


def echo(clause: Clause, rules: Rules, seen: frozenset[str]) -> bool:
    """Whether ``clause`` only repeats the other's words ("froze", "kan je geen nee zeggen?")."""
    core = clause.core
    if not seen or rules.open_start.match(core) or rules.question_word.search(core):
        return False
    if clause.question_mark and rules.conditional.match(core):
        return False  # "en als hij niet leeg is?" asks something new
    said = [w for w in words(clause.text) if not soft(w, rules)]
    if not said or (rules.closed_start.match(clause.core) and len(said) < 4):
        return False
    content = [w for w in said if w not in rules.stopwords]
    if content:
        # "oei. morgen al": the other's word "morgen", and "al" adds nothing
        return all(known(w, seen) for w in content)
    return all(known(w, seen) for w in said)  # "you don't do that here"


def soft(word: str, rules: Rules) -> bool:
    """A word that adds nothing to an echo ("ok", "wow", "oei")."""
    return bool(rules.encourager.match(word)) or not rules.fillers.sub("", word, count=1)


def said_here(match: re.Match[str] | None, seen: frozenset[str]) -> bool:
    """Whether a phrase was found and is the helper's own, not the other's words repeated
    ("2 hours each way?" after "a commute of 2 hours" names no time frame)."""
    if match is None:
        return False
    found = words(match.group(0))
    return not found or not all(w in seen for w in found)


def mirrors(
    text: str, rules: Rules, seen: frozenset[str], *, strong: bool = False, least: int = 0
) -> bool:
    """Whether a clause repeats enough of the other's own content words to be a snapshot of
    them (``strong``: so much that it is a snapshot even when it sounds like advice)."""
    if not seen:
        return False
    content = {w for w in words(text) if w not in rules.stopwords and (len(w) > 2 or w.isdigit())}
    if not content:
        return False
    shared = sum(1 for w in content if known(w, seen))
    if least:
        return shared >= least
    if strong:
        return shared >= MIRROR_WORDS + 1 and shared / len(content) >= 0.75
    return shared >= MIRROR_WORDS and shared / len(content) >= MIRROR_SHARE


_PARTS = re.compile(r", (?:and |en )?| and | en ")
_CONTRAST = re.compile(r"\b(?:but|maar)\b")


def fact_list(text: str, rules: Rules, seen: frozenset[str]) -> bool:
    """Whether ``text`` lists the other's facts, the first one in their own words ("een
    kwartier, 3x, en je hebt nog niks gezegd", "12 mails en nog niks terug")."""
    parts = [p for p in _PARTS.split(text) if p.strip()]
    if len(parts) < 2 or _CONTRAST.search(text):  # "easier for you, sure, but not …": a verdict
        return False
    first = [w for w in words(parts[0]) if w not in rules.stopwords]
    return 0 < len(first) <= 3 and all(known(w, seen) for w in first)
