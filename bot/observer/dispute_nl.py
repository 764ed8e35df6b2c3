"""Dutch patterns of disputing the other's view (the same shape as ``dispute_en``): flat
denials, reframes ("dat is geen zeuren, dat is …"), sweeping claims of the other that new
evidence answers, and the shapes of such evidence.

Every pattern is a regular-expression fragment over *normalised* text (``segment.normalise``).
"""

from __future__ import annotations

from typing import Final

#: Dutch chat spelling needs no respelling before reading (the abbreviations do it).
RESPELL: Final[tuple[tuple[str, str], ...]] = ()

#: Een hele zin die alleen ontkent ("nee joh", "klopt niet", "welnee"): na een bewering van de
#: ander is het een correctie (na een vraag een antwoord).
FLAT_DENIAL: Final = (
    r"(?:haha |hmm |eerlijk gezegd |oh |ach )*(?:nee+|nee joh|welnee|neuh|nope|echt niet|"
    r"helemaal niet|klopt niet|dat klopt niet|niet waar|onzin|kletskoek|flauwekul|ben ik niet "
    r"met je eens|daar ben ik het niet mee eens|dat betwijfel ik|ik weet het zo net nog niet|"
    r"nee hoor|zeker niet|absoluut niet|dus nee|nou nee|(?:daar )?geloof ik (?:echt )?(?:niks|"
    r"niets|geen bal|geen snars) van|dat denk ik niet|juist wel|tuurlijk wel|natuurlijk wel|"
    r"toch wel|wel degelijk|helemaal niet(?: mee eens)?|(?:nee, )?(?:helemaal )?niet mee eens)",
)

#: De zorg van de ander over wat komen gaat ("ik ben bang dat …"): een "nee" erop troost.
WORRY: Final = (r"\b(?:bang|bezorgd|zorgen|wat als|zenuwachtig|ongerust|angst|nerveus)\b",)

#: Troost op een zorg: het is gewoon, het gaat over, het komt goed, we doen het samen.
COMFORT: Final = (
    r"\b(?:iedereen|de meeste mensen|meestal|weleens|bijna altijd|niemand (?:gaat|zal)|gaat "
    r"(?:wel |vast |heus )?goed|komt (?:wel |vast |heus )?goed|samen|went|waait (?:wel )?over|"
    r"trekt (?:wel )?bij|gaat (?:wel )?over|wordt (?:wel )?makkelijker|ga je (?:prima|wel|best|"
    r"heus)|kan je (?:prima|wel|best)|kun je (?:prima|wel|best))\b",
)

#: Een herformulering of een oordeel over de kijk van de ander.
REFRAME: Final = (
    r"\b(?:is|was) (?:het |dat )?geen\b[^,.?!]{1,40}[,.] (?:het is|dat is|het was|dat was|je bent|"
    r"het betekent|dat betekent)\b",
    r"\b(?:is|was) (?:het |dat )?niet\b[^,.?!]{1,40}[,.] (?:het is|dat is|het was|dat was|"
    r"je bent)\b",
    r"\b(?:maakt|maken|betekent|zegt|bewijst) (?:je|jou|jij)? ?(?:nog )?(?:geen|niet|niks|niets)\b",
    r"\bde \w+ (?:die )?(?:praat|spreekt)\b",
    r"\bjij noemt het\b",
    r"\bik (?:zou|noem) (?:het|dat) (?:eerder|anders|niet)\b",
    r"\bbestaat (?:helemaal )?niet\b",
    r"\b(?:geen|niks) schande\b",
    r"\bgeen domme vra\w+\b",
    r"\b(?:is|was) (?:wat |een beetje )?overdreven\b",
    r"\b(?:zegt|zeggen) (?:iets )?anders\b",
    r"\bheb(?:t|ben)? (?:dat|het) (?:mis|fout)\b",
    r"\b(?:is|was) (?:niet )?(?:jouw|je) (?:schuld|falen|probleem)\b",
    r"\bniet (?:jouw|je) (?:schuld|falen|probleem)\b",
    r"\b(?:luie|saaie|slechte|waardeloze|domme|zwakke) \w+ (?:doen|zouden|liggen|maken|hebben) "
    r"(?:\w+ )?(?:niet|geen|nooit)\b",
    r"\bals (?:het )?je (?:echt )?niet(?: \w+){1,8},? (?:dan )?(?:had|zou|was) je\b",
    r"\bik heb (?:het )?(?:nagekeken|gecheckt|gekeken)\b",
    r"\bik ben het met (?:haar|hem|ze) eens\b",
    # "te lief is het niet", "dom ben je niet", "flexibel vind ik het niet meer": het woord
    # van de ander vooraan, en dan ontkend
    r"^(?:\w+ ){1,2}(?:is het|is dat|ben je|vind ik het|vind ik dat|was het|was dat) (?:\w+ )?"
    r"(?:niet|geen)\b",
    r"\b(?:zegt|zeggen) (?:toch |echt )?(?:niks|niets) over\b",
    r"\bheeft (?:er )?(?:niks|niets) (?:mee )?te maken\b",
    r"\bkomt (?:echt |gewoon )?niet door (?:jou|jouw|je)\b",
    r"\b(?:is|ziet er) (?:echt |heel |toch )?(?:wat )?anders(?: uit)?$",
    r"\b(?:is|was) (?:gewoon |echt |toch )?niet (?:ok|oké|oke|okay|normaal|eerlijk)\b",
    r"\b(?:onderschat je jezelf|je onderschat jezelf|groter dan (?:het|dat) is|over je grenzen|"
    r"wel degelijk)\b",
    r"\b(?:misschien|ok|oké|oke|snap ik|begrijp ik|klopt|tuurlijk|goed bedoeld \w+),? maar\b"
    r".{0,80}\b(?:niet|geen|wel|gewoon)\b",
    r"^\w+ of niet,",
    r"\bdat geloof je zelf (?:toch )?(?:ook )?niet\b",
)

