"""English patterns of a summary: how it opens and ends, and the words
that make it a verdict (the same shape as ``summary_nl``;
re-exported by ``lexicon_en``, which holds the other moves).

Every pattern is a regular-expression fragment over *normalised* text (``segment.normalise``).
"""

from __future__ import annotations

from typing import Final

#: Words that put a verdict in a summary: then it is a correction, not a snapshot.
VERDICT: Final = (
    r"\bbasically\b",
    r"\bjust let\b",
    r"\bwalk all over\b",
    r"\boverreact\w*",
    r"\bexaggerat\w*",
    r"\ba bit much\b",
    r"\btoo (?:strict|soft|sensitive)\b",
    # "you're making it too much": a verdict; "it feels like too much right now": a feeling
    r"\b(?:you're|you are|being|you get|make it|making it|you make) (?:\w+ )?too (?:much|hard)\b",
    r"\bavoid\w*",
    r"\b(?:running|ran|run) away\b",
    r"\b(?:dodg\w*|duck\w*|hiding from|escaping|caving|caved|giving in|gave in)\b",
    r"\bjust like (?:last|before|always|every)\b",
    r"\b(?:put|putting|puts) (?:[\w']+ ){1,4}(?:before|above|ahead of)\b",
    r"\b(?:left (?:him|her|them) (?:to it|on (?:his|her|their) own|hanging)|abandoned|let (?:him|"
    r"her|them) down)\b",
)

#: Endings that make a clause a summary ("…, if i hear you correctly", "…, that's how you see
#: her"): matched at the end of a clause.
SNAPSHOT_TAIL: Final = (
    r",? if i (?:hear|understand|get|read) (?:you|this|that|it) (?:correctly|right|well)",
    r",? (?:is that|that's|so that's) how you (?:see|feel about|experience) (?:it|her|him|them|"
    r"this|that)",
    r",? am i right",
    r",? (?:is|was) that it",
    r",? (?:in your (?:view|eyes|mind)|as you see it|the way you see it)",
)

#: Openings of a summary of what the other said or shows.
SNAPSHOT_OPENER: Final = (
    r"(?:that|it|this) sounds\b",
    r"so (?:when|if|one|\d)",
    r"so (?:you|you're|you've|your|for you|on the one hand|what you|basically you|it sounds|it's|"
    r"it seems|there's|the|she|he|they|in short)",
    r"if i (?:understand|hear|get|heard|understood) (?:you|this|that|it)",
    r"what i(?:'m)? (?:hear|hearing)",
    r"i hear (?:you|that)",
    r"(?:it )?sounds like",
    r"you (?:think|want|wish|find|keep|conclude)\b",
    r"(?:it )?sounds as if",
    r"(?:it )?seems like you",
    r"you(?:'re| are) saying",
    r"you say\b",
    r"you said\b",
    r"you (?:feel|felt|are feeling|'re feeling)",
    r"you(?:'re| are) (?:tired|exhausted|angry|sad|worried|afraid|scared|torn|stuck|frustrated|"
    r"disappointed|unsure|doubting|struggling|feeling|caught|saying)",
    r"in short",
    # "so months of nights and no weekends": any statement opened by "so" that asks or
    # proposes nothing (questions and advice are read before a summary)
    r"so\b(?!,? (?:what|how|why|who|where|when|which|do|does|did|is|are|was|were|can|could|would|"
    r"will|should|shall|let's|let|tell|try|maybe|perhaps|anyway|yeah|yes|ok|okay|um|uh)\b)",
    r"let me (?:see if i|summari[sz]e|check|get this right|repeat)",
    r"to sum (?:up|it up)",
    r"summing up",
    r"you've told me",
    r"you told me",
    r"you (?:mention|mentioned|describe|described)",
    r"on the one hand",
    r"part of you",
    # General forms: a named feeling or state of the other ("you seem", "that must be"),
    # a restatement ("in other words", "what you're saying").
    r"(?:that|it|this) (?:must|must've|must have) (?:be|been|feel|have been|have felt)\b",
    r"must (?:be|have been|feel|have felt)\b",
    r"you (?:must|must've|must have) (?:be|been|feel|have been|have felt) (?:so |really |very |"
    r"pretty |quite |completely |totally |a bit )?(?:\w+(?:ed|ing)|tired|sad|angry|scared|afraid|"
    r"worried|upset|lonely|exhausted|fed up|torn|stuck|done)\b",
    r"you (?:seem|sound|look|appear)\b",
    r"(?:it )?(?:seems|feels) (?:like|as if|as though|that)\b",
    r"so (?:its|that's|thats|what|mainly|mostly|really|actually|for|now|right now|at the moment|"
    r"all)\b",
    r"so on (?:the )?one (?:side|hand)",
    r"on (?:the )?one (?:side|hand)",
    r"in other words",
    r"what you(?:'re| are)? (?:saying|describing|telling me|mean)\b",
    r"you mean\b",
    r"i(?:'m| am) hearing",
    r"i hear\b",
    r"i (?:can )?(?:imagine|see) (?:that|how|you|it's|it)\b",
    r"you(?:'ve| have) been (?:\w+ing|through|carrying|dealing|under|so|really|very|quite|a bit)\b",
    r"you(?:'ve| have) had (?:a|enough|it|to)\b",
    r"you(?:'re| are) (?:really |so |quite |very |pretty |a bit |a little |kind of |kinda |"
    r"totally |completely |also |still )?(?:overwhelmed|anxious|nervous|lonely|hurt|ashamed|"
    r"embarrassed|guilty|confused|fed up|done with|relieved|proud|unhappy|upset|annoyed|irritated|"
    r"desperate|insecure|conflicted|between|in a difficult|in a tough|under pressure|not sure|"
    r"dreading|juggling|carrying|trying|hoping|looking|missing|doubting|worried|afraid|scared|"
    r"torn|stuck|frustrated|disappointed|unsure|struggling|tired|exhausted|angry|sad|caught|sick "
    r"of|fed-up|stressed|dealing|left|alone|on your own|questioning|wondering|blaming|holding|"
    r"losing|running|thinking)\b",
    r"you (?:hate|dread|miss|worry|wonder|doubt|blame|regret|resent|hope|wish|struggle|carry|"
    r"notice|realise|realize|believe|expect|fear|don't|can't|didn't|couldn't|never|always|keep|"
    r"feel)\b",
    r"your (?:biggest |main |real )?(?:worry|fear|concern|problem|question|doubt|feeling|wish|"
    r"hope|frustration|goal|point|dilemma) (?:is|was|seems)\b",
    r"so (?:with|on top of|after|since|because|even though|although|apart from|besides|in the end|"
    r"at the moment|basically|despite)\b",
    r"your (?:head|heart|gut|body|mind|brain) (?:says|tells|wants|knows|feels|is)\b",
    r"(?:like|as if|as though) (?:nothing|everything|you|it|no one|nobody|there's|there is|the|"
    r"they|they'll|she|he|people|everyone)\b",
    # "and afterwards you feel awful", "and that hurts": what follows for the other, named
    r"(?:then|afterwards|after that|now|and then) you (?:feel|felt|think|thought|blame|doubt|"
    r"wonder|worry|regret|want|wish)\b",
    r"(?:that|it) (?:hurts|stings|must hurt|must sting|gets to you|eats at you)\b",
)
