"""English word lists and patterns of the twelve moves (the same shape as ``lexicon_nl``;
how chat is read is in ``chat_en``).

Every pattern is a regular-expression fragment over *normalised* text (``segment.normalise``:
casefolded, abbreviations folded, punctuation reduced to ``, . ? !``). ``rules`` compiles
them once at import. Fragments are alternatives; ``START`` patterns are matched at the start of
a clause (after fillers), the others anywhere in it.
"""

from __future__ import annotations

from typing import Final

# The helper's own voice (``voice_en``), the time frame (``time_en``) and summaries
# (``summary_en``) live in modules of their own; ``rules`` reads them all here.
from bot.observer import counter_en, dispute_en
from bot.observer.counter_en import AFFIRMATION as AFFIRMATION
from bot.observer.counter_en import COUNTER_EVIDENCE as COUNTER_EVIDENCE
from bot.observer.counter_en import PAST_EVIDENCE as PAST_EVIDENCE
from bot.observer.counter_en import SELF_DENIAL as SELF_DENIAL
from bot.observer.counter_en import SUCCESS as SUCCESS
from bot.observer.dispute_en import COMFORT as COMFORT
from bot.observer.dispute_en import EVIDENCE as EVIDENCE
from bot.observer.dispute_en import FLAT_DENIAL as FLAT_DENIAL
from bot.observer.dispute_en import NEGATIVE_QUESTION as NEGATIVE_QUESTION
from bot.observer.dispute_en import REFRAME as REFRAME
from bot.observer.dispute_en import RESPELL as RESPELL
from bot.observer.dispute_en import WORRY as WORRY
from bot.observer.summary_en import SNAPSHOT_OPENER as SNAPSHOT_OPENER
from bot.observer.summary_en import SNAPSHOT_TAIL as SNAPSHOT_TAIL
from bot.observer.summary_en import VERDICT as _SUMMARY_VERDICT
from bot.observer.time_en import DURATION as DURATION
from bot.observer.time_en import TIME_CUE as TIME_CUE
from bot.observer.time_en import TIME_FRAME as TIME_FRAME
from bot.observer.voice_en import CORRECTION as _VOICE_CORRECTION
from bot.observer.voice_en import OWN_STORY as OWN_STORY
from bot.observer.voice_en import REASSURANCE as REASSURANCE

#: Contradicting or judging the other's view (``voice_*``), also with counter-evidence.
CORRECTION: Final = (*_VOICE_CORRECTION, *counter_en.CORRECTION)
#: The other doubting themselves, or a sweeping claim: evidence against it corrects them.
SELF_DOUBT: Final = (*counter_en.SELF_DOUBT, *dispute_en.CLAIM)
#: Words that make a summary a verdict (``summary_*``, ``counter_*``).
VERDICT: Final = (*_SUMMARY_VERDICT, *counter_en.VERDICT, *dispute_en.VERDICT)

#: A proposal wrapped as a question (never also an open or closed question).
ADVICE_QUESTION: Final = (
    r"have you (?:ever |already |also |even )?(?:thought|considered|tried|looked into)",
    r"did you (?:try|think of|think about|consider)",
    r"what if you",
    r"what if (?:she|he|they|we|i) (?:just )?",
    r"what about (?:\w+ing\b|asking|talking|telling|trying|going|writing|calling)",
    r"how about (?!you\b)",
    r"wouldn't it (?:help|be|make)",
    r"would(?:n't)? it (?:help|be (?:better|easier|an idea|good|wise|smart|useful))",
    r"could(?:n't)? you (?:not |just |maybe |perhaps |simply |try|ask|talk)",
    r"can(?:'t)? you (?:not |just |simply |maybe |perhaps |try|ask|talk)",
    r"why (?:don't|wouldn't|can't|didn't) you",
    r"why not \w+",
    r"shouldn't you",
    r"should(?:n't)? you (?:maybe|perhaps|not|just|try|talk|ask|tell)",
    r"isn't it (?:better|an idea|wiser|time)",
    r"is(?:n't)? it (?:an idea|worth|possible) to",
    r"do you think it (?:would|might|could) help",
    r"would you (?:consider|think about|be willing to|like to try|not)",
    r"wouldn't you",
    r"would it (?:help|work) (?:if|to)",
    r"might it help",
    r"(?:ever|already) tried\b",
    r"could it help",
    r"would(?:n't)? (?:talking|asking|writing|taking|trying|saying|telling|going)",
)

