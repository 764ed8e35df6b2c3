"""Evidence inside one clause that the classifier weighs: whether it says it is a summary,
whether it holds up counter-evidence, whether it denies the other's own word, and whether it
opens like a summary. Pure functions over normalised text and a language's ``Rules``.
"""

from __future__ import annotations

import re
from typing import Final

from bot.observer.rules import Rules

#: How a summary says it is one, in either language ("dus …", "so …", "als ik het goed hoor").
EXPLICIT_SUMMARY: Final = re.compile(
    r"(?:dus|so|als ik|if i|what i|wat ik|je zegt|jij zegt|you(?:'re| are)? saying|you say|"
    r"you said|het klinkt|klinkt|it sounds|sounds|(?:that|this|dat|dit) (?:sounds|klinkt)|"
    r"samengevat|kortom|in short|to sum)\b"
)

#: A negation in the other's turn, and the few words after it that it denies ("i can't
#: sleep", "ik kan niet slapen"): those words are the other's own denial.
_CONTEXT_NEGATION: Final = re.compile(
    r"\b(?:\w+n't|not|never|no|cannot|niet|geen|nooit)\b((?: \w+){1,3})"
)

#: Words just before a negation that make it deny what something or someone *is* ("you're
#: not lazy", "it's not embarrassing", "je bent niet dom", "jij hoeft niet onzeker te zijn").
_COPULA_WORDS: Final = (
    "is are am be was were been being you're it's that's you it that this feel feels seem "
    "seems look looks sound sounds really just certainly definitely absolutely honestly "
    "ben bent zijn was waren word wordt worden hoeft hoef je jij het dat dit echt toch zeker "
    "absoluut gewoon voel voelt lijkt lijk klinkt no nee nah ach oh helemaal totaal totally"
)
_COPULA: Final = frozenset(_COPULA_WORDS.split())


def known(word: str, seen: frozenset[str]) -> bool:
    """Whether ``word`` is one of ``seen``, or shares its stem with one ("schaamt", "schaam")."""
    if word in seen:
        return True
    if len(word) < 3:
        return False
    return any(
        len(other) >= 3 and (other.startswith(word) or word.startswith(other))
        for other in seen
        if abs(len(other) - len(word)) <= 4
    )


#: A question that asks the other's own view ("…, denk je?", "do you think"): never rhetorical.
_ASKS_VIEW: Final = re.compile(
    r"\b(?:denk je|denk jij|vind je|volgens jou|do you think|you think|in your view)\b"
)


def asks_view(text: str) -> bool:
    """Whether a question asks for the other's own view ("hoe had je het kunnen zien, denk je?")."""
    return _ASKS_VIEW.search(text) is not None


#: A clause that says the other's act or state back to them ("you froze", "je klapte dicht").
_RESTATES: Final = re.compile(
    r"^(?:you|you're|you've|you were|je|jij) (?!(?:know|see|can|could|should|might|must|will|would|"
    r"need|have to|may|weet|ziet|kan|kunt|moet|zou|mag|gaat|hoeft|wil|wilt)\b)\w+"
)


def restates(text: str) -> bool:
    """Whether ``text`` opens with the other as subject and a verb of their own."""
    return _RESTATES.match(text) is not None


#: A feeling of the other named back to them ("you're feeling overwhelmed?", "je voelt je
#: overweldigd?"): a summary, also with a question mark.
_FEELS: Final = re.compile(
    r"^(?:so |dus )?(?:you(?:'d| would) rather|(?:it|that) (?:hurts|stings)|(?:het|dat) doet (?:je "
    r")?pijn|(?:je|jij) (?:wil|wilt) (?:liever|eigenlijk)|you(?:'re| are)? (?:feel|feeling|felt)|"
    r"you(?:'re| are) (?:so |really |"
    r"quite |a bit |pretty )?(?:overwhelmed|exhausted|stuck|torn|scared|afraid|worried|anxious|"
    r"frustrated|disappointed|lonely|hurt|ashamed|angry|upset|sad)|(?:je|jij) (?:voelt|voelde) "
    r"je|(?:je|jij) bent (?:zo |erg |echt |een beetje |best )?(?:overweldigd|uitgeput|moe|bang|"
    r"boos|verdrietig|teleurgesteld|gefrustreerd|eenzaam|gekwetst|bezorgd|onzeker))\b"
)


