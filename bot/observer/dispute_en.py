"""English patterns of disputing the other's view (the same shape as ``dispute_nl``): chat
spellings that hide "you're", flat denials, reframes ("that's not X, that's Y"), sweeping
claims of the other that new evidence answers, and the shapes of such evidence.

Every pattern is a regular-expression fragment over *normalised* text (``segment.normalise``).
"""

from __future__ import annotations

from typing import Final

#: "your" typed for "you're" ("your not slower", "ur right"): respelled before anything else,
#: only where a possessive cannot stand.
RESPELL: Final = (
    (
        r"\byour (?=(?:not|so|too|just|really|very|a|an|being|going|doing|allowed|always|never|"
        r"definitely|clearly|probably|still|already|actually|literally|right|wrong|fine|ok|okay|"
        r"human|the one|only|more|less|exhausted|tired|scared|allowed)\b)",
        "you're ",
    ),
)

#: A whole clause that only denies ("nope", "lol no", "not even close"): after a claim of the
#: other's it is a correction (after a question it answers).
FLAT_DENIAL: Final = (
    r"(?:lol |haha |hmm |honestly |tbh |to be honest )*(?:no+|nope|nah|not true|not at all|"
    r"not even close|no way|absolutely not|definitely not|nonsense|rubbish|bs|hardly|"
    r"i don't buy (?:it|that)|i(?:'d| would) disagree(?: with that)?|i don't agree|"
    r"i(?:'m| am) not (?:so |that )?sure|so no|not really|i doubt (?:it|that)|i don't believe "
    r"(?:it|that|you)|i don't think so|of course you (?:do|are|can|did|have)|yes you (?:are|can|"
    r"do|did)|not at all|totally not)",
)

#: The other's worry about what may come ("i'm scared she'll …"): a "no" to it comforts.
WORRY: Final = (r"\b(?:worried|worry|afraid|scared|what if|nervous|anxious|dread|fear)\b",)

#: Comfort in answer to a worry: it is common, it passes, it will go well, we do it together.
COMFORT: Final = (
    r"\b(?:everyone|everybody|most people|all of us|usually|normally|nobody (?:will|would|is "
    r"going to)|will be (?:fine|ok|okay|alright)|'ll be (?:fine|ok|okay|alright)|together|we'll|"
    r"fades|passes|goes away|gets easier|you'll (?:be|do|manage|get|handle)|you can do|happens "
    r"to)\b",
)

#: A reframe or a flat judgement of the other's view: "that's not nagging, it's advocating",
#: "one bad month doesn't make you a bad nurse", "that's the tiredness talking".
REFRAME: Final = (
    r"\b(?:isn't|is not|'s not|aren't|are not|wasn't|was not)\b[^,.?!]{1,40}[,.] (?:it's|that's|"
    r"it is|that is|it was|that was|they're|you're|you were|it means|that means|it makes)\b",
    r"\b(?:doesn't|does not|don't|didn't|won't|wouldn't) (?:\w+ ){0,2}(?:make|mean|prove|decide|"
    r"say anything about|define) (?:you|that you|anything|much|a thing)\b",
    r"\b(?:the|your) \w+ (?:talking|speaking)\b",
    r"\byou call it [^.?!]{1,30}\bi(?:'d| would)? call it\b",
    r"\bi(?:'d| would) (?:call it|disagree|not call|not say)\b",
    r"\bthere(?:'s| is) no such thing as\b",
    r"\bno (?:such thing as )?(?:a )?stupid question",
    r"\bno shame in\b",
    r"\bnot how i(?:'d| would) describe\b",
    r"\bis a (?:bit of a )?stretch\b",
    r"\bsays? otherwise\b",
    r"\b(?:got|have|has) (?:that|it|this) wrong\b",
    r"\bwrong about (?:that|this|you|yourself)\b",
    r"\bnot exactly (?:pointless|nothing|useless|lazy|a failure|fair|true)\b",
    r"\b(?:is|'s|isn't) (?:your|their|his|her|the \w+'s) (?:problem|failure|fault|"
    r"responsibility|job)\b.{0,12}\bnot (?:yours|you)\b",
    r"\bthat's on (?:him|her|them|the \w+)\b",
    r"\b(?:isn't|is not|wasn't|was not) (?:your|ur) (?:failure|fault|problem)\b",
    r"\b(?:lazy|boring|bad|horrible|terrible|useless|selfish|incompetent|stupid|dumb|weak|"
    r"awful|lousy) (?:people|\w+s) (?:don't|do not|wouldn't|would not|never|aren't)\b",
    r"\bif you (?:really |truly )?(?:didn't|did not|weren't|were not|don't|do not) \w+.{0,80}"
    r"\byou wouldn't\b",
    r"\bi (?:checked|looked)\b.{0,40}\b(?:and|but) (?:you|it|they|that)\b",
    r"\bit is a (?:bit of a )?big deal\b",
    r"\bi agree with (?:her|him|them)\b",
    r"\bit's (?:a bit )?early to give up\b",
    r"\bcan't be in two (?:places|rooms)\b",
    r"\b(?:out of proportion|bigger than it is|underestimat\w* yourself|(?:has|had) nothing to do "
    r"with (?:you|your)|not because of you|is (?:something else|a different thing)|not a fair)\b",
    r"\b(?:isn't|is not|wasn't|was not|not) (?:ok|okay|acceptable|normal|fair)\b",
    r"\b(?:too \w+|\w+) (?:is not|isn't) how i(?:'d| would)\b",
    r"\b(?:i hear you|i get (?:it|that|why|you)|fair enough|sure|maybe|partly|true|i know),? "
    r"but\b.{0,80}\b(?:not|isn't|aren't|wasn't|doesn't|don't|still|that's a|it's a)\b",
    r"^\w+ or not,",
    r"\bdoesn't say (?:anything|much|a thing) about\b",
)

