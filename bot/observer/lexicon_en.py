"""English word lists and patterns of the twelve moves (the same shape as ``lexicon_nl``;
how chat is read is in ``chat_en``).

Every pattern is a regular-expression fragment over *normalised* text (``segment.normalise``:
casefolded, abbreviations folded, punctuation reduced to ``, . ? !``). ``rules`` compiles
them once at import. Fragments are alternatives; ``START`` patterns are matched at the start of
a clause (after fillers), the others anywhere in it.
"""

from __future__ import annotations

from typing import Final

# The helper's own voice lives in ``voice_en``; ``rules`` reads it here with the other moves.
from bot.observer.voice_en import CORRECTION as CORRECTION
from bot.observer.voice_en import OWN_STORY as OWN_STORY
from bot.observer.voice_en import REASSURANCE as REASSURANCE

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
    r"you (?:really |just |definitely |maybe |probably |perhaps )?(?:should|could|ought to|need "
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
    r"\bwhen (?:did|was|were|have|has) (?:\w+ ){0,3}last\b",
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
)

#: A negation and the word it denies (the group): "not stupid", "isn't weak". Denying a word
#: the other just said of themselves is a correction ("not stupid at all" after "i'm stupid").
NEGATION: Final = (
    r"\b(?:not|isn't|aren't|wasn't|weren't|never|no)\b (?:(?:a|an|really|that|so|at all|just|even|"
    r"being|remotely|exactly|too) )*(\w{4,})",
)

#: A rhetorical tag at the end of a clause: it makes a judgement, not a question.
RHETORICAL_TAG: Final = (
    r",? (?:haven't|don't|didn't|aren't|isn't|won't|can't|wasn't|weren't|hasn't|doesn't|wouldn't|"
    r"couldn't|shouldn't) (?:you|it|he|she|they|we|i|that|there)$",
    r", (?:have|do|did|are|is|was|can|will) (?:you|it|he|she|they|we|that|there)$",
    r",? (?:right|surely|yeah|eh|isn't it|don't you think|huh)$",
    r", no$",
    r" wouldn't you say$",
    r", you know$",
)

#: A question that only contradicts: it asks for no answer ("says who?", "how could you have
#: known?"): a correction, not a question.
RHETORICAL_QUESTION: Final = (
    r"^says who\b",
    r"^who says (?:that|so|you)\b",
    r"\bhow (?:could|would|were|should|was) you (?:have )?(?:supposed to )?(?:known|know|have "
    r"seen|have guessed|guess|predict|have predicted)\b",
)

