"""How Dutch chat is read (the same shape as ``chat_en``): shorthand folded, fillers
skipped, the forms of a question, the words of an encourager, a snapshot's check, whose words
are whose.

Fragments are regular expressions over *normalised* text (``segment.normalise``: casefolded,
abbreviations folded, punctuation reduced to ``, . ? !``), compiled once by ``rules``.
``START`` patterns are matched at the start of a clause (after fillers).
"""

from __future__ import annotations

from typing import Final

#: Chat shorthand and glued verb-pronoun forms, folded word by word before anything else.
ABBREVIATIONS: Final = {
    "idd": "inderdaad",
    "ff": "even",
    "efkes": "even",
    "miss": "misschien",
    "mss": "misschien",
    "msschn": "misschien",
    "evt": "eventueel",
    "wss": "waarschijnlijk",
    "ws": "waarschijnlijk",
    "iig": "in ieder geval",
    "sws": "sowieso",
    "gwn": "gewoon",
    "nie": "niet",
    "nt": "niet",
    "wt": "wat",
    "wa": "wat",
    "k": "ik",
    "'k": "ik",
    "kzou": "ik zou",
    "kheb": "ik heb",
    "kben": "ik ben",
    "tis": "het is",
    "'t": "het",
    "mn": "mijn",
    "m'n": "mijn",
    "zn": "zijn",
    "z'n": "zijn",
    "da": "dat",
    "eig": "eigenlijk",
    "eigl": "eigenlijk",
    "hoelang": "hoe lang",
    "hoevaak": "hoe vaak",
    "min": "minuten",
    "mins": "minuten",
    "hebje": "heb je",
    "hebt": "heb",
    "benje": "ben je",
    "kunje": "kun je",
    "kanje": "kan je",
    "wilje": "wil je",
    "zouje": "zou je",
    "doeje": "doe je",
    "weetje": "weet je",
    "denkje": "denk je",
    "vindje": "vind je",
    "ga je": "ga je",
    "ge": "je",
    "gij": "jij",
    "oke": "oké",
    "okee": "oké",
    "okey": "oké",
    "ok": "oké",
    "nou": "nou",
    "bv": "bijvoorbeeld",
    "bijv": "bijvoorbeeld",
    "vd": "van de",
    "aub": "alsjeblieft",
    "hè": "he",
    "da's": "dat is",
    "das": "dat is",
    "ie": "hij",
    "dhr.": "dhr",
    "mevr.": "mevr",
    "mw.": "mw",
    "t": "het",
    "kwas": "ik was",
    "khad": "ik had",
    "kweet": "ik weet",
    "kdenk": "ik denk",
    "kzal": "ik zal",
    "kga": "ik ga",
    "kvind": "ik vind",
    "kmoet": "ik moet",
    "kken": "ik ken",
    "gn": "geen",
    "nx": "niks",
    "nks": "niks",
    "tog": "toch",
    "egt": "echt",
    "evn": "even",
    "vgl": "vergelijk",
    "zorgn": "zorgen",
}

#: Words that may open a clause without changing what it is ("oké en wat deed je toen").
FILLERS: Final = (
    r"(?:hoi|hallo|hey|hi|dag|goedemorgen|goedemiddag|goedenavond)"
    r"(?: [a-z]+(?= (?:hoe|wat|waar|waarom|wie)\b))?",
    r"of",
    r"wat denk je(?=,)",
    r"haha",
    r"oei",
    r"ho(?: ho)?",
    r"oké",
    r"o",
    r"oh",
    r"ah",
    r"aha",
    r"h+m+",
    r"m+",
    r"nou",
    r"ja",
    r"jaja",
    r"nee",
    r"goh",
    r"tja",
    r"zeg",
    r"en",
    r"maar",
    r"dus",
    r"dan",
    r"he",
    r"hé",
    r"ik snap het",
    r"ik begrijp het",
    r"snap ik",
    r"helder",
    r"duidelijk",
    r"dank je",
    r"bedankt",
    r"inderdaad",
    r"even (?=wat|hoe|waarom|welke)",
    r"uit nieuwsgierigheid",
    r"eerlijk gezegd",
)