def feels(text: str) -> bool:
    """Whether ``text`` names the other's feeling back to them."""
    return _FEELS.match(text) is not None


def denied_by_other(context: str) -> frozenset[str]:
    """The words the other denied themselves ("i'm not sleeping", "i can't sleep")."""
    return frozenset(w for m in _CONTEXT_NEGATION.finditer(context) for w in m.group(1).split())


def says_summary(text: str) -> bool:
    """Whether a clause says it is a summary ("so …", "dus …", "it sounds …")."""
    return EXPLICIT_SUMMARY.match(text) is not None


def counters(text: str, rules: Rules) -> bool:
    """Whether a clause holds up counter-evidence or a judgement: a correction, or a past
    success or an earlier time ("you've done it before", "vorig jaar haalde je hem ook")."""
    return bool(rules.correction.search(text) or rules.counter_evidence.search(text))


def denies(text: str, rules: Rules, seen: frozenset[str], denied: frozenset[str]) -> bool:
    """Whether ``text`` denies what the other said they or it *is* ("not stupid at all" after
    "i'm so stupid", "you're not lying"), and not a word they denied themselves."""
    for match in rules.negation.finditer(text):
        word = match.group(1)
        if word in rules.stopwords or known(word, denied) or not known(word, seen):
            continue
        before = text[: match.start()].split()[-2:]
        negation = match.group(0).split()[0]
        if negation.endswith("n't") or not before or any(w.strip(",") in _COPULA for w in before):
            return True
    # "je faalt helemaal niet": the other's own verb, denied outright after it
    for match in _DENIED_AFTER.finditer(text):
        word = match.group(1)
        if word not in rules.stopwords and not known(word, denied) and known(word, seen):
            return True
    return False


#: A word denied outright after it ("je faalt helemaal niet", "you failed nothing at all").
_DENIED_AFTER: Final = re.compile(
    r"\b(\w{4,}) (?:helemaal|echt|absoluut|totaal|zeker) (?:niet|nooit)\b(?! \w)"
)


def opens_summary(text: str, rules: Rules) -> bool:
    """Whether ``text`` opens like a summary, also after fillers ("haha ok so the printer …")."""
    for _ in range(6):
        if rules.snapshot_opener.match(text):
            return True
        rest = rules.filler.sub("", text, count=1)
        if rest == text:
            break
        text = rest
    # "young, so you think your age plays a part": the other's word, then the summary
    lead, _, rest = text.partition(", ")
    return bool(
        rest
        and len(lead.split()) <= 2
        and rules.summary_start.match(rest)
        and rules.snapshot_opener.match(rest)
    )


_NEGATED: Final = re.compile(r"\b(?:\w+n't|not|never|cannot|niet|geen|nooit)\b")


def self_denied(context: str, rules: Rules) -> frozenset[str]:
    """The words the other denied of themselves ("i'm not ready", "ik kan niet plannen")."""
    found = (
        "".join(g or "" for g in m.groups()).split() for m in rules.self_denial.finditer(context)
    )
    return frozenset(w for group in found for w in group if w not in rules.stopwords)


def affirms(text: str, rules: Rules, denied: frozenset[str]) -> bool:
    """Whether ``text`` says a word the other denied of themselves back as a plain fact about
    them ("you're ready" after "i'm not ready"): that contradicts them."""
    if not denied or _NEGATED.search(text):
        return False
    match = rules.affirmation.search(text)
    if match is None:
        return False
    after = text[match.end() :].split()[:4]
    return any(len(w) > 2 and known(w.strip(",."), denied) for w in after)
