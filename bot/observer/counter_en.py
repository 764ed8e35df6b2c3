"""English patterns of counter-evidence: what backs a correction up (an earlier time, a past
success, a minimising "just"), how the other doubts themselves, and correction forms that hold
up such evidence (the same shape as ``counter_nl``; re-exported by ``lexicon_en``).

Every pattern is a regular-expression fragment over *normalised* text (``segment.normalise``).
"""

from __future__ import annotations

from typing import Final

#: Evidence from the other's own past: an earlier time, a repeat, a past success ("you've done
#: it before", "last week you …"). After the other doubted themselves it is a correction.
PAST_EVIDENCE: Final = (
    r"\b(?:before|already|last (?:week|weekend|month|year|time|night|term|summer|spring|"
    r"autumn|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|ago|yesterday|"
    r"twice|more than once|(?:plenty|lots|loads|so many|many) (?:of )?times|in (?:january|"
    r"february|march|april|may|june|july|august|september|october|november|december))\b",
    r"\b(?:you|she|he|they|we)(?:'ve| have|'s| has)? (?:\w+ )?(?:managed|handled|did|done|passed|"
    r"finished|survived|kept|got through|made it|pulled|stood up|said no|won|fixed|solved|sorted|"
    r"built|coped|dealt|pass|manage|handle|always)\b",
    r"\b(?:worse|harder|tougher|bigger|more difficult)\b",
)

#: A success of the other's own, in the past ("you managed", "you already supervised two
#: interns"), or an earlier time set against the doubt ("you said that last week too, but …"):
#: held up against their self-doubt it is a correction; a time alone ("you've been carrying
#: this for months") is not.
SUCCESS: Final = (
    r"\b(?:you|she|he|they)(?:'ve| have)? (?:\w+ )?(?:managed|handled|pulled (?:it|that|this) "
    r"off|passed|finished|survived|got through|made it|stood up|said no|won|fixed|solved|sorted|"
    r"coped|calmed|supervised|led|delivered|completed|nailed|aced|did it|did fine|did well|did "
    r"great)\b",
    r"\b(?:and|but) then you (?:\w+ )?(?:pass|manage|do it|handle|make it|get through|nail)\w*\b",
    r"\b(?:last (?:week|month|year|time)|before|already)\b.{0,60}\b(?:but|and yet|still)\b",
    r"\b(?:but|and yet|still)\b.{0,60}\b(?:last (?:week|month|year|time)|before|already)\b",
)

#: Counter-evidence before a tag ("…, didn't you?"): the other's past, or a minimising "just";
#: without it a tag judges nothing ("that's annoying, right").
COUNTER_EVIDENCE: Final = (
    *PAST_EVIDENCE,
    # "you're just tired, right?": it minimises a state ("you just want rest, right?" checks)
    r"\b(?:you're|you are|it's|it is|that's|that is|you were|it was|that was) (?:\w+ )?(?:just|"
    r"simply|basically|only)\b",
)

#: The other doubting or judging themselves ("i'm not ready", "i can't handle", "nobody would
#: notice", "i should have seen it"): evidence against it is a correction.
SELF_DOUBT: Final = (
    r"\bi(?:'m| am| was)? (?:just |so |such |really |totally |completely )?(?:not|never|no|"
    r"rubbish|bad|terrible|useless|hopeless|awful|a failure|the reason|stupid|too|incompetent|"
    r"the worst|a bad|a terrible)\b",
    r"\bi (?:can't|cannot|can never|never|always|failed|mess|messed|ruin|ruined)\b",
    r"\bi (?:should|shouldn't|should've|could|could've) (?:have|not have|never)\b",
    r"\b(?:nobody|no one|none of them) (?:would|will|cares|likes|needs|wants|listens)\b",
    r"\b(?:that|it) was (?:just )?(?:luck|a fluke|easy|nothing)\b",
)

#: A first-person denial in the other's turn, and the words it denies ("i'm not ready"):
#: saying them back without the denial ("you're ready") contradicts it.
SELF_DENIAL: Final = (
    r"\bi(?:'m| am) (?:just |really |simply )?(?:not|never|no)((?: \w+){1,3})",
    r"\bi (?:can't|cannot|can never)((?: \w+){1,3})",
)

#: Saying a denied word back as a plain fact about the other ("you're ready", "you can").
AFFIRMATION: Final = (
    r"\byou(?:'re| are| can| could| do| did| were|'ve| have) (?:really |absolutely |definitely |"
    r"totally |so |more than |already |actually |still )?",
)

#: Correction forms that hold up counter-evidence or a judgement.
CORRECTION: Final = (
    r"\b(?:that|it|this)(?:'s| is| was) hardly\b",
    r"\b(?:one|a single|1|just one) \w+ (?:doesn't|does not|won't|can't) (?:decide|define|mean|"
    r"prove|make|say|change)\b",
    r"\bdoesn't (?:define|decide) (?:you|who you)\b",
    r"^you (?:did|do) (?:see|notice|know|try|ask|say|tell|speak|care|manage|do)\b",
    r"\byou (?:don't|do not) (?:even |actually )?know that\b",
    r"\byou (?:told me|said) (?:that|so)(?: yourself)?$",  # "…, you told me that": their own word
    r"\ba (?:bad|terrible|lazy|selfish|useless|hopeless|lousy) \w+ (?:doesn't|wouldn't|would "
    r"never|never|does not|would not)\b",
    r"\bthan you give (?:her|him|them|yourself|it) credit\b",
    r"\b(?:is|'s|are) (?:her|his|their) (?:job|task|responsibility|problem|call),? not (?:yours|"
    r"you)\b",
)

#: Words that put a verdict in a summary: a double standard, blame put elsewhere.
VERDICT: Final = (
    r"\bonly (?:counts|matters|works|happens) (?:when|if)\b",
    r"\bwhen .{3,40}\bit's \w+ and when\b",
    r"\band not (?:with|on|about) (?:you|yourself|how|what)\b",
)