#: Openings of a question that invites exploring.
OPEN_START: Final = (
    r"waar (?:zullen|willen|wil|zal|gaan) (?:we|je|jij) (?:\w+ )?(?:beginnen|starten)",
    r"wat(?! als\b| nou als\b| een\b| fijn| goed\b| leuk| jammer| naar\b| rot\b| vervelend"
    r"| erg\b| mooi| heftig| lastig| knap| stom| sneu| zwaar| balen| lief| tijd\b| dag\b"
    r"| voor dag| dacht je van| vind je van)\b",
    r"hoe(?! lang\b| vaak\b| veel\b| oud\b| laat\b| ver\b| fijn| leuk| mooi| rot| naar\b"
    r"| erg\b| vervelend| heftig| knap| stom| zwaar| zou het zijn als je)\b",
    r"hoezo",
    r"waar(?! (?:ik|je|jij|u|ze|zij|hij|we|wij|het|de|een|iedereen|niemand|mijn|jouw|die|dat|"
    r"jullie|men)\b)(?: \w+){1,6}? (?:over|voor|mee|aan|door|op|naar|bij|van|in|uit|"
    r"tegenaan|naartoe|vandaan|heen|achter|onder)\b",
    r"bijvoorbeeld",
    r"heb je (?:een |wat )?(?:voorbeeld|voorbeelden)",
    r"(?:geef|noem) (?:eens |me )?(?:een )?voorbeeld",
    r"zoals wat",
    r"waarom(?! (?:ga|doe|zeg|vraag|bel|probeer|praat|neem|stop|plan|laat|maak) je (?:het |"
    r"dat |haar |hem |dan )?(?:niet|dan niet|eens))",
    r"waardoor",
    r"waarover",
    r"waarin",
    r"waarmee",
    r"op welke manier",
    r"in hoeverre",
    r"welke(?! dag| tijd| datum)",
    r"vertel",
    r"(?:kun|kan|wil) (?:je|jij|u)\b.{0,30}\b(?:vertellen|beschrijven|uitleggen|toelichten)\b",
    r"kun je (?:eens |wat |iets )?(?:vertellen|beschrijven|uitleggen|meer vertellen|"
    r"iets meer)",
    r"kan je (?:eens |wat |iets )?(?:vertellen|beschrijven|uitleggen|meer vertellen|"
    r"iets meer)",
    r"zeg (?:eens )?(?:wat )?meer",
    r"beschrijf",
    r"ik ben (?:benieuwd|nieuwsgierig)",
    r"ik vraag me af (?:wat|hoe|waarom)",
)

#: Openings of a question answered with yes/no or a single fact.
CLOSED_START: Final = (
    r"(?:heb|hebt|heeft|had|hadden|ben|bent|is|was|waren|zijn|kun|kunt|kan|kon|konden|"
    r"wil|wilt|wou|wilde|zou|zouden|doe|doet|deed|deden|ga|gaat|ging|gingen|weet|wist|"
    r"denk|dacht|vind|vond|mag|mocht|moet|moest|zie|ziet|zag|merk|merkt|voel|voelt|"
    r"speelt|speelde|klopt|lukt|lukte|werkt|werkte|helpt|hielp|hoor|hoort|herken|"
    r"herkent|snap|snapt|begrijp|begrijpt|maakt|maak|praat|praatte|sprak|spreek|"
    r"vertelde|zei|zeg|slaap|slaapt|eet|gebeurt|gebeurde|blijft|komt|kwam|geeft|"
    r"krijg|krijgt|kreeg|heeft|wordt|werd|woon|woont|werk|sta|staat|stond|vraag|"
    r"vroeg|durf|durft|hoop|hoopt|verwacht|lijkt|houd|hou|houdt|leeft|zit|zat|"
    r"schaam|schaamt|twijfel|twijfelt) "
    r"(?:je|jij|u|ze|zij|hij|jullie|we|wij|iemand|men|mensen)\b",
    r"hoe (?:lang|vaak|veel|oud|laat|ver)",
    r"hoeveel",
    r"wanneer",
    r"waar(?!om|door|over|in|mee|bij|voor|op)\b",
    r"(?:is|was|zijn|waren|heeft|had|werkt|werkte|helpt|hielp|klopt|lukt|lukte|gaat|ging|"
    r"speelt|maakt|voelt|komt|blijft|wordt|gebeurt|gebeurde|kan|kon|mag|moet|zou) "
    r"(?:dat|het|dit|die|de|een|daar|er)\b",
    r"zullen we",
    r"wie",
    r"welk\b",
    r"welke (?:dag|tijd|datum)",
    r"wat (?:tijd|dag|voor dag)",
    r"gaat het",
    r"alles (?:goed|oké|oke|ok)",
    r"nog (?:iets|wat) (?:anders|meer)",
    r"iets (?:anders|meer)",
    r"sinds wanneer",
)

#: Without a question mark, a clause opening like this is a statement ("toen ik …"): in a
#: Dutch question the verb follows the question word, here a subject does.
BARE_STATEMENT: Final = (
    r"(?:wat|hoe|waar|wanneer|wie|welke|waarom|toen) (?:ik|je|jij|u|we|wij|ze|zij|hij|het|"
    r"dat|mijn|jouw|er|een|de)\b",
    r"(?:maak|voel|schaam|zorg|stel|gedraag|verplaats|concentreer|focus|richt|hou|houd) "
    r"je (?:niet|geen|maar|eens|even|gewoon|goed)\b",
    r"doe (?:dat|het|dit|die|de|een|gewoon|maar|eens)\b",
    r"(?:en )?dan \w+ (?:je|jij|hij|ze|zij|het|we|u|er|die|niemand|niks|iemand)\b",
    # "als er iemand uitvalt, dan ben jij degene die …": a condition, then a statement
    r"(?:als|wanneer|zodra|telkens als|elke keer als) [^,?]{3,60}, dan\b",
)