#: A proposal in statement form.
ADVICE: Final = (
    r"(?:maybe|perhaps) (?:you|she|he|we) (?:could|should|can|might)",
    r"(?<!yourself )you (?:really |just |definitely |maybe |probably |perhaps )?(?:should(?! "
    r"have\b)|could(?! have\b)|ought to|need "
    r"to|have to|might want to|may want to|can always|can just|can try|could try|better|"
    # "you must be exhausted" names a feeling: a snapshot, not advice
    r"must(?! (?:be|have been|feel|have felt) (?:so |really |very |pretty |quite |a bit "
    r")?(?:\w+(?:ed|ing)|tired|sad|angry|scared|afraid|worried|upset|lonely|fed up|torn|stuck|"
    r"hard|tough|awful|difficult)\b))\b",
    r"you'd (?:better|be better off)",
    r"i (?:would|'d)\b(?! (?:like|love|be curious|say you|guess))",
    r"i'd\b(?! (?:like|love|be curious|say you|guess))",
    r"(?:that's|that is) what i(?:'d| would) do",
    r"next time,? (?:just )?(?:say|try|tell|ask|do|don't|take|go|call|write)",
    r"if i were you",
    r"in your (?:place|shoes)",
    r"the best (?:thing|way|option|idea)",
    r"(?:it's|it is|its) (?:best|better|wise|smart|important) to",
    r"best to",
    r"(?:it|that) (?:would|might|could|may|will) (?:help|be good|be better|be wise|be smart) "
    r"(?:to|if)",
    r"a good idea (?:is|would be|to)",
    r"what you (?:could|should|can|need to) do",
    r"my advice",
    r"i (?:suggest|recommend|advise)",
    r"i'd (?:suggest|recommend|advise)",
    r"let's (?!see|look|start|hear|stay|take a|go back|check)",
    r"make sure",
    r"don't (?:let|forget|take|be afraid|accept|answer|give|go|say|tell)",
    r"never (?:let|accept|say)",
    r"just (?:tell|talk|ask|go|do|say|call|write|send|take|let|ignore|leave|stop|try|be|pick|book|"
    r"delegate|focus|accept|say no|put|set|plan)",
    r"(?:maybe|perhaps) (?:just )?(?:try|talk|ask|tell|write|call|send|take|take a|go|book|plan|"
    r"start|stop|make|set)\b",
    r"try (?:to|and|talking|asking|writing|saying|telling|setting|making|taking|a|some|not)\b",
    # General forms: modal plus verb, "better to", "what might help is".
    r"^(?:it's |its |it is |it'd be |it would be )?(?:better|best|wiser|smarter|safer) (?:to|if "
    r"you|not to)\b",
    r"\b(?:you're|you'd be|you are) better off\b",
    r"\byou (?:can|could) (?:also|always|maybe|perhaps|just|try|start|ask|tell|say|write|call|"
    r"take|go)\b",
    r"\bwhat (?:might|could|would|may|will) help (?:is|would be|here is)\b",
    r"\b(?:one|another|a) (?:thing|option|idea) (?:you could|could be|would be|is to|might be)\b",
    r"\b(?:my|a|one) (?:tip|suggestion)\b",
    r"\bi(?:'d| would) (?:definitely |probably |really |honestly |personally )?(?:say|go|talk|ask|"
    r"tell|call|write|send|try|start|take|just|not|wait|book|let|put|make|give|keep|stop|"
    r"leave)\b(?! you\b)",
    r"\b(?:remember to|don't hesitate to|make time to|try not to)\b(?! worry)",
    r"\bhave a (?:chat|talk|word|conversation|look|go|break|rest) with\b",
    r"\byou (?:really |just |definitely |probably |might )?need (?:a|an|some|more|less|help|"
    r"support|rest|sleep|time off|a break)\b",
    r"^best (?:thing|way|option|idea|bet)\b",
)

