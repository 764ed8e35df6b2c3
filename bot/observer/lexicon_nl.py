"""Dutch word lists and patterns of the twelve moves (the same shape as ``lexicon_en``;
how chat is read is in ``chat_nl``).

Every pattern is a regular-expression fragment over *normalised* text (``segment.normalise``:
casefolded, abbreviations folded, punctuation reduced to ``, . ? !``). ``rules`` compiles
them once at import. Fragments are alternatives; ``START`` patterns are matched at the start of
a clause (after fillers), the others anywhere in it.
"""

from __future__ import annotations

from typing import Final

# The helper's own voice (``voice_nl``), the time frame (``time_nl``) and summaries
# (``summary_nl``) live in modules of their own; ``rules`` reads them all here.
from bot.observer import counter_nl, dispute_nl
from bot.observer.counter_nl import AFFIRMATION as AFFIRMATION
from bot.observer.counter_nl import COUNTER_EVIDENCE as COUNTER_EVIDENCE
from bot.observer.counter_nl import PAST_EVIDENCE as PAST_EVIDENCE
from bot.observer.counter_nl import SELF_DENIAL as SELF_DENIAL
from bot.observer.counter_nl import SUCCESS as SUCCESS
from bot.observer.dispute_nl import COMFORT as COMFORT
from bot.observer.dispute_nl import EVIDENCE as EVIDENCE
from bot.observer.dispute_nl import FLAT_DENIAL as FLAT_DENIAL
from bot.observer.dispute_nl import NEGATIVE_QUESTION as NEGATIVE_QUESTION
from bot.observer.dispute_nl import REFRAME as REFRAME
from bot.observer.dispute_nl import RESPELL as RESPELL
from bot.observer.dispute_nl import WORRY as WORRY
from bot.observer.summary_nl import SNAPSHOT_OPENER as SNAPSHOT_OPENER
from bot.observer.summary_nl import SNAPSHOT_TAIL as SNAPSHOT_TAIL
from bot.observer.summary_nl import VERDICT as _SUMMARY_VERDICT
from bot.observer.time_nl import DURATION as DURATION
from bot.observer.time_nl import TIME_CUE as TIME_CUE
from bot.observer.time_nl import TIME_FRAME as TIME_FRAME
from bot.observer.voice_nl import CORRECTION as _VOICE_CORRECTION
from bot.observer.voice_nl import OWN_STORY as OWN_STORY
from bot.observer.voice_nl import REASSURANCE as REASSURANCE

#: Contradicting or judging the other's view (``voice_*``), also with counter-evidence.
CORRECTION: Final = (*_VOICE_CORRECTION, *counter_nl.CORRECTION)
#: De ander twijfelt aan zichzelf, of een algemene bewering: bewijs ertegen corrigeert.
SELF_DOUBT: Final = (*counter_nl.SELF_DOUBT, *dispute_nl.CLAIM)
#: Words that make a summary a verdict (``summary_*``, ``counter_*``).
VERDICT: Final = (*_SUMMARY_VERDICT, *counter_nl.VERDICT, *dispute_nl.VERDICT)

#: A proposal wrapped as a question (never also an open or closed question).
ADVICE_QUESTION: Final = (
    r"heb je (?:er |erover |er al over )?(?:al |ook |wel |weleens |ooit |al eens |eens |er al "
    r")*(?:aan |over )?(?:gedacht|nagedacht|overwogen|geprobeerd|eraan gedacht)",
    r"heb je (?:al |ook |wel |weleens |ooit |al eens |eens )*(?:aan|over)\b.{0,40}(?:gedacht|"
    r"nagedacht)",
    r"wat (?:nou )?als (?:je|jij|u|ze|hij|jullie|we)",
    r"wat dacht je van",
    r"wat vind je van (?:het idee|om)",
    r"zou (?:het|dat) (?:niet |geen )?(?:helpen|een idee|een optie|goed|fijn|beter|slim\w*|"
    r"verstandig\w*|handig\w*|makkelijk\w*|schelen)",
    r"zou(?:den)? (?:je|jij|u|jullie) (?:niet |eens |misschien |gewoon |kunnen )",
    r"(?:kun|kan|kunt|kunnen) (?:je|jij|u|jullie) (?:niet|gewoon|misschien|eens|ook niet|niet "
    r"gewoon|dan niet)\b",
    r"(?:kun|kan|kunt) (?:je|jij|u)\b.{0,30}\bniet (?:gewoon|even|eens)\b",
    r"waarom (?:ga|doe|zeg|vraag|bel|probeer|praat|neem|stop|plan|laat|maak) (?:je|jij) (?:het |"
    r"dat |haar |hem |dan )?(?:niet|dan niet|eens)",
    r"waarom niet (?:gewoon|even|eens)",
    r"waarom \w+ (?:je|jij) .{0,40}\bniet (?:gewoon|eens|even)\b",
    r"is (?:het|dat) (?:geen|niet) (?:idee|optie|beter|slimmer|handiger|verstandiger|tijd)",
    r"is (?:het|dat) (?:een )?(?:idee|optie) om",
    r"moet (?:je|jij) (?:niet|misschien|eens|gewoon)",
    r"wil (?:je|jij) (?:niet |eens |gewoon )(?!vertellen|zeggen|meer)",
    r"denk je (?:niet )?dat het (?:zou )?(?:helpt|helpen|goed|beter|slim)",
    r"helpt het (?:niet|misschien) (?:als|om)",
    r"zou je kunnen",
    r"ben je al (?:eens )?naar",
    r"heb je al eens\b.{0,50}\b(?:geprobeerd|overwogen|gedacht|nagedacht|gekeken)\b",
    r"(?:al )?(?:eens|ooit) geprobeerd\b",
    r"zou (?:praten|vragen|schrijven|bellen|zeggen)",
)