#: Een vraag die betwist in plaats van vraagt ("sinds wanneer is …", "… hoe precies?").
RHETORICAL: Final = (
    r"\bhoe (?:dan )?precies\??$",
    r"\bwie (?:zegt|bepaalt|besliste|heeft bepaald) dat\b",
    r"\bis (?:dat|het) (?:nou |nu )?echt zo (?:erg|erg dan|vreselijk)\b",
)

#: Een vraag die vanuit een ontkenning begint of "toch" draagt ("heb je toch al eens …?",
#: "was jij het niet die …"): met nieuw bewijs na een bewering houdt ze dat bewijs voor.
NEGATIVE_QUESTION: Final = (
    r"(?:maar )?(?:heb|hebt|had|was|ben|deed|zei|kreeg|gaf|stond) (?:je|jij|ze|hij) "
    r"(?:toch|niet)\b",
    r"(?:maar )?(?:je|jij) (?:hebt|had|was|bent|deed|zei|kreeg|gaf|stond) toch\b",
)

#: Een algemene bewering van de ander ("iedereen vindt …", "niemand merkt", "ik ben de
#: slechtste"): nieuw bewijs ertegen is een correctie.
CLAIM: Final = (
    r"\b(?:altijd|nooit|niemand|iedereen|allemaal|de enige|de slechtste|de domste|geen zin|"
    r"haat me|hekel aan me|vindt me|vinden me|denkt dat ik|denken dat ik|ziet me|zien me)\b",
    r"\bik ben (?:gewoon |zo |echt |gewoon echt |waarschijnlijk )?(?:een |zo'n )?(?:\w+ )?"
    r"(?:mislukking|bedrieger|loser|sukkel|gevaar|last|grap|ramp|zeur|zeurpiet)\b",
    r"\bik ben (?:gewoon |zo |echt )?(?:traag|lui|saai|kapot|dom|stom|zwak|oud|waardeloos|"
    r"irritant|slecht|onprofessioneel|incompetent)\w*\b",
    r"\bmijn (?:eigen )?schuld\b",
    r"\bik ben \w+er dan\b",
    r"\b(?:verdien|hoor) (?:\w+ )?(?:het |dat |hier )?niet\b",
    r"\b(?:niet geschikt|niet goed genoeg|geen talent|niet het type|niet in me)\b",
)

#: Nieuw bewijs in een bewering: een daad van de ander (of iemand) in het verleden, een getal,
#: een tijd.
EVIDENCE: Final = (
    r"\b(?:je|jij|ze|zij|hij|jullie) (?:hebt|heeft|hebben|had|hadden) (?:\w+ ){0,5}ge\w+\b",
    r"\b(?:je|jij|ze|zij|hij) (?:\w+ )?(?:was|waren|deed|kreeg|gaf|nam|haalde|leidde|leerde|"
    r"legde|ving|zag|zei|vroeg|stuurde|bracht|hielp|vond|won|maakte|schreef|stond|bleef|"
    r"bedankte|koos|belde|merkte|regelde|runde|draaide|werkte)\b",
    r"\b\d+\b",
    r"\b(?:vorige|vorig|deze) (?:week|maand|jaar|keer|nacht|dienst|zomer|winter|maandag|dinsdag|"
    r"woensdag|donderdag|vrijdag|zaterdag|zondag)\b",
    r"\b(?:gisteren|geleden|twee keer|drie keer|letterlijk|vanochtend|vanmiddag)\b",
)

#: Woorden die een samenvatting tot oordeel maken: zonder slag of stoot, wéér, in plaats van.
VERDICT: Final = (
    r"(?:\bzonder (?:slag of stoot|het te proberen|iets te zeggen)|\bvoordat je (?:het )?ook maar|"
    r"\bterwijl je (?:net|zelf|eerder)|\bnet als (?:in|vorige|de vorige|toen)|wéér|\bin plaats "
    r"van|\balweer)\b",
)