#: Imperative verbs that make a clause opening with them advice ("talk to her first").
IMPERATIVES: Final = (
    r"(?:just|maybe|perhaps|honestly|simply|then|first|next time|really) (?:just )?(?!a |an |the |"
    r"to |like |now|because|that|this|so |what|how|when|i |you |my |your |it |one|not|in |on |for "
    r"|with |fine|great|ok|okay|is |was |are |will )[a-z]+",
    r"talk",
    r"tell(?! me\b| us\b)",
    r"ask",
    r"go(?! on\b| ahead\b)",
    r"call",
    r"write",
    r"take(?! your time| a moment| a breath)",
    r"make",
    r"try",
    r"start",
    r"stop",
    r"say no",
    r"let (?:her|him|them|it|go)",
    r"give(?! me an example)",
    r"put",
    r"set",
    r"book",
    r"plan",
    r"schedule",
    r"send",
    r"get",
    r"do(?! you\b| u\b| i\b| we\b| they\b| she\b| he\b)",
    r"be(?! honest with me)",
    r"keep(?! going)",
    r"focus",
    r"consider",
    r"think about",
    r"avoid",
    r"email",
    r"text",
    r"speak",
    r"bring",
    r"drop",
    r"leave",
    r"skip",
    r"prioriti[sz]e",
    r"delegate",
    r"ignore",
    r"accept",
    r"find",
    r"pick",
    r"write down",
    r"list",
    r"sleep",
    r"rest",
    r"see a",
    r"contact",
    r"reach out",
    r"discuss",
    r"explain",
    r"stand up",
    r"push back",
    r"don't(?! (?:worry|be sorry|apologi|know|beat yourself|feel bad|feel guilty|stress|panic|"
    r"fret|be so|be too|sell yourself|blame yourself))",
    r"have a (?:chat|talk|word|conversation|break|rest|go)",
    r"remember to",
    r"give (?:it|yourself|her|him|them) (?:a|some|time|space)",
    r"go (?:and |see|talk|ask|for it|home|to)",
    r"(?:then|just|so|maybe|honestly) don't(?! (?:worry|be sorry|apologi|know|beat yourself|feel "
    r"bad|feel guilty|stress|panic|fret|be so|be too|sell yourself|blame yourself))",
    r"say(?! so\b| what\b| it again\b)",
)