#: Naming or guarding the time available.
TIME_FRAME: Final = (
    r"\b(?:we|us|our|left|still) .{0,20}\b\d+ ?(?:more )?hours?\b",
    r"\b(?:stop|finish|end|wrap up|close) in \d+\b",
    r"\b(?:stop|finish|end|wrap up) (?:at|by) \d",
    r"\b(?:at|past|over) the hour\b",
    r"\bstop here\b",
    r"\bover time\b",
    r"\b(?:time's|time is|time) (?:up|left|nearly up|almost up|running out|over)\b",
    r"\b(?:running|run|ran) out of time\b",
    r"\bbefore we (?:stop|finish|wrap up|end|close|have to)",
    r"\bwrap (?:up|things up|this up)",
    r"\bwe (?:need|have|must|should) to (?:stop|finish|wrap|end|close)",
    r"\b(?:we|let's) .{0,20}\b(?:until|till) \d{1,2}(?:[:.]\d\d)?\b",
    r"\bour time\b",
    r"\bthe time we have\b",
    r"\btime (?:we have|for this|together|is limited|we've got)\b",
    r"\b(?:another|a separate|a different|a new|another) (?:time|moment|slot|meeting|"
    r"conversation)\b",
    r"\b(?:make|schedule|plan|book|set aside|find) (?:some |a )?(?:time|moment|slot)\b",
    r"\b(?:do|have) (?:we|you) (?:have|still have|got) time\b",
    r"\bhow much time\b",
    r"\bthe last (?:few )?minutes?\b",
    r"\bfor now\b.*\b(?:time|later|tomorrow)\b",
    r"\b(?:tomorrow|next week|later today|this afternoon) (?:we|i|let's)\b",
    r"\bpick (?:this|it|that) up (?:later|tomorrow|next)",
    # General forms: how much time is left, that it is time to stop, when the session ends.
    r"\b(?:out of|short on|low on|tight on|pressed for|running low on|nearly out of|almost out "
    r"of) time\b",
    r"\b(?:we|let's|we've|we're|us)\b.{0,25}\b(?:until|till|til) (?:\d{1,2}(?:[:.]\d\d)?|half "
    r"past|quarter (?:past|to)|noon|the hour|the end)\b",
    r"\b(?:our|the|this|today's) (?:session|conversation|meeting|call|chat|talk|hour|time) "
    r"(?:ends|finishes|stops|is over|is almost over|is nearly over|runs until|lasts|is up)\b",
    r"\b(?:ends?|finish(?:es)?|stops?|wrap(?:s)? up|done) (?:at|by|around) (?:\d|half|quarter|"
    r"noon)\b",
    r"\b(?:almost|nearly|about|just about) (?:time|at time|done for today|at the end)\b",
    r"\b(?:it's|its|it is) time to (?:stop|wrap|finish|end|round|close|call it)\b",
    r"\bhow long (?:do|have) we (?:have|got|still)\b",
    r"\bbefore we (?:go|run out|say goodbye|close|leave it)\b",
    r"\b(?:leave|stop|end|pause|park) (?:it|this|that|things) (?:here|there) (?:for (?:today|"
    r"now))?\b",
    r"\b(?:that's|that is|that'll be) (?:it|all) for (?:today|now|this session)\b",
    r"\b(?:we're|we are|we've|we) (?:already |now |just )?(?:running |going |gone |went |ran |run "
    r")?(?:a bit |a little |slightly |already )?(?:over(?: time)?|overtime|past (?:the |our "
    r")?time)\b(?! (?:it|this|that|there|the|your|her|his|my)\b)",
    r"\bnext (?:session|time we meet|meeting|week|call)\b.{0,20}\b(?:we|let's|continue|pick|go "
    r"on)\b",
    r"\b(?:in|with) the time (?:we have|that's left|left|remaining)\b",
    r"\b(?:the )?(?:time|minutes) (?:we have |we've got )?left\b",
    r"\b(?:one|a|the) (?:last|final) (?:minute|question before|thing before)\b",
    r"\bsame time next (?:week|time|month|session)\b",
    r"\b(?:the|a) (?:full|whole) hour\b",
    r"\b(?:min|mins|minutes|hours?|time) (?:left|to go|remaining)\b",
    r"\bnext (?:time|session|appointment|meeting)(?: is|'s| will be)\b",
)

#: A stretch of time: the conversation's only with a word that makes it ours (``TIME_CUE``);
#: "ask the surgeon for ten minutes" names no time frame.
DURATION: Final = (
    r"\b\d+ ?(?:more )?(?:minutes?|mins?|secs?|seconds)\b",
    r"\b(?:one|two|three|four|five|ten|fifteen|twenty|thirty|forty|a few|few|couple of|a couple "
    r"of|some) (?:more )?minutes?\b",
    r"\b(?:half an|an|one) hour\b",
    r"\bquarter of an hour\b",
)

TIME_CUE: Final = (
    r"\b(?:we|we've|we're|us|our|left|still|another|more|last|first|today|now|shall|let's|i have|"
    r"i've got|until|before|take|keep|spend)\b",
)

#: Words that put a verdict in a summary: then it is a correction, not a snapshot.
VERDICT: Final = (
    r"\bbasically\b",
    r"\bjust let\b",
    r"\bwalk all over\b",
    r"\boverreact\w*",
    r"\bexaggerat\w*",
    r"\ba bit much\b",
    r"\btoo (?:much|strict|hard|soft|sensitive)\b",
    r"\bavoid\w*",
    r"\b(?:running|ran|run) away\b",
    r"\b(?:dodg\w*|duck\w*|hiding from|escaping|caving|caved|giving in|gave in)\b",
    r"\bjust like (?:last|before|always|every)\b",
)

#: Endings that make a clause a summary ("…, if i hear you correctly", "…, that's how you see
#: her"): matched at the end of a clause.
SNAPSHOT_TAIL: Final = (
    r",? if i (?:hear|understand|get|read) (?:you|this|that|it) (?:correctly|right|well)",
    r",? (?:is that|that's|so that's) how you (?:see|feel about|experience) (?:it|her|him|them|"
    r"this|that)",
    r",? am i right",
    r",? (?:is|was) that it",
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
)
