"""From a chat turn to clauses: normalise the text, split it, and tell questions apart.

Chat is lower case, misspelt and often without a question mark, so a clause is a question when
it ends in "?" *or* opens (after fillers such as "ok", "nou") with a question word or an
inverted verb ("heb je …", "do you …", "wat …", "how …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from bot.observer.rules import Rules

#: Longer turns are read up to here: no chat turn of a role-play is longer, and the cap keeps
#: ``label_turn`` fast and safe on any input.
MAX_TEXT: Final = 4_000

_SURROGATES_AND_CONTROLS = re.compile(r"[\ud800-\udfff\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Emoji, pictographs, dingbats, variation selectors, joiners: noise for the rules.
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0e\ufe0f\u200b-\u200f\u2060]"
)
# Text smileys (":)", ";-(", ":p", "xD", "<3"), only where they stand alone.
_SMILEY = re.compile(r"(?<!\w)(?:[:;=8][-']?[()\[\]dpo/\\|*3]+|x-?d+|<3+)(?!\w)")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"'})
_ELLIPSIS = re.compile(r"…|\.{2,}")
# The dot of a title or a short abbreviation ends no sentence ("mr. de vries", "bijv.").
_TITLE_DOT = re.compile(r"\b(mr|mrs|ms|dr|prof|dhr|mevr|mw|bijv|bv|evt|etc|ca|nr|vs)\.")
# A quoted line of at least three words is someone else's voice (the helper plays a part or
# suggests words: 'next time say "let me check"'): what the helper does is outside it.
_QUOTED = re.compile(r'"[^"\n]*"')
_QUESTION_RUN = re.compile(r"[?¿]+[!?.]*|[!.]+\?[!?.]*")
_STOP_RUN = re.compile(r"[!.;]+")
_NOISE = re.compile(r"[\"()\[\]{}*_#<>|~^+=/\\@&%$€]+")
_COLON = re.compile(r"(?<!\d):(?!\d)")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_WORD = re.compile(r"[\w']+")
# Clause ends: a sentence mark or a line break.
_SPLIT = re.compile(r"([.?!\n])")
_CLAUSE_EDGES = " ,'-–—"
_COMMA = re.compile(r",\s*")
_AFTERTHOUGHT = re.compile(r"^(?:do you think|you think|denk je|wat denk je|denk jij)\W*$")


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of a turn: its normalised text, that text without leading fillers, and
    whether it ended in a question mark."""

    text: str
    core: str
    question_mark: bool


def normalise(text: str, rules: Rules) -> str:
    """``text`` casefolded, cut to ``MAX_TEXT``, without emoji, smileys, control characters
    or lone surrogates, with chat abbreviations folded (``rules.abbreviations``) and runs of
    punctuation reduced to one "?", "." or "!"; line breaks stay (they end a clause)."""
    text = _SURROGATES_AND_CONTROLS.sub(" ", text[:MAX_TEXT])
    text = _EMOJI.sub(" ", text.translate(_QUOTES)).casefold()
    text = _SMILEY.sub(" ", text)
    text = _QUOTED.sub(_unquote, _TITLE_DOT.sub(r"\1", text))
    text = _ELLIPSIS.sub(".", text)
    text = _QUESTION_RUN.sub("?", text)
    text = _STOP_RUN.sub(".", text)
    text = _COLON.sub(",", _NOISE.sub(" ", text))
    table = rules.abbreviations
    text = _WORD.sub(lambda m: table.get(m.group(0), m.group(0)), text)
    for pattern, spelled in rules.respell:
        text = pattern.sub(spelled, text)
    return _SPACES.sub(" ", text)


def _unquote(match: re.Match[str]) -> str:
    """A quoted span of three words or more dropped, a shorter one kept ("wie zijn "ze"?")."""
    quoted = match.group(0)
    return " " if len(quoted.split()) >= 3 else quoted


def strip_fillers(clause: str, rules: Rules) -> str:
    """``clause`` without its leading fillers ("ok so", "nou ja"), or the clause itself when
    it holds nothing else."""
    rest = rules.fillers.sub("", clause, count=1).strip(_CLAUSE_EDGES)
    return rest or clause


def clauses(text: str, rules: Rules) -> list[Clause]:
    """The non-empty clauses of a normalised turn, in order."""
    found: list[Clause] = []
    parts = _SPLIT.split(text)
    # ``split`` with a group alternates text and the mark that ended it.
    for index in range(0, len(parts), 2):
        body = parts[index].strip(_CLAUSE_EDGES)
        if not body or not any(c.isalnum() for c in body):
            if found and index + 1 < len(parts) and parts[index + 1] == "?":
                # A lone "?" after a clause ("en toen ?") makes that clause a question.
                last = found[-1]
                found[-1] = Clause(last.text, last.core, True)
            continue
        mark = parts[index + 1] if index + 1 < len(parts) else ""
        pieces = _comma_split(body, rules)
        for piece in pieces[:-1]:
            found.append(Clause(piece, strip_fillers(piece, rules), False))
        found.append(Clause(pieces[-1], strip_fillers(pieces[-1], rules), mark == "?"))
    return found


def _comma_split(body: str, rules: Rules) -> list[str]:
    """``body`` cut before each comma that a new question follows ("how does that go, can you
    give an example"), so that each question is counted; not before a rhetorical tag
    ("…, haven't you") nor after a lead-in that is only fillers ("en wat denk je, lukt dat")."""
    if "," not in body:
        return [body]
    pieces: list[str] = []
    start = 0
    for match in _COMMA.finditer(body):
        before, after = body[start : match.start()], body[match.end() :]
        head = strip_fillers(after, rules)
        asks = (
            rules.open_start.match(head)
            or rules.closed_start.match(head)
            or rules.advice_question.match(head)
        )
        if not asks or rules.bare_statement.match(head) or rules.subordinate.match(head):
            continue
        if _AFTERTHOUGHT.match(after):
            continue  # "what's going wrong, do you think": one question
        if rules.rhetorical_tag.search(", " + after) and len(after.split()) <= 3:
            continue
        if not rules.fillers.sub("", before + ",", count=1).strip(_CLAUSE_EDGES):
            continue
        if rules.subordinate.match(body[start:]):
            continue  # "als je zeker bent, zeg je er wat van": one sentence, no question
        pieces.append(before.strip(_CLAUSE_EDGES))
        start = match.end()
    pieces.append(body[start:].strip(_CLAUSE_EDGES))
    return [p for p in pieces if p] or [body]


def words(text: str) -> list[str]:
    """The words of a normalised text."""
    return _WORD.findall(text)


def is_question(clause: Clause, rules: Rules) -> bool:
    """Whether ``clause`` asks something: a question mark, or a question opening."""
    if clause.question_mark:
        return True
    core = clause.core
    if rules.bare_statement.match(core) or rules.bare_statement.match(clause.text):
        return False
    return bool(
        rules.open_start.match(core)
        or rules.closed_start.match(core)
        or rules.advice_question.match(core)
    )
