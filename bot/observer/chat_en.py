"""How English chat is read (the same shape as ``chat_nl``): shorthand folded, fillers
skipped, the forms of a question, the words of an encourager, a snapshot's check, whose words
are whose.

Fragments are regular expressions over *normalised* text (``segment.normalise``: casefolded,
abbreviations folded, punctuation reduced to ``, . ? !``), compiled once by ``rules``.
``START`` patterns are matched at the start of a clause (after fillers).
"""

from __future__ import annotations

from typing import Final

#: Chat shorthand and missing apostrophes, folded word by word before anything else.
ABBREVIATIONS: Final = {
    "u": "you",
    "r": "are",
    "ur": "your",
    "ya": "you",
    "tbh": "to be honest",
    "idk": "i don't know",
    "imo": "in my opinion",
    "imho": "in my opinion",
    "btw": "by the way",
    "pls": "please",
    "plz": "please",
    "rn": "right now",
    "ofc": "of course",
    "smth": "something",
    "sth": "something",
    "abt": "about",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "wdym": "what do you mean",
    "hbu": "how about you",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "have to",
    "min": "minutes",
    "mins": "minutes",
    "hrs": "hours",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "arent": "aren't",
    "wasnt": "wasn't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "shouldnt": "shouldn't",
    "im": "i'm",
    "ive": "i've",
    "youre": "you're",
    "youve": "you've",
    "youll": "you'll",
    "youd": "you'd",
    "itll": "it'll",
    "thats": "that's",
    "whats": "what's",
    "hows": "how's",
    "theres": "there's",
    "wot": "what",
    "u'll": "you'll",
    "u're": "you're",
    "u've": "you've",
    "wat": "what",
    "hw": "how",
    "y": "why",
    "mr.": "mr",
    "mrs.": "mrs",
    "ms.": "ms",
    "dr.": "dr",
    "id": "i'd",
    "dw": "don't worry",
    "lemme": "let me",
    "dunno": "don't know",
    "shes": "she's",
    "theyll": "they'll",
    "theyre": "they're",
    "wouldve": "would've",
    "couldve": "could've",
    "shouldve": "should've",
    "weve": "we've",
    "ppl": "people",
    "every1": "everyone",
    "some1": "someone",
    "tho": "though",
    "nvm": "never mind",
}

#: Words that may open a clause without changing what it is ("ok so what happened").
FILLERS: Final = (
    r"(?:hi|hello|hey|morning|good morning|good afternoon)"
    r"(?: [a-z]+(?= (?:how|what|why|where)\b))?",
    r"or",
    r"what do you think(?=,)",
    r"lol",
    r"haha",
    r"ugh",
    r"ok(?:ay)?",
    r"k",
    r"oh",
    r"ah",
    r"aha",
    r"h+m+",
    r"m+",
    r"well",
    r"alright",
    r"all right",
    r"right",
    r"yeah",
    r"yes",
    r"no",
    r"sure",
    r"wow",
    r"and",
    r"but",
    r"so",
    r"then",
    r"hey",
    r"i see",
    r"i get it",
    r"got it",
    r"thanks",
    r"thank you",
    r"to be honest",
    r"by the way",
    r"just curious",
    r"out of curiosity",
)

#: Openings of a question that invites exploring.
OPEN_START: Final = (
    r"where (?:shall|should|do|would|will) (?:we|you) (?:like to |want to )?(?:start|begin)",
    r"what(?:'s| is| are| was| were| do| does| did| would| could| will| might| else| "
    r"exactly| happens| happened| makes| made| goes| went| helps| helped| matters| "
    r"worries| bothers| scares| frightens| stops| keeps| comes| kind| part| for)?\b"
    r"(?! time\b| day\b| date\b| a\b)",
    r"how(?! long| many| much| often| old| far| big| late| soon| come\b| nice| sad| "
    r"awful| great| lovely| annoying| awful| horrible| terrible| brave)\b",
    r"how come",
    r"why",
    r"like what",
    r"for example",
    r"(?:can|could) you give (?:me )?(?:an |some )?examples?",
    r"in what way",
    r"which (?:part|bit|thought|feeling|side|of)",
    r"tell me",
    r"(?:can|could|would) you\b.{0,30}\b(?:tell|describe|explain|say more|walk me through)\b",
    r"can you say more",
    r"could you say more",
    r"can you describe",
    r"could you describe",
    r"can you explain",
    r"say (?:a bit |a little )?more",
    r"describe",
    r"give me an example",
    r"i wonder (?:what|how|why)",
    r"i'm curious (?:what|how|why|about)",
)

#: Openings of a question answered with yes/no or a single fact.
CLOSED_START: Final = (
    r"shall we",
    r"(?:do|does|did|is|are|was|were|have|has|had|can|could|will|would|should|shall|"
    r"may|might|am|isn't|aren't|don't|doesn't|didn't|haven't|hasn't|won't|can't|"
    r"couldn't|wouldn't|shouldn't|wasn't) "
    r"(?:you|i|we|he|she|they|it|that|this|there|your|the|anyone|anybody|someone|"
    r"somebody|anything|something|things|people|he's|she's|she|her|his|their|those|these)\b",
    r"how (?:long|many|much|often|old|far|late|soon)",
    r"since when",
    r"when",
    r"where",
    r"who",
    r"whose",
    r"which",
    r"what (?:time|day|date)",
    r"you (?:ok|okay|alright|all right|there|sure|still(?= there| here| with me| ok| okay| good| "
    r"fine| on|$))",
    r"anything else",
    r"any (?:idea|ideas|thoughts|plans)",
    r"any\b",
)