#: A proposal in statement form.
ADVICE: Final = (
    r"(?:je|jij|u) (?:moet|zou moeten|zou kunnen|kunt beter|kan beter|kunt ook|kan ook gewoon|"
    r"kunt gewoon|kan gewoon|mag best|moet gewoon|moet echt|hoeft alleen|hoeft maar|zou eens|zou "
    r"gewoon|zou beter)\b(?! (?:niet|dat|geen)\b)",
    r"\b(?:dat|het|dit) zou ik\b",
    r"\bzou ik (?:ook )?doen\b",
    r"\b(?:zou ik|ik zou) (?:jou |je )?(?:ook )?aanraden\b",
    r"^(?!dus\b)\w+ (?:het|dat|die|dit|de|een|haar|hem|ze|jezelf|hun|je)\b.{0,40}\b(?:gewoon|"
    r"voortaan|gerust)\b",
    r"(?<!wat )(?<!dus )\b(?:jij|je) (?:moet|moest|zou moeten)",
    r"\bik zou\b(?! (?:zeggen dat je|graag (?:willen )?(?:weten|horen)|benieuwd|het (?:fijn|leuk) "
    r"vinden als je))",
    r"\bals ik (?:jou|jouw|u) (?:was|ben|zou zijn)",
    r"\bik zou in jouw",
    r"\bhet beste (?:is|kun|kan|lijkt|zou)",
    r"\bhet is (?:beter|verstandig|slim|handig|goed|belangrijk|tijd) om",
    r"\bhet lijkt me (?:goed|beter|slim|verstandig) (?:om|als)",
    r"\bhet zou (?:goed|beter|slim|helpen|verstandig)",
    r"\bmisschien (?:moet|kun|kan|zou|moest) (?:je|jij)\b",
    r"\bmisschien (?:even |gewoon )?(?:\w+ ){0,3}(?:praten|bellen|vragen|zeggen|proberen|"
    r"schrijven|plannen|stoppen|beginnen)\b",
    r"\bmijn advies\b",
    r"\b(?:je|jij|u) (?:zou|kunt|kan)\b.{0,40}\b(?:kunnen|moeten|proberen)\b",
    r"\bmisschien (?:eens|even|gewoon)\b.{0,40}?\b\w{2,}en\b",
    r"\bmoet (?:je|jij) (?:\w+ ){0,3}(?:gewoon|echt|eens|maar|wel)\b",
    r"\bik raad (?:je |jou |u )?aan",
    r"\bik stel voor\b",
    r"\bik zou zeggen\b",
    r"\btip:",
    r"\blaten we(?! (?:eens kijken|kijken|even kijken|beginnen|terug|het hier|het daar|hier "
    r"stoppen|stoppen|afronden))",
    r"\bzorg (?:dat|ervoor|voor|goed)",
    r"\bgun jezelf\b",
    r"\bniet te (?:veel|lang|hard) (?:nadenken|piekeren|over)",
    r"\bdoe (?:gewoon|maar|het|dat|het gewoon|eens|niet)\b",
    r"^(?:(?:dan|ja|nou|misschien|gewoon) )?gewoon (?:doen|zeggen|vragen|bellen|praten|proberen|"
    r"laten|negeren|nee zeggen)\b",
    # Algemene vormen: modaal plus werkwoord, "het beste", "wat misschien helpt is".
    r"\b(?:je|jij|u) (?:kunt|kan|kun) (?:het )?(?:beste|beter|altijd|ook|eens|gewoon|"
    r"misschien)\b(?! (?:niet|wel zeggen)\b)",
    r"\bhet (?:beste|slimste|verstandigste|handigste) (?:is|lijkt me|kun je|kan je|zou zijn)\b",
    r"\b(?:beter|slimmer|verstandiger|handiger) (?:om|als je|van niet)\b(?! (?:dan|te)\b)",
    r"\bwat (?:misschien |wel |echt |mogelijk )?(?:helpt|kan helpen|zou kunnen helpen|zou helpen|"
    r"werkt) is\b",
    r"\bwat (?:je|jij) (?:\w+ )?(?:kunt|kan|zou kunnen|moet|zou moeten) doen(?: is)?\b(?!\s*$)",
    r"\b(?:mijn|een) (?:tip|suggestie|idee) (?:is|zou zijn|:)",
    r"\bik (?:zou|zou zelf|zou echt|zou gewoon|zou misschien) (?:\w+ ){0,4}(?:doen|zeggen|vragen|"
    r"bellen|gaan|nemen|proberen|sturen|schrijven|laten|wachten|plannen|praten)\b",
    r"\b(?:zeg|vraag|bel|stuur|probeer|doe|plan|neem|schrijf|geef|ga|laat|maak|zoek|pak) (?:het |"
    r"dat |haar |hem |ze |er |even |eens |maar |gewoon |dan |toch |meteen |gerust )+\w+\b",
    r"\bvergeet (?:niet|ook niet) (?:om|te|dat|je)\b",
    r"\b(?:dat|dit|die|daar|dan|het) (?:moet|moest|zou) (?:je|jij|u)\b(?! (?:\w+ )?(?:vinden|"
    r"voelen|denken|zijn|hebben|weten)\b)",
    r"\b(?:dat|dit|die|daar|dan|het) (?:kun|kan|kunt) (?:je|jij|u) (?:beter|best|gewoon|maar|eens|"
    r"misschien|ook|altijd)\b",
    r"^(?:je|jij|u) (?:kan|kunt|kun) (?!(?:\w+ )?(?:niet|geen|nooit|het wel|dit|dat wel)\b)(?:\w+ "
    r"){1,6}\w+en\b",
    r"\b(?:je|jij|u) (?:hebt|heb) (?:\w+ ){1,3}nodig\b",
    r"^dan (?!is|was|ben|heb|had|weet|zie|voel|denk|vind|zit|wil|mag|moet)\w+ (?:je|jij)\b",
    r"^misschien (?!is|ben|was|heb|had|weet|vind|denk|wil|voel|zit)(?:\w+ ){0,5}\w{2,}en\b",
)