#: A very short invitation to go on, as the whole turn (one to three of these).
ENCOURAGER: Final = (
    r"m+h*",
    r"m+h+m+",
    r"h+m+",
    r"h+m+h+m+",
    r"pf+",
    r"auw?",
    r"oef",
    r"jeetje",
    r"ja+",
    r"jaja",
    r"oei",
    r"o jee",
    r"ah",
    r"aha",
    r"o",
    r"oh",
    r"en",
    r"en toen",
    r"en verder",
    r"en dan",
    r"en nu",
    r"ga door",
    r"ga verder",
    r"ga (?:je|maar je) gang",
    r"ga maar door",
    r"ga maar verder",
    r"vertel",
    r"vertel verder",
    r"vertel maar",
    r"vertel eens",
    r"vertel eens verder",
    r"zeker",
    r"echt",
    r"ik luister",
    r"nou",
    r"inderdaad",
    r"goh",
    r"tja",
    r"wauw",
    r"zo",
    r"en wat nog meer",
    r"wat nog meer",
    r"nog meer",
    r"verder",
    r"en toen wat",
    r"zeg het maar",
    r"ja en",
)

#: A clause opening like this is a subordinate one: the clause after its comma is no new
#: question ("als je zeker weet dat je gelijk hebt, zeg je er wel wat van").
SUBORDINATE: Final = (r"(?:dus |en |maar )?(?:als|wanneer|toen|omdat|zodra|zolang)",)

#: Question words anywhere in a clause: the open ones ("je voelde je hoe?") and all of them.
OPEN_WORDS: Final = (
    r"wat",
    r"hoe",
    r"waarom",
    r"welke",
    r"waarvoor",
    r"waarover",
    r"waarmee",
    r"hoezo",
)
QUESTION_WORDS: Final = (
    r"wat",
    r"hoe",
    r"waarom",
    r"welke",
    r"wie",
    r"wanneer",
    r"waar\w*",
    r"hoezo",
    r"hoeveel",
)

#: An "of …?" after a question: answer options, or a question of its own.
ALTERNATIVE: Final = (r"of",)

#: A question that only sets a condition ("en als het niet lukt?"): open, with a "?" only.
CONDITIONAL: Final = (r"(?:en )?als\b",)

#: Openings that make a clause a summary even with a question mark ("dus je …?").
SUMMARY_START: Final = (r"dus", r"als ik je (?:goed )?(?:begrijp|hoor)", r"wat ik hoor")

#: The check after a snapshot ("klopt dat?"): part of the snapshot.
SNAPSHOT_CHECK: Final = (
    r"klopt (?:dat|het)(?: zo| een beetje| ongeveer)?",
    r"klopt",
    r"toch",
    r"heb ik (?:dat|het|je) (?:zo )?(?:goed|juist) (?:begrepen|gehoord|gezien|samengevat)?",
    r"heb ik (?:dat|het) goed",
    r"zie ik dat goed",
    r"is dat (?:zo|het)",
    r"begrijp ik je (?:dat )?goed",
    r"hoor ik (?:dat|je) goed",
    r"zeg ik het goed",
    r"herken je (?:dat|jezelf daarin)",
    r"ja",
    r"of niet",
    r"past dat",
    r"zit ik (?:goed|in de buurt)",
)

#: Subjects after an inverted verb: a verb they follow is no imperative ("slaap je wel goed").
SUBJECTS: Final = (r"je", r"jij", r"ik", r"we", r"wij", r"u", r"ze", r"zij", r"hij", r"jullie")

#: The other's words as the helper would say them back ("ik bevroor" -> "je bevroor").
PERSPECTIVE: Final = {
    "ik": "je",
    "me": "je",
    "mij": "jou",
    "mijn": "je",
    "mezelf": "jezelf",
    "mijzelf": "jezelf",
    "m'n": "je",
    "we": "jullie",
    "wij": "jullie",
    "ons": "jullie",
    "onze": "jullie",
    "ben": "bent",
}

#: Second-person openings of a statement that may mirror the other's words.
MIRROR_START: Final = (r"je\b", r"jij\b", r"jouw\b", r"u\b", r"dus\b")

#: Een korte vraag die de vorige naar de ander keert ("en jij?"): een eigen vraag naast de
#: vorige, geen antwoordmogelijkheid.
TURN_BACK: Final = (
    r"(?:en|maar) (?:jij|u|jijzelf|jij zelf)(?: dan)?",
    r"en bij jou",
    r"hoe zit het met jou",
)

#: Words too common to show that a snapshot repeats the other's words (space-separated).
STOPWORDS: Final = (
    "de het een en of maar dus te van in op aan voor met bij uit over naar om als dan is "
    "ben bent zijn was waren wordt word heb hebt heeft had hadden ik je jij u hij zij ze "
    "het we wij jullie me mij hem haar ons hun mijn jouw zijn onze dit dat die deze daar "
    "hier niet geen wel ja nee doe doet deed kan kun kunt kon wil wilt zou zal moet mag "
    "gewoon echt heel ook nog al even wat hoe waarom wie waar wanneer er oké toch maar "
    "zo nu dan eigenlijk"
)