#: Without a question mark, a clause opening like this is a statement ("when i was …").
BARE_STATEMENT: Final = (
    r"(?:when|where|who|which|what|how|whatever|however) (?:i|i'm|i've|i'd|you|you're|"
    r"you've|we|he|she|they|it|it's|my|your|that|this|there|a|the)\b",
    r"do (?:it|that|this|the|something|what|whatever)\b",
    r"(?:and )?then (?:you|he|she|they|it|we)\b",
    r"how (?:nice|sad|awful|great|lovely|annoying|horrible|terrible|brave|good|hard|tough)",
    # "when someone calls in sick, you're the one who …": a condition, then a statement
    r"(?:when|whenever|if|once|as soon as) [^,?]{3,60}, (?:you|you're|you've|it|it's|that|"
    r"that's|she|he|they|there|i|i'm|nobody|everyone|everything|nothing)\b",
)

#: A very short invitation to go on, as the whole turn (one to three of these).
ENCOURAGER: Final = (
    r"m+h*",
    r"m+h+m+",
    r"h+m+",
    r"h+m+h+m+",
    r"ouch",
    r"oof",
    r"yikes",
    r"uh[ -]?huh",
    r"aha",
    r"ah",
    r"oh",
    r"ugh",
    r"oh no",
    r"and now",
    r"ye+s+",
    r"yea+h*",
    r"ye+p+",
    r"right",
    r"i see",
    r"go on",
    r"and",
    r"and then",
    r"and so",
    r"and after that",
    r"go ahead",
    r"keep going",
    r"more",
    r"say more",
    r"continue",
    r"please go on",
    r"please continue",
    r"sure",
    r"really",
    r"wow",
    r"i'm listening",
    r"tell me more",
    r"then what",
    r"what then",
    r"what else",
    r"and what else",
    r"anything else",
    r"and",
)

#: A clause opening like this is a subordinate one: the clause after its comma is no new
#: question ("if you're sure, you do speak up").
SUBORDINATE: Final = (r"(?:so |and |but )?(?:if|when|because|once|as soon as|whenever)",)

#: Question words anywhere in a clause: the open ones ("you felt how?") and all of them.
OPEN_WORDS: Final = (r"what", r"how", r"why")
QUESTION_WORDS: Final = (r"what", r"how", r"why", r"who", r"when", r"where", r"which")

#: An "or …?" after a question: answer options, or a question of its own.
ALTERNATIVE: Final = (r"or",)

#: A question that only sets a condition ("and if it doesn't work?"): open, with a "?" only.
CONDITIONAL: Final = (r"(?:and )?(?:if|what if not)\b",)

#: Openings that make a clause a summary even with a question mark ("so you …?").
SUMMARY_START: Final = (r"so", r"if i (?:understand|hear|get)", r"what i hear")

#: The check after a snapshot ("have I got that right?"): part of the snapshot.
SNAPSHOT_CHECK: Final = (
    r"(?:is that|have i got (?:that|it|this|you)|did i get (?:that|it|this|you)|am i) "
    r"(?:right|correct|accurate|about right)",
    r"(?:have|did) i (?:understand|understood|hear|heard) (?:you|that|it|this) "
    r"(?:right|correctly|well)",
    r"right",
    r"correct",
    r"is that it",
    r"is that so",
    r"is that how it is",
    r"is that how (?:it feels|you see it)",
    r"does that (?:fit|sound right|cover it|match)",
    r"(?:do|did) i (?:get|have) (?:that|it|this) right",
    r"have i got that",
    r"yes",
    r"true",
    r"or not",
    r"am i close",
    r"close",
)

#: Subjects after an inverted verb: a verb they follow is no imperative ("sleep you well").
SUBJECTS: Final = (r"i", r"you", r"we", r"they", r"he", r"she")

#: The other's words as the helper would say them back ("i froze" -> "you froze").
PERSPECTIVE: Final = {
    "i": "you",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "am": "are",
    "we": "you",
    "our": "your",
    "us": "you",
}

#: Second-person openings of a statement that may mirror the other's words.
MIRROR_START: Final = (r"you\b", r"you're\b", r"you've\b", r"your\b", r"so\b")

#: A short question that turns the last one to the other ("and you?"): a question of its own
#: beside the one before it, not an answer option.
TURN_BACK: Final = (r"(?:and|but) (?:you|yourself)", r"what about you", r"how about you")

#: Words too common to show that a snapshot repeats the other's words (space-separated).
STOPWORDS: Final = (
    "a an the and or but so to of in on at for with from by about as is are was were be "
    "been being am i you he she it we they me him her us them my your his its our their "
    "this that these those there here not no yes do does did have has had can could will "
    "would should may might must just really very too also then than what how why when "
    "where who which if ok okay i'm you're it's that's don't didn't can't it's"
)