#: Imperative verbs that make a clause opening with them advice ("bel haar eerst").
IMPERATIVES: Final = (
    r"(?:gewoon|misschien|eerlijk gezegd|dan|eerst|voortaan|volgende keer) (?:gewoon )?(?:praat|"
    r"bel|zeg|vraag|neem|plan|maak|probeer|stop|begin|schrijf|stuur|geef|kies|regel|meld|doe|pak|"
    r"zet|laat|hou|houd|blijf|wees)\b(?! (?:ik|je|jij|we|wij|u|ze|hij)\b)",
    r"meld",
    r"pas (?:goed )?op",
    r"teken",
    r"bel",
    r"zeg(?! (?:eens|het maar|maar)\b| het eens| eens meer| meer|,)",
    r"vraag",
    r"ga(?! door| verder| maar door| je\b| jij\b| het\b| ze\b| hij\b)",
    r"neem(?! je tijd| de tijd| gerust| ik\b| we\b)",
    r"plan",
    r"maak(?! je (?:niet|geen|maar geen)\b)",
    r"probeer",
    r"stop",
    r"begin",
    r"leg",
    r"schrijf",
    r"stuur",
    r"geef",
    r"kies",
    r"regel",
    r"check",
    r"mail",
    r"app",
    r"laat (?:het|haar|hem|ze|los|dat)",
    r"houd",
    r"hou(?! je)",
    r"blijf",
    r"wees",
    r"denk (?:aan|eens|na)",
    r"let op",
    r"accepteer",
    r"negeer",
    r"delegeer",
    r"slaap",
    r"rust",
    r"neem contact",
    r"spreek",
    r"vertel (?:haar|hem|ze|het ze|het haar|het hem|je)",
    r"zoek",
    r"schrap",
    r"doe(?! (?:je|jij|ik|we|ze|hij)\b)",
    r"pak",
    r"zet",
    r"trek",
    r"ruim",
    r"weiger",
    r"overleg",
    r"bespreek",
    r"loop",
    r"lees",
    r"oefen",
    r"luister",
    r"noteer",
    r"bereid",
    r"gebruik",
    r"informeer",
    r"bedenk",
    r"stel(?! je (?:voor|eens voor)\b)",
    r"kijk(?! eens\b| maar\b| dan\b|,| (?:mij|me|naar mij) nu\b)",
)