#: An earlier time the other coped, or when the problem was smaller.
EARLIER_SUCCESS: Final = (
    r"\b(?:a|an|any|another|other|earlier|previous|past|the last|last) (?:time|times|moment|"
    r"moments|occasion|situation|period)s? (?:when|that|where|you|it|in which)",
    r"\btimes? when",
    r"\b(?:a|any|one) (?:week|day|month|year|shift|night|lesson|meeting)s? (?:when|that|where)",
    r"\bhow did you (?:cope|deal|get through|manage|survive|handle)\b",
    r"\bmoments? when",
    r"\bbefore\s*$",
    r"\b(?:happened|been|had|done|felt|managed|dealt|coped|handled|succeeded|seen) (?:\w+ "
    r")?before\b",
    r"\bever\b(?! (?:said|asked|told|heard|talked|spoken|mentioned))",
    r"\bthat time\b",
    r"\b(?:made|was|is) (?:that|this|it) (?:one |time )?different\b",
    r"\bwhat was different\b",
    r"\bdifferent (?:then|that time|back then)\b",
    r"\bhow did you (?:do|manage|pull|get through|handle|cope with) (?:that|it|this)\b",
    r"\bin the past\b",
    r"\blast time\b",
    r"\bpreviously\b",
    r"\bearlier\b",
    r"\bback then\b",
    r"\bused to\b",
    r"\b(?:did|does) (?:it|that|things|this) (?:go|feel|work) (?:a (?:bit|little) )?(?:well|"
    r"better|easier|ok|okay)\b",
    r"\b(?:went|was|were|felt|been|gone|worked) (?:a (?:bit|little) )?(?:well|better|easier|ok|"
    r"okay|lighter|less)\b",
    r"\bless (?:bad|hard|heavy|difficult|intense|stressful|often|overwhelming|strong|bothered)",
    r"\bsmaller\b",
    r"\bbetter days?\b",
    r"\b(?:coped|managed|handled|dealt|got through|pulled through|survived|solved)\b",
    r"\bwhat (?:helped|worked)\b",
    r"\bexceptions?\b",
    r"\bhas (?:it|that|this) (?:ever|always)",
    # General forms (only asked in a question): an earlier time it went well, or how they managed.
    r"\b(?:did|have|had) you (?:ever |once |at some point )(?:manage|managed|succeed|succeeded|"
    r"get through|got through|pull (?:it|that) off|pulled|handle|handled|cope|coped|solve|solved|"
    r"beat|overcome|overcame)\b",
    r"\bwhen (?:did|have|was|were|has) (?:you|it|things|that|this)\b.{0,30}\b(?:easier|better|"
    r"less|lighter|calmer|well|ok|okay|fine|manage|succeed|work|worked|go well)\b",
    r"\b(?:before|once|in the past|previously|last year|back then|at your last|in your last|in "
    r"your old|in your previous|at your old|at your previous)\b.{0,30}\b(?:work|worked|help|"
    r"helped|go well|went well|manage|managed|succeed|cope|coped|handle|handled)\b",
    r"\b(?:a|one|any) (?:day|week|moment|time|shift|night|situation) (?:where|when|that) (?:it|"
    r"things|you|she|he) (?:\w+ )?(?:went|was|were|did|felt|got|worked)\b",
    r"\bwhat (?:did|do) you do (?:differently|different|that time|last time)\b",
    r"\b(?:similar|same|comparable|something like this|something like that|this kind of thing|a "
    r"situation like this) (?:\w+ )?(?:before|earlier|in the past|once|ever)\b",
    r"\bwhen was the last time\b",
    r"\b(?:was|were) there (?:ever |any |also )?(?:times?|days?|moments?|weeks?|exceptions?|"
    r"occasions?)\b",
    r"\bhas (?:there (?:ever |also )?|(?:it|that|this) ever )been\b",
    r"\bwhen (?:did|was|were|have|has) (?:\w+ ){1,2}last \w+",
    r"\b(?:was|is|has) there (?:been )?(?:ever )?(?:a|an|one|any) (?:\w+ ){1,2}(?:where|when|that|"
    r"which|you|he|she|they|it|in which|with)\b",
    r"\b(?:on|in|during) the (?:days|times|weeks|moments|occasions|nights|shifts|mornings) "
    r"(?:that |when |where )?(?:you|it|things|he|she|they)\b",
    r"\bwhat made (?:it|that|this|that one|the difference|them)\b",
    r"\bgo(?:es)? (?:a (?:bit|little) |slightly |somewhat )?(?:better|well|easier|ok|okay|fine|"
    r"smoother)\b",
    r"\b(?:went|was|were|worked|turned out) (?:\w+ )?(?:fine|alright|all right|smoothly|right|"
    r"good)\b",
    r"\b(?:you|he|she|they|it) did (?:actually |really )?(?:start|finish|manage|work|go|stay|get|"
    r"make|say)\b",
    r"\b(?:least (?:\w+)|most (?:manageable|bearable|relaxed|calm|peaceful|productive|successful|"
    r"doable|ok|okay|fun)|easiest|calmest|shortest|quietest|smoothest|lightest|best (?:day|week|"
    r"shift|moment|time|meeting|lesson|night|month|session|conversation))\b",
    r"\bhow did you (?:get (?:\w+ )?(?:on board|through|to)|keep (?:\w+ )?(?:going|up)|hold "
    r"(?:\w+ )?(?:up|on|out))\b",
)

#: A negation and the word it denies (the group): "not stupid", "isn't weak". Denying a word
#: the other just said of themselves is a correction ("not stupid at all" after "i'm stupid").
NEGATION: Final = (
    r"\b(?:not|isn't|aren't|wasn't|weren't|never|no)\b (?:(?:a|an|really|that|so|at all|just|even|"
    r"being|remotely|exactly|too|the) )*(\w{4,})",
)

#: A rhetorical tag at the end of a clause: it makes a judgement, not a question.
RHETORICAL_TAG: Final = (
    r",? (?:haven't|don't|didn't|aren't|isn't|won't|can't|wasn't|weren't|hasn't|doesn't|wouldn't|"
    r"couldn't|shouldn't) (?:you|it|he|she|they|we|i|that|there)$",
    r", (?:have|do|did|are|is|was|can|will) (?:you|it|he|she|they|we|that|there)$",
    r",? (?:right|surely|yeah|eh|isn't it|don't you think|huh)$",
    r", no$",
    r" wouldn't you say$",
    r", you know(?: that| it)?$",
    r",? remember$",
)

#: A question that only contradicts: it asks for no answer ("says who?", "how could you have
#: known?"): a correction, not a question.
RHETORICAL_QUESTION: Final = (
    *dispute_en.RHETORICAL,
    r"^says who\b",
    r"^who says (?:that|so|you)\b",
    r"\bhow (?:could|would|were|should|was) you (?:have )?(?:supposed to )?(?:known|know|have "
    r"seen|have guessed|guess|predict|have predicted)\b",
)