#: A question that disputes instead of asking ("since when is …", "… how exactly?").
RHETORICAL: Final = (
    r"\b(?:how|why) exactly\??$",
    r"\bwho (?:decided|says|said) (?:that|so|it|good|you)\b",
    r"\bis (?:it|that) really (?:that|so) (?:bad|terrible|awful)\b",
)

#: A question that starts from a denial ("didn't you …?", "weren't you the one …"): with new
#: evidence after a claim of the other's it holds that evidence up, it does not ask.
NEGATIVE_QUESTION: Final = (
    r"(?:hang on |wait )?(?:didn't|haven't|weren't|wasn't|aren't|don't|isn't|hasn't|won't) "
    r"(?:you|she|he|they|it|that)\b",
)

#: A sweeping claim of the other's ("they all think …", "nobody notices", "i'm the worst"):
#: new evidence against it is a correction (added to the self-doubt patterns).
CLAIM: Final = (
    r"\b(?:always|never|nobody|no one|everyone|everybody|all of them|they all|the only one|"
    r"the worst|the dumbest|no point|hates me|hate me|thinks i'm|sees me)\b",
    r"\b(?:they|he|she|everyone|everybody|people|the \w+) (?:all )?(?:think|thinks) (?:i|i'm)\b",
    r"\bi(?:'m| am) (?:just |so |such |really |basically |probably )?(?:a |an )?\w+(?:er)? "
    r"than\b",
    r"\bi(?:'m| am) (?:just |so |such |basically |probably )?(?:a |an )?(?:\w+ )?(?:failure|"
    r"fraud|loser|mess|idiot|danger|burden|joke|disaster|micromanager|nag)\b",
    r"\bi(?:'m| am) (?:just |so |such |basically )?(?:slow|lazy|boring|broken|dumb|stupid|"
    r"weak|old|useless|worthless|annoying|bad|unprofessional|incompetent)\b",
    r"\b(?:my|the) fault\b",
    r"\b(?:don't|do not) (?:think i |really )?(?:deserve|belong|matter|fit in)\b",
    r"\bnot (?:cut out|good enough|suited|\w+ material|ready)\b",
    r"\bno (?:talent|idea how|business)\b",
)

#: New evidence in a statement: the other's (or someone's) act in the past, a number, a time.
EVIDENCE: Final = (
    r"\b(?:were|ran|took|got|had|did|handled|led|learned|learnt|explained|caught|passed|"
    r"finished|made|wrote|sent|gave|corrected|pushed|stood|told|asked|spent|handed|figured|"
    r"started|built|organised|organized|thanked|put|changed|chose|picked|hired|called|checked|"
    r"noticed|saw|showed|brought|kept|stayed|helped|found|fixed|won|scored|signed|praised|"
    r"trusted|requested|invited|offered|promoted|managed|survived|delivered|completed|"
    r"documented|reported|asked for|came back|loved|laughed)\b",
    r"\b\d+\b",
    r"\b(?:last|this) (?:week|month|year|time|night|term|summer|spring|autumn|winter|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|day|shift)\b",
    r"\b(?:yesterday|ago|twice|three times|literally)\b",
)

#: Words that make a summary a verdict: giving in without a fight, once again, instead of.
VERDICT: Final = (
    r"\b(?:without (?:a fight|even trying|trying|a word)|before (?:you've|you have|it|you) even|"
    r"once again|once more|yet again|instead of|even though you (?:just )?said|while you (?:just )?"
    r"said)\b",
)
