"""The lexicons compiled once, at import, into one ``Rules`` per language.

``chat_en``/``chat_nl`` (how chat is read) and ``lexicon_en``/``lexicon_nl`` (what each move
looks like) hold plain fragments; here they become the regular
expressions ``segment`` and ``classify`` run. Compiling at import keeps ``label_turn`` free of
any per-call compilation (the throughput target is 1,000 turns a second on one core).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Final

from bot.observer import chat_en, chat_nl, lexicon_en, lexicon_nl

#: The languages the observer reads.
LANGUAGES: Final = ("nl", "en")


def _any(fragments: Iterable[str]) -> str:
    return "|".join(f"(?:{f})" for f in fragments)


def _start(fragments: Iterable[str]) -> re.Pattern[str]:
    """Matches at the start of a clause, ending on a word boundary or the clause's end."""
    return re.compile(rf"^(?:{_any(fragments)})(?=\W|$)")


def _anywhere(fragments: Iterable[str]) -> re.Pattern[str]:
    return re.compile(_any(fragments))


@dataclass(frozen=True, slots=True)
class Rules:
    """One language's compiled patterns (what each one finds: the lexicon modules say)."""

    lang: str
    abbreviations: Mapping[str, str]
    respell: tuple[tuple[re.Pattern[str], str], ...]
    fillers: re.Pattern[str]
    open_start: re.Pattern[str]
    closed_start: re.Pattern[str]
    bare_statement: re.Pattern[str]
    advice_question: re.Pattern[str]
    advice: re.Pattern[str]
    imperative: re.Pattern[str]
    earlier_success: re.Pattern[str]
    own_story: re.Pattern[str]
    reassurance: re.Pattern[str]
    correction: re.Pattern[str]
    rhetorical_tag: re.Pattern[str]
    rhetorical_question: re.Pattern[str]
    negation: re.Pattern[str]
    time_frame: re.Pattern[str]
    duration: re.Pattern[str]
    time_cue: re.Pattern[str]
    encourager: re.Pattern[str]
    snapshot_opener: re.Pattern[str]
    snapshot_tail: re.Pattern[str]
    snapshot_check: re.Pattern[str]
    mirror_start: re.Pattern[str]
    subordinate: re.Pattern[str]
    summary_start: re.Pattern[str]
    verdict: re.Pattern[str]
    counter_evidence: re.Pattern[str]
    success: re.Pattern[str]
    self_doubt: re.Pattern[str]
    self_denial: re.Pattern[str]
    affirmation: re.Pattern[str]
    flat_denial: re.Pattern[str]
    reframe: re.Pattern[str]
    negative_question: re.Pattern[str]
    worry: re.Pattern[str]
    comfort: re.Pattern[str]
    evidence: re.Pattern[str]
    conditional: re.Pattern[str]
    open_word: re.Pattern[str]
    question_word: re.Pattern[str]
    alternative: re.Pattern[str]
    turn_back: re.Pattern[str]
    filler: re.Pattern[str]
    stopwords: frozenset[str]
    perspective: Mapping[str, str]


def _compile(lang: str, chat: ModuleType, lexicon: ModuleType) -> Rules:
    encourager = _any(chat.ENCOURAGER)
    return Rules(
        lang=lang,
        abbreviations=chat.ABBREVIATIONS,
        respell=tuple((re.compile(pattern), spelled) for pattern, spelled in lexicon.RESPELL),
        # Any run of fillers at the start, each followed by a space or comma.
        fillers=re.compile(rf"^(?:(?:{_any(chat.FILLERS)})(?:[ ,]+|$))+"),
        open_start=_start(chat.OPEN_START),
        closed_start=_start(chat.CLOSED_START),
        bare_statement=_start(chat.BARE_STATEMENT),
        advice_question=re.compile(rf"(?:^|\b)(?:{_any(lexicon.ADVICE_QUESTION)})"),
        advice=re.compile(rf"(?:^|\b)(?:{_any(lexicon.ADVICE)})"),
        imperative=re.compile(
            rf"^(?:{_any(lexicon.IMPERATIVES)})(?=\W|$)(?! (?:{_any(chat.SUBJECTS)})\b)"
        ),
        earlier_success=_anywhere(lexicon.EARLIER_SUCCESS),
        own_story=_anywhere(lexicon.OWN_STORY),
        reassurance=_anywhere(lexicon.REASSURANCE),
        correction=_anywhere(lexicon.CORRECTION),
        rhetorical_tag=re.compile(rf"(?:{_any(lexicon.RHETORICAL_TAG)})"),
        rhetorical_question=_anywhere(lexicon.RHETORICAL_QUESTION),
        negation=_anywhere(lexicon.NEGATION),
        time_frame=_anywhere(lexicon.TIME_FRAME),
        duration=_anywhere(lexicon.DURATION),
        time_cue=_anywhere(lexicon.TIME_CUE),
        # The whole turn: one to four encouragers, separated by spaces or commas.
        encourager=re.compile(rf"^(?:{encourager})(?:[ ,]+(?:{encourager})){{0,3}}$"),
        snapshot_opener=_start(lexicon.SNAPSHOT_OPENER),
        snapshot_tail=re.compile(rf"(?:{_any(lexicon.SNAPSHOT_TAIL)})$"),
        snapshot_check=re.compile(rf"^(?:{_any(chat.SNAPSHOT_CHECK)})$"),
        mirror_start=_start(chat.MIRROR_START),
        subordinate=_start(chat.SUBORDINATE),
        summary_start=_start(chat.SUMMARY_START),
        verdict=_anywhere(lexicon.VERDICT),
        counter_evidence=_anywhere(lexicon.COUNTER_EVIDENCE),
        success=_anywhere(lexicon.SUCCESS),
        self_doubt=_anywhere(lexicon.SELF_DOUBT),
        self_denial=_anywhere(lexicon.SELF_DENIAL),
        affirmation=_anywhere(lexicon.AFFIRMATION),
        flat_denial=re.compile(rf"^(?:{_any(lexicon.FLAT_DENIAL)})$"),
        evidence=_anywhere(lexicon.EVIDENCE),
        reframe=_anywhere(lexicon.REFRAME),
        negative_question=_start(lexicon.NEGATIVE_QUESTION),
        worry=_anywhere(lexicon.WORRY),
        comfort=_anywhere(lexicon.COMFORT),
        conditional=_start(chat.CONDITIONAL),
        open_word=re.compile(rf"\b(?:{_any(chat.OPEN_WORDS)})\b"),
        question_word=re.compile(rf"\b(?:{_any(chat.QUESTION_WORDS)})\b"),
        alternative=_start(chat.ALTERNATIVE),
        turn_back=re.compile(rf"^(?:{_any(chat.TURN_BACK)})$"),
        # One filler at the start, for stripping them one by one.
        filler=re.compile(rf"^(?:{_any(chat.FILLERS)})(?:[ ,]+|$)"),
        stopwords=frozenset(chat.STOPWORDS.split()),
        perspective=chat.PERSPECTIVE,
    )


RULES: Final = {
    "en": _compile("en", chat_en, lexicon_en),
    "nl": _compile("nl", chat_nl, lexicon_nl),
}


def rules_for(lang: str) -> Rules:
    """The compiled rules of ``lang`` ("nl" or "en"); ValueError for any other language."""
    try:
        return RULES[lang]
    except (KeyError, TypeError):
        raise ValueError(f"unknown language {lang!r}: the observer reads nl or en") from None