#: An earlier time the other coped, or when the problem was smaller.
EARLIER_SUCCESS: Final = (
    r"\b(?:al|ook|wel|nooit) eerder\b",
    r"\beerder (?:al|ook|gelukt|meegemaakt|gehad|gedaan|zo|een keer|keer)\b",
    r"\beerder\s*$",
    r"\b(?:was|is|heb|had|ben) (?:er|je|het) (?:al |ook )?eerder\b",
    r"\beerder\b.{0,30}\b(?:gehad|meegemaakt|gelukt|gedaan|doorstaan)\b",
    r"\btoen\b.*\b(?:anders|hielp|werkte|lukte|ging|goed|beter)\b",
    r"\b(?:anders|hielp|werkte|lukte|ging|goed|beter)\b.*\btoen\b",
    r"\bwat was (?:daar|toen|er|het|dat) anders\b",
    r"\banders (?:toen|die keer|dan)\b",
    r"\b(?:het|dat) (?:wel |toen )?(?:goed|beter|makkelijker) (?:ging|lukte|liep|werkte)\b",
    r"\bhoe (?:deed|kreeg|heb) je dat\b",
    r"\bvroeger\b",
    r"\b(?:een|die|de|andere|vorige) (?:andere )?(?:keer|keren|momenten|moment|periode|situatie|"
    r"tijd) (?:geweest )?(?:dat|waarop|toen|waarin|wanneer)",
    r"\bmomenten (?:dat|waarop)",
    r"\b(?:een|die) (?:week|dag|maand|jaar|dienst|nacht|les) (?:geweest )?(?:dat|waarin|waarop)",
    r"\bhoe (?:ben|is|zijn) (?:je|ze|zij|hij|jullie)\b.{0,40}\b\w*gekomen\b",
    r"\bmoment (?:dat|waarop) het (?:wel|beter|minder)",
    r"\booit\b(?! (?:gevraagd|gezegd|gehoord|verteld|gesproken))",
    r"\bvorige keer\b",
    r"\bvoor het laatst\b",
    r"\blaatste keer\b",
    r"\bin het verleden\b",
    r"\bdestijds\b",
    r"\b(?:weleens|wel eens|al eens)\b(?! (?:gevraagd|gezegd|gehoord|verteld|gesproken))",
    r"\b(?:ging|gaat|was|lukte|lukt|werkte|werkt|voelde|liep) (?:het|dat|dit)? ?(?:wel|beter|goed|"
    r"makkelijker|minder|lichter)",
    r"\b(?:wel|beter|minder) (?:lukte|lukt|ging|gaat|werkte|was)\b",
    r"\bminder (?:erg|zwaar|lastig|moeilijk|heftig|vaak|druk|spannend|sterk)",
    r"\bkleiner\b",
    r"\buitzondering",
    r"\bwat (?:hielp|werkte|heeft (?:je |jou )?geholpen)",
    r"\b(?:al )?(?:eens )?(?:meegemaakt|doorstaan|overwonnen|opgelost|overleefd|gered)\b",
    r"\bhoe (?:deed|heb|kreeg) je (?:dat|het) (?:toen|destijds|voor elkaar)",
    r"\bvoor elkaar gekregen\b",
    # Algemene vormen (alleen in een vraag): een eerdere keer dat het lukte, of hoe het lukte.
    r"\b(?:ging|lukte|lukt|werkte|liep|was|voelde) (?:het|dat|dit)? ?(?:je |jou |jullie |haar |"
    r"hem |toen |ooit )?(?:wel|beter|goed|makkelijker|minder|lichter|rustiger)\b",
    r"\b(?:wel|ooit|eerder|eens|al eens|vroeger|toen) (?:\w+ ){0,3}(?:gelukt|gered|gekund|"
    r"volgehouden|overwonnen|opgelost)\b",
    r"\bwanneer (?:was|ging|lukte|werkte|liep|voelde|is|had) (?:het|dat|dit|je|"
    r"er)\b.{0,30}\b(?:wel|beter|minder|makkelijker|lichter|rustiger|goed)\b",
    r"\b(?:een|die|de) (?:dag|week|moment|keer|dienst|nacht|situatie) (?:dat|waarop|waarin|toen) "
    r"(?:het|je|ze|hij|dingen) (?:\w+ )?(?:wel|beter|goed|minder|makkelijker)\b",
    r"\bwat deed je (?:toen |die keer |de vorige keer |destijds )?(?:anders|die keer)\b",
    r"\b(?:vergelijkbaars|soortgelijks|zoiets|iets dergelijks|zo'n situatie|dit soort dingen) "
    r"(?:al |ook |wel )?(?:eens |eerder |ooit |vaker )\b",
    r"\b(?:vorige|vorig|oude|eerdere|andere) (?:baan|werk|team|afdeling|school|stage|jaar|keer|"
    r"situatie)\b.{0,30}\b(?:gedaan|aangepakt|opgelost|gelukt|geholpen|hielp|werkte|lukte)\b",
    r"\b(?:zijn|waren|was|is) er (?:ook |wel |ooit )?(?:momenten|dagen|weken|keren|uitzonderingen|"
    r"tijden|een moment|een keer|een dag|een week)\b",
    r"\bhoe (?:heb|had) je (?:dat|het|dit|zoiets) (?:\w+ ){0,3}(?:aangepakt|gedaan|opgelost|"
    r"geregeld|volgehouden|overleefd|gered)\b",
    r"\b(?:is|was|zijn|waren) er (?:ooit |wel |ook )?(?:een|één) (?:\w+ ){1,2}(?:geweest )?(?:die|"
    r"dat|waarin|waarop|waarvoor|waarbij|wanneer|toen)\b",
    r"\bop de (?:dagen|momenten|keren|avonden|weken|nachten|ochtenden) (?:dat|waarop|wanneer)\b",
    r"\bwat maakte (?:het|dat|dit|die keer)\b",
    r"\b(?:ging|lukte|liep|werkte) (?:\w+ )?(?:wel|beter|goed|makkelijker)\b",
    r"\bwel (?:\w+ )?(?:ging|lukte|liep|werkte|goed ging|klaar|op tijd)\b",
    r"\bhoe (?:pakte|deed|regelde|loste|kreeg) (?:je|jij) (?:dat|het|dit) (?:toen|destijds|die "
    r"keer)\b",
    r"\b(?:minst \w+|meest (?:haalbaar|rustig|ontspannen|oké|leuk|succesvol)|makkelijkst\w*|"
    r"rustigst\w*|kortst\w*|beste (?:dag|week|dienst|moment|keer|les|vergadering|nacht|maand|"
    r"gesprek))\b",
    r"\b(?:wanneer|welke|die (?:ene )?keer|hoe vaak)\b.{0,40}\bwel\b",
    r"\bhoe (?:hield|hielden|kwam|kreeg|deed|pakte|overleefde|doorstond) (?:je|jij|"
    r"jullie)\b.{0,40}\b(?:vol|door|voor elkaar|in je (?:eerste|vorige|oude))\b",
)

