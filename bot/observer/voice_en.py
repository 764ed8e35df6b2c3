"""English patterns of the helper's own voice: their own story, reassurance and correction
(the same shape as ``voice_nl``; re-exported by ``lexicon_en``, which holds the other moves).

Every pattern is a regular-expression fragment over *normalised* text (``segment.normalise``),
found anywhere in a clause. Each is a general form of the move (first person plus past or
experience; comforting, minimising, normalising, promising; contradicting or judging), not a
sentence of the labelled set.
"""

from __future__ import annotations

from typing import Final

#: The helper's own experience.
OWN_STORY: Final = (
    r"\bwhen i (?:was|had|started|worked|did|went|got|lost|first)\b",
    r"\bi (?:had|have had|'ve had|went through|'ve been through|have been through) (?:that|the "
    r"same|something similar|a similar|this|exactly|it) ?(?:too|as well|also)?",
    r"\bi (?:also|too) (?:had|have|was|did|went|used|struggled)",
    r"\bi had (?:that|this|it|the same|something like that|a) (?!(?:question|thought|quick|idea|"
    r"look|feeling you|sense|chat|word)\b)",
    r"\bi remember (?:when i|how i|that i|my)",
    r"\bin my (?:experience|case|last job|old job|previous job|first year|time)",
    r"\bme too\b",
    r"\bsame here\b",
    r"\b(?:that|this|it) (?:happened|happens) to me",
    r"\bi once\b",
    r"\bi used to\b",
    r"\bi've been there\b",
    r"\bi've had\b",
    r"\bi know (?:exactly )?(?:how|what) (?:that|it) (?:feels|is like)",
    r"\bmy (?:mother|mom|mum|dad|father|husband|wife|partner|son|daughter|kid|kids|boss|colleague|"
    r"sister|brother|friend|manager|team|neighbour|neighbor) (?:had|did|was|used|once|also|"
    r"always)\b",
    r"\b(?:with|for) me it (?:was|is|helped|worked)",
    r"\bwhat i did\b",
    r"\bwhat helped me\b",
    r"\bi did (?:that|the same|it) too\b",
    r"\bi struggled\b",
    r"\bwhen i was\b",
    r"\bmy (?:first|second|third|old|last) (?:year|job|team|week|ward|placement|boss|internship|"
    r"months?)\b",
    r"\bi (?:did|didn't|was|wasn't|had|hadn't) (?:\w+ )?(?:either|too)\b",
    r"\bi had an? \w+ (?:like that|like this|once|who)\b",
    r"\bi felt (?:exactly )?the same\b",
    r"\bi \w+(?: \w+){0,5} myself\b",
    r"\bwhen my\b",
    r"\bof mine\b",
    # General forms: first person plus past or experience, and the helper's own people.
    r"\bi (?:still )?remember (?!you\b|what you|that you|when you|you said)",
    r"\bhappen(?:ed|s) to me\b",
    r"\bi(?:'ve| have)? (?:been|was|found myself) (?:\w+ ){0,3}in (?:exactly )?(?:the same|a "
    r"similar|that|this|such a|your) (?:\w+ )?(?:situation|position|boat|spot|place|shoes|mess)\b",
    r"\bi(?:'ve| have)? (?:done|tried|said|felt|had|made) (?:that|this|it|the same|exactly "
    r"that)(?: \w+){0,3} myself\b",
    r"\bi(?: also| too| myself| personally)? (?:had|went|did|felt|struggled|was|got|lost|made|"
    r"tried|hated|dreaded|failed|found|learned|learnt|quit|left|froze|panicked|cried|doubted|"
    r"worked|messed) (?:\w+ ){0,6}(?:too|as well|myself|back then|at the time)\b",
    r"\bsame (?:thing )?(?:here|with me|for me|happened)\b",
    r"\b(?:i know|i recogni[sz]e|i remember) (?:that|this|the) feeling\b",
    r"\bi (?:recogni[sz]e|know) (?:that|this|it) (?:so )?(?:well|too|all too well)\b",
    r"\b(?:sounds|sounded) (?:so |very )?familiar\b",
    r"\bi(?:'ve| have) been there\b",
    r"\bbeen there(?:,| myself| too| done that)\b",
    r"\bback (?:when i|in my|then i|in the day i)\b",
    r"\b(?:at|in|on) my (?:old|last|previous|first|former|current|own) (?:job|work|team|ward|"
    r"school|placement|practice|company|workplace|department|internship|unit)\b",
    r"\bmy (?:own )?experience\b",
    r"\b(?:years|months|weeks) ago,? i\b",
    r"\blast (?:year|month|week|summer|winter),? i (?:had|was|did|went|got|felt|made|tried)\b",
    r"\bi (?:went|was going|have been|'ve been|'ve gone) through (?:a |the |that|this|something|"
    r"exactly|my|it)\b",
    r"\bmy (?:\w+ )?(?:mother|mom|mum|dad|father|husband|wife|partner|son|daughter|kid|kids|boss|"
    r"colleague|sister|brother|friend|manager|team|neighbour|neighbor|boyfriend|girlfriend|"
    r"parents|grandmother|grandfather|nan|mentor|supervisor|teacher|student|patient|client)s? "
    r"(?:went|got|struggled|lost|felt|dealt|has had|'s had|had to|did|had|was|used|once|also|"
    r"always|went through|never)\b",
    r"\ba (?:\w+ )?(?:patient|client|student|colleague|friend|pupil|resident|intern|trainee) of "
    r"mine\b",
    r"\bi(?: also| too)? had (?:a|an|one|two|this|that) (?:\w+ ){0,3}(?:who|that|like that|like "
    r"this|like yours|once|too)\b",
    r"\bi (?:myself|personally) (?:had|was|did|went|struggled|found|felt|used)\b",
    r"\bi once\b",
    r"\bwhen i (?:\w+ )?(?:was|started|had|began|worked|did|went|got|lost|first|joined|moved|"
    r"became|came|left|trained|studied)\b",
    # First person narrating the past: "i" with a past verb, not about this conversation
    # ("i asked", "i noticed you", "i was wondering" are the helper talking to the other now).
    r"(?<!have )(?<!did )\bi(?!'ve got\b| have got\b)(?:'ve| have| had)? (?:(?:also|too|just|"
    r"actually|really|once|always|never|even|then|first|finally|eventually|literally|honestly|"
    r"totally|basically|still|only|so|myself|personally|ended up|nearly|almost|kinda|kind of|"
    r"literally) ){0,2}(?!(?:asked|meant|mentioned|noticed|heard|understood|wondered|wanted|"
    r"missed|said|thought|guessed|figured|assumed|got it|read)\b)(?:\w{2,}ed|was|were|had|did|"
    r"went|got|made|took|felt|lost|left|cried|failed|moved|quit|knew|saw|told|came|became|found|"
    r"kept|spent|lasted|wrote|ran|sat|slept|spoke|broke|fell|forgot|gave|held|hid|met|paid|sent|"
    r"stood|taught|won|began|chose|drove|fought|grew|sold|swore|threw|woke|been|done|gone|seen|"
    r"had to|used to)\b(?! (?:\w+ )?(?:you|your|that you|what you|if you|whether you|about "
    r"you)\b)(?!(?: to)? (?:ask|know|check|say|hear|mention|understand)\b| (?:curious|wondering|a "
    r"question|an idea|a thought|to follow|to understand|that right|it right|this right|you "
    r"right)\b)",
    r"\bi'm (?:exactly |just |totally |completely |much )?the same\b",
    r"\bsame (?:with|for|as) me\b",
    r"\bwe (?:\w+ ){1,5}(?:once|back then|years ago|at my (?:old|last|previous)|in my (?:old|last|"
    r"previous|first))\b",
    r"\bmy (?:\w+ )?(?:parents|mother|mom|mum|dad|father|husband|wife|partner|boss|family)s? "
    r"(?:wanted|thought|said|made|told|expected)\b",
    r"\bmine (?:did|was|had|used|went|got|does|is like)\b",
    r"^had (?:exactly |the same |this |that |a |an |one |something )",
    r"\bmy (?:\w+ )?(?:grandma|grandpa|gran|granny|nan|nana|grandmother|grandfather|aunt|uncle|"
    r"cousin|niece|nephew|ex|stepmother|stepfather|in-laws|mother-in-law|father-in-law|dog|cat) "
    r"(?:had|did|was|went|got|used|once|also|always|struggled|lost|passed)\b",
    r"\bthe first time (?:that |when )?i\b",
    r"\bmy (?:very )?first \w+ (?:was|were|went|ever|i)\b",
    r"^same(?: here| for me| with me| thing)?$",
    r"\bas an? (?:new |young |junior |first-year |first year )?(?:\w+ )?(?:student|intern|nurse|"
    r"doctor|teacher|rookie|newbie|beginner|trainee|resident|registrar|manager|mum|mom|dad|"
    r"parent)\b,? i\b",
)

#: Comforting, minimising, promising it will be fine.
REASSURANCE: Final = (
    r"\b(?:it'll|it will|it's going to|that'll|that will|everything will|everything'll|all will|"
    r"things will|it is going to|you'll|you will|it's gonna) (?:all )?(?:be |turn out |work out |"
    r"go )?(?:fine|ok|okay|alright|all right|great|well|good|work out)",
    r"\bno worries\b",
    r"\bdon't worry\b",
    r"\bnot to worry\b",
    r"\bnothing to worry",
    r"\byou'll (?:manage|get there|figure it out|be fine|do fine|do great|do well|sort it out|get "
    r"through)",
    r"\bi'm (?:sure|certain|convinced) (?:you|it|she|he|they|that|everything)",
    r"\bi'm sure\b",
    r"\b(?:happens|it happens) to (?:everyone|everybody|all of us|the best)",
    r"\b(?:everyone|everybody|we all) (?:goes|go|has|have|feels|feel|does|gets|struggles|makes) ",
    r"\b(?:it's|that's|this is|it is|that is|totally|completely|perfectly) (?:completely |totally "
    r"|perfectly |very |quite |so |pretty )?(?:normal|understandable|natural|human)\b",
    r"\b(?:it's|it is|that's|that is) not (?:that|so) bad",
    r"\bcould be worse\b",
    r"\byou(?:'ve)? got this\b",
    r"\bit(?:'ll| will) pass\b",
    r"\bchin up\b",
    r"\bnot the end of the world\b",
    r"\bno big deal\b",
    r"\byou're doing (?:great|fine|well|good|so well|amazing|brilliantly)",
    r"\byou can do (?:it|this)\b",
    r"\byou're not alone\b",
    r"\bit's (?:only|just) (?:a|one|temporary|for)",
    r"\bjust a phase\b",
    r"\bsure it(?:'ll| will)\b",
    r"\bit'll (?:sort itself|blow over|be over)",
    r"\bbe fine\b",
    r"\blook at me now\b",
    r"\bno need to (?:apologi[sz]e|be sorry|worry|feel)",
    r"\bno problem\b",
    r"\b(?:it'll|it will|things will) (?:get|become) (?:easier|better)",
    r"\bblows? over\b",
    r"\bnothing wrong with\b",
    r"\bit(?:'ll| will) come\b",
    r"\bwith time\b",
    r"\byou can't know everything\b",
    r"\b(?:they'll|she'll|he'll) understand\b",
    r"\byou couldn't have known\b",
    r"\b(?:you're|you are) (?:only|just) human\b",
    r"\bthat's (?:perfect|fine|great)\b",
    # General forms: "it's/that's ok", normalising ("very common", "most people"), not alone.
    r"(?<!if )\b(?:it's|its|it is|that's|thats|that is) (?:all |totally |completely |perfectly |"
    r"really )?(?:ok|okay|alright|all right|fine)\b(?! (?:with|by) (?:you|me)\b)",
    r"\bit's (?:all )?good\b(?! (?:to|that|you))",
    r"\ball good\b",
    r"\b(?:you're|you are) (?:definitely |certainly |really |so |absolutely )?not (?:alone|the "
    r"only one|the first|the last)\b",
    r"\b(?:won't|wouldn't) be the (?:first|last|only)\b",
    r"\bnot (?:as|that|so) (?:bad|big|terrible|awful|serious|scary|dramatic)\b(?! (?:at|for|with))",
    r"\b(?:isn't|wasn't|won't be) (?:as |that |so )?(?:bad|terrible|awful|serious|a disaster|the "
    r"end)\b",
    r"\b(?:nobody|no one|noone|nobody's|no one's) (?:is|gets|does|knows|knew|expects|expected|"
    r"expect)\b.{0,25}\b(?:perfect|first time|right away|straight away|everything|from day one|"
    r"immediately)\b",
    r"\bnobody's perfect\b",
    r"\b(?:we've|we have|we've all|everyone's|everybody's|we all|all of us have) (?:all )?(?:been "
    r"there|done that|had (?:that|those|days|moments|one of those))",
    r"\b(?:we|all of us|everyone|everybody|most people|lots of people|a lot of people|many people|"
    r"plenty of people|loads of people) (?:all )?(?:goes|go|feel|feels|get|gets|struggle|"
    r"struggles|make|makes|have|has|find|finds|mess up|forget|freeze|panic|doubt|worry|went|felt|"
    r"had|made|go through) (?:\w+ )?(?:that|this|it|like that|through|mistakes|nervous|days|at "
    r"some point|at first|sometimes|now and then|the same)\b",
    r"\b(?:very|really|super|pretty|quite|so|extremely|incredibly) common\b",
    r"\bthat's common\b",
    r"\bhappens? (?:to|with) (?:everyone|everybody|all of us|the best|loads of|lots of|a lot of|"
    r"many|most|plenty of)\b",
    r"\bhappens (?:a lot|all the time|more often than you think|way more often)\b",
    r"(?:^|, )(?:it|that|these things|stuff|mistakes|things like that|shit) happens?(?: sometimes|"
    r" to all of us)?\s*$",
    r"\b(?:it's|that's|it is|that is|a) (?:a )?(?:pretty |very |completely |perfectly |totally "
    r")?(?:normal|natural|common|human|understandable) (?:reaction|response|feeling|thing|part|way|"
    r"worry|fear|doubt|question)\b",
    r"\bmakes (?:total |perfect |complete )?sense (?:that )?(?:you|you're|you'd|you feel)\b",
    r"\b(?:it|that|this|these things|everything|change|learning) (?:just |simply |all )?takes? "
    r"(?:some )?time(?:\s*$|,| to (?:heal|adjust|get used|learn|settle|recover|adapt|grow|sink))",
    r"\b(?:it|things|that|this) (?:gets|get|'ll get|will get|are going to get|is going to get) "
    r"(?:a lot |much |so much )?(?:easier|better|lighter)\b",
    r"\byou'll (?:get (?:the hang|used to|better|there)|learn|nail it|smash it|ace it|be great|be "
    r"brilliant|be just fine|survive)\b",
    r"\b(?:i promise|promise you)\b",
    r"\bi bet (?:you|it|she|he|they|that)\b",
    r"\bi(?:'m| am) (?:sure|certain|confident|positive|convinced)\b",
    r"\b(?:they|she|he|people|everyone|your team|the team|nobody)(?:'ll| will| won't) "
    r"(?:understand|forget|get over it|come round|come around|remember|mind|hold it against you|"
    r"even notice)\b",
    r"\b(?:you|u) (?:did|have done|'ve done) (?:nothing|nothing at all) wrong\b",
    r"\b(?:you|u) (?:didn't|haven't) (?:do|done) anything wrong\b",
    r"\bnothing to (?:be )?(?:ashamed|embarrassed|sorry|worried|afraid|worry|feel bad|"
    r"apologi[sz]e) (?:of|about|for)?",
    r"\bno (?:shame|harm|stress|harm done)\b",
    r"\bno biggie\b",
    r"\b(?:don't|do not|dont|try not to) (?:worry|stress|panic|fret|beat yourself up|feel bad|"
    r"feel guilty|be sorry|apologi[sz]e)\b",
    r"\b(?:you're|you are) doing (?:the best you can|your best|everything you can|all you can|"
    r"what you can|a (?:great|good|fine) job|just fine|ok|okay|really well)\b",
    r"\byou did (?:your best|all you could|everything you could|what you could|the best you "
    r"could)\b",
    r"\b(?:you're|you are) (?:human|allowed to)\b",
    r"\b(?:hang in there|cheer up|keep your chin up|you got this|you'll be okay|it's gonna be "
    r"ok)\b",
    r"\bof course you(?:'re| are| feel| get) (?:nervous|scared|anxious|tired|upset|worried|sad|"
    r"stressed|overwhelmed)\b",
    r"\b(?:nobody|no one|noone)(?:'s| is)? (?:going to |gonna |will |would )?(?:judge|blame|hold "
    r"it against|mind|notice|care|think less)\b",
    r"\bno (?:one|body|\w+) (?:does|can do|knows|gets|has|remembers) (?:this|that|it|every|all|"
    r"everything)\b",
    r"\bnobody died\b",
    r"\bevery (?:\w+ )(?:has|gets|makes|goes through|has had|feels|struggles)\b",
    r"\b(?:lots of|plenty of|so many|many|loads of|a lot of|most) (?:people|nurses|doctors|"
    r"students|parents|managers|teachers|colleagues|new \w+|\w+s) (?:\w+ )?(?:cry|do|feel|have|"
    r"struggle|find|get|make|go through|freeze|panic|forget|doubt|worry)\b",
    r"\bnot (?:\w+ )?(?:weird|strange|odd|crazy|silly)(?: at all)?\s*(?:$|,)",
    r"\b(?:no rush|no hurry|take your time|take all the time)\b",
    r"\b(?:it's|that's|it is|that is|this is|that isn't|it isn't) (?:not |hardly |no )?(?:a |an "
    r")?(?:embarrassing|crime|shameful|big deal|sin|disaster|catastrophe|weird|strange|crazy|"
    r"silly|shameful)\b",
    r"\b(?:lots of|plenty of|so many|loads of|a lot of|most) (?:people|\w+s) (?!(?:\w+ )?(?:you|"
    r"your)\b)\w+",
    r"\b(?:these|such|those) things (?:happen|take time)\b",
    r"\bhappens? (?:in|on|at|to) (?:every|all|most|any) \w+",
    r"\bthat's (?:just )?how it (?:goes|works|is)\b",
    r"\byou did (?:exactly |absolutely )?(?:the right thing|right|well|fine|nothing wrong)\b",
    r"\b(?:and )?even if (?:she|he|they|it|that|you) (?:does|did|do|happens|doesn't)\b",
    r"^(?:nah|no|nope)(?:,)? (?:she|he|they|it|that|people) (?:won't|will not|isn't going to|"
    r"aren't going to|wouldn't)\b",
    r"\bnot too (?:late|old|young|much|slow)\b",
    r"\bof course not\b",
    r"\b(?:everyone|everybody|we all|all of us) (?:\w+ )?(?:doubts?|struggles?|messes up|fails?|"
    r"makes? mistakes|gets? it wrong|starts? somewhere|panics?|freezes?)\b",
    r"^relax\b",
    r"\b(?:get|gets|getting|got) used to (?:it|that|this|them)\b",
    r"\b(?:hard|tough|difficult|tricky|scary|heavy) but (?:doable|possible|worth it|manageable|"
    r"you can)\b",
    r"\bno need (?:to be|to feel|for) (?:\w+ )?\w+",
    r"\b(?:you have|you've got) every right\b",
    r"\b(?:nobody|no one|noone) (?:even |really )?(?:noticed|cared|minded|judged|remembers|"
    r"remembered)\b",
    r"\b(?:it|that)(?:'ll| will) go (?:fine|well|great|ok|okay)\b",
    # A story with a good ending: the trouble passed.
    r"\b(?:it|that|this|they|she|he) (?:all )?(?:stopped(?! \w+ing\b)|passed|went away|blew over|"
    r"got better|settled down|calmed down|worked out|"
    r"turned out (?:fine|ok|okay|great|well|alright))\b",
    r"\b(?:the )?(?:best|happiest) (?:time|years?|months?|decision) of my life\b",
    r"\b(?:later|afterwards|in the end) (?:he|she|they|it) (?:was|were|turned out|became|did) "
    r"(?:\w+ )?(?:great|fine|brilliant|ok|okay|good|amazing)\b",
)