#: A negation and the word it denies (the group): "niet dom", "geen zwakkeling". Denying a word
#: the other just said of themselves is a correction ("helemaal niet dom" na "ik ben dom").
NEGATION: Final = (
    r"\b(?:niet|geen|nooit)\b (?:(?:een|echt|zo|helemaal|eens|per se|zomaar|te|de|het) )*(\w{3,})",
)

#: A rhetorical tag at the end of a clause: it makes a judgement, not a question.
RHETORICAL_TAG: Final = (
    r",? toch$",
    r",? niet dan$",
    r",? of niet$",
    r",? he$",
    r",? hé$",
    r",? nietwaar$",
    r",? weet je wel$",
    r",? zeg nou zelf$",
    r",? weet je (?:dat )?nog$",
)

#: A question that only contradicts: it asks for no answer ("wie zegt dat?", "hoe had je dat
#: moeten weten?"): a correction, not a question.
RHETORICAL_QUESTION: Final = (
    *dispute_nl.RHETORICAL,
    r"^wie zegt (?:dat|dan|zoiets)\b",
    r"\bhoe (?:had|kon|kun|kan|zou|moest) (?:je|jij) (?:dat|het|dit) (?:\w+ )?(?:moeten |kunnen "
    r")?(?:weten|zien|voorspellen|raden)\b",
)