#: Contradicting or judging the other's view of themselves or the situation.
CORRECTION: Final = (
    r"\b(?:that's|that is|it's|it is|this is) (?:just |simply )?(?:not true|not right|not the "
    r"case|not fair|nonsense|rubbish|silly|ridiculous|crazy|not so|untrue|an exaggeration|not a "
    r"failure)",
    r"\bthat isn't (?:true|right|fair)",
    r"^not true\b",
    r"\byou're (?:being )?(?:too|way too|so) (?:hard|harsh|strict|critical|tough) on yourself",
    r"\byou're too (?:hard|harsh|strict|critical)",
    r"\bcome on\b",
    r"\byou're not (?:a |an |stupid|lazy|bad|useless|failing|incompetent|weak|worthless|dumb|"
    r"terrible|the problem|crazy|selfish)",
    r"\byou(?: are|'re) (?:no|not a) (?:failure|bad|loser)",
    r"\bof course you (?:can|are|did|do|could|will)",
    r"\byou're exaggerating\b",
    r"\bnonsense\b",
    r"\bdon't be (?:silly|ridiculous|so hard|so harsh|so negative|daft)",
    r"\bsurely you\b",
    r"\byou know (?:that's|that is|it's) not",
    r"\bi don't (?:think|believe) (?:that's|that is|it's|you're) (?:true|right|fair|the case|a|"
    r"bad|stupid)",
    r"\bi disagree\b",
    r"\byou shouldn't (?:think|feel|see|say|blame|be so)",
    r"\bthat's just (?:the dragon|not|your (?:\w+ )?(?:fear|anxiety|head|brain|nerves|inner|mind|"
    r"worry))",
    r"\bno you're not\b",
    r"\bthat's not how\b",
    r"\byou can't (?:really )?(?:mean|believe|think)",
    r"\bstop (?:blaming|beating yourself|being so)",
    r"\bnot everything is\b",
    r"\bnot your fault\b",
    r"\bthat's not what\b",
    r"\byou couldn't have known\b",
    r"\byou don't need to (?:be|feel) ",
    r"\b, period\b",
    r"\bthat's not the same as\b",
    r"\bof course (?:they|she|he|it)\b",
    # General forms: a denial of the other's view, a judgement of their self-criticism,
    # counter-evidence.
    r"\b(?:that's|thats|that is|it's|its|it is|this is) (?:just |simply |really |definitely |"
    r"certainly |absolutely |honestly |so )?not (?:true|right|fair|the case|how it|what happened|"
    r"a failure|failing|weak|stupid|lazy|selfish|on you|your fault)\b",
    r"\b(?:that's|that is|it's|it is|this is|that isn't|it isn't) (?:not )?(?:a |an )?(?:failure|"
    r"weakness|mistake|disaster|sign of weakness)\b(?!.{0,15}\b(?:if|when|to)\b)",
    r"\b(?:you're|you are|you aren't) (?:definitely |certainly |really |clearly |honestly |"
    r"absolutely |so |just |far from |by no means )?(?:not )?(?:a failure|stupid|lazy|useless|"
    r"incompetent|weak|worthless|dumb|selfish|a bad \w+|a terrible \w+|failing)\b",
    r"\b(?:hard|harsh|strict|critical|tough|mean|unfair|judgmental|judgemental|negative) (?:on|"
    r"with|to|towards|about) yourself\b",
    r"\b(?:a bit|quite|pretty|rather|very|too|so|really|a little) harsh\b",
    r"\bselling yourself short\b",
    r"\b(?:give yourself|you deserve) (?:some |more |a bit more )?credit\b",
    r"\bmore than you (?:think|realise|realize|give yourself|admit|let on)\b",
    r"\bbetter than you (?:think|realise|realize|give yourself)\b",
    r"\byou(?:'ve| have)? (?:done|managed|handled|proven|shown|pulled off|survived) (?:it|that|"
    r"this|things like this|worse|harder) (?:before|already|last time|plenty of times|many times|"
    r"loads of times|more than once)\b",
    r"\bbut you (?:did|managed|handled|have done|'ve done|got through|pulled|stood up|said no)\b",
    r"\byou (?:did|do|have done|'ve done|handled|managed) (?:\w+ )?(?:more|better) than\b",
    r"\bi (?:see|look at) (?:it|that|this|things) (?:\w+ )?(?:differently|another way|otherwise)\b",
    r"\bi wouldn't (?:say|call) (?:that|it|you|yourself)\b",
    r"\bi(?:'m| am) not (?:so |that |too )?sure (?:about that|that's (?:true|fair|right))\b",
    r"\bi (?:don't|do not) (?:agree|buy it|buy that|see it that way|see that)\b",
    r"\b(?:that's|thats|that is) (?:an? )?(?:unfair|harsh|strict|black and white|all or nothing|"
    r"overly critical)\b",
    r"\bthat's (?:not|hardly) (?:what i|the whole|the full|fair)\b",
    r"\bwho says\b",
    r"\bno(?:,)? (?:it's|it is|you're|you are) not\b",
    r"\bnot at all true\b",
    r"\b(?:that's|that is|it's|it is) not (?:your|on your) (?:job|responsibility|problem|task|"
    r"call|fault|shoulders)\b",
    r"\b(?:doesn't|does not|won't|didn't|wouldn't) make you (?:a |an |any )?(?:bad|worse|less|"
    r"weak|failure|terrible|lazy|stupid|selfish)\b",
    r"\byou (?:told me|said|showed me) (?:so |that |it )?yourself\b",
    r"\b(?:never|always|nobody|everyone|everybody|everything|nothing|no one) is (?:quite |a bit |"
    r"pretty |such )?(?:a |an )?(?:big|strong|harsh|absolute|heavy) word\b",
    r"\b(?:make|making|made) (?:such )?(?:a )?(?:big )?(?:deal|drama|thing|mountain) (?:of|out "
    r"of)\b",
    r"\b(?:exactly|precisely) what you (?:should|needed to|had to|were supposed to) (?:do|have "
    r"done)\b",
    r"\bthat was (?:exactly |absolutely )?the (?:right|correct|best) (?:call|thing|decision|"
    r"choice|move)\b",
    r"\byou (?:didn't|did not|haven't|have not|won't|will not) (?:ruin|mess|screw|break|fail|"
    r"destroy|wreck|blow)\w*\b(?! (?:\w+ )?(?:up )?(?:yet|already)\b)",
    r"\bsell(?:ing)? yourself short\b",
    r"\b(?:says|said) nothing about you\b",
    r"\bdoesn't say anything about you\b",
    r"\byou did (?:exactly )?the right thing\b",
    r"\b\w+(?:'s| is) (?:a (?:long|strong|big) (?:time|word)|too strong|a bit strong)\b",
    r"\b(?:you're|you are) (?:\w+ )?(?:not|never) (?:too )(?:late|old|young)\b",
    r"\b(?:feels|seems|looks|sounds) (?:like )?(?:that way|it|so),? but\b",
)
