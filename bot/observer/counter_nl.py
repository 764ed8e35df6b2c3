"""Dutch patterns of counter-evidence: what backs a correction up (an earlier time, a past
success, a minimising "gewoon"), how the other doubts themselves, and correction forms that
hold up such evidence (the same shape as ``counter_en``; re-exported by ``lexicon_nl``).

Every pattern is a regular-expression fragment over *normalised* text (``segment.normalise``).
"""

from __future__ import annotations

from typing import Final

#: Bewijs uit het eigen verleden van de ander: een eerdere keer, een herhaling, een eerder
#: succes ("vorige week kreeg je …"). Nadat de ander aan zichzelf twijfelde is het correctie.
PAST_EVIDENCE: Final = (
    r"\b(?:al eens|eerder|vorige|vorig|gisteren|geleden|vaker|zo vaak|al vaak|toen al|in "
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december))\b",
    r"\b(?:je|jij|ze|hij|zij|jullie) (?:hebt|heeft|heb|hebben) (?:\w+ ){0,4}ge\w+(?:d|t|en)\b",
    r"\b(?:heb|hebt|heeft|hebben) (?:je|jij|ze|hij|zij|jullie) (?:\w+ ){0,4}ge\w+(?:d|t|en)\b",
    r"\b(?:zwaarder|erger|moeilijker|lastiger|groter)\w*\b",
    # "… en dan haal je hem toch": wat er daarna telkens wel lukt
    r"\b(?:en|maar) dan \w+ (?:je|jij) (?:\w+ )?(?:toch|wel|gewoon)\b",
)

#: Een eigen succes van de ander ("je hebt het gehaald", "kreeg je haar rustig"), of een eerdere
#: keer tegen de twijfel in ("dat zei je vorige keer ook, maar …"): tegen hun zelftwijfel in is
#: het een correctie; alleen een tijd ("je draagt dit al maanden") niet.
SUCCESS: Final = (
    r"\b(?:gehaald|gelukt|geflikt|gered|overleefd|afgemaakt|volbracht|doorstaan|opgelost|"
    r"rechtgezet|haalde|lukte|redde|overleefde|doorstond|loste)\b",
    r"\b(?:kreeg|kreeg je|heb je|hebt) (?:\w+ ){0,5}(?:rustig|zover|om|mee)\b",
    r"\b(?:en|maar) dan \w+ (?:je|jij) (?:\w+ )?(?:toch|wel|gewoon)\b",
    r"\b(?:vorige|vorig|eerder|al eens)\b.{0,60}\b(?:maar|en toch|toch)\b",
    r"\b(?:maar|en toch)\b.{0,60}\b(?:vorige|vorig|eerder|al eens)\b",
)

#: Tegenbewijs voor een tag ("…, toch?"): het verleden van de ander, of een minimaliserend
#: "gewoon"; zonder dat oordeelt een tag niet ("dat is balen, he").
COUNTER_EVIDENCE: Final = (
    *PAST_EVIDENCE,
    # "je bent gewoon moe, toch?": het minimaliseert een toestand
    r"\b(?:je bent|jij bent|ben je|het is|dat is|het was|dat was|was je) (?:\w+ )?(?:gewoon|"
    r"eigenlijk|alleen maar|maar gewoon)\b",
)

#: De ander twijfelt aan of oordeelt over zichzelf ("ik ben er niet klaar voor", "ik kan niet
#: met …", "ik had het moeten zien"): bewijs ertegen is een correctie.
SELF_DOUBT: Final = (
    r"\bik (?:ben|was) (?:gewoon |zo |echt |helemaal |nog )?(?:niet|geen|nooit|slecht|waardeloos|"
    r"dom|te|de reden|de schuld|een slechte|zo'n slechte)\b",
    r"\bik (?:kan|kon|mag) (?:\w+ )?(?:niet|nooit)\b",
    r"\bik (?:had|heb) .{0,30}\b(?:moeten|mogen|kunnen)\b",
    r"\b(?:niemand|geen mens) (?:zou|zal|vindt|mist|merkt|luistert)\b",
    r"\b(?:dat|het) was (?:gewoon )?(?:geluk|toeval|makkelijk|niks|niets)\b",
)

#: Een ontkenning in de eerste persoon en de woorden die ze ontkent ("ik ben er niet klaar
#: voor"): die woorden zonder ontkenning teruggeven ("je bent er klaar voor") spreekt haar tegen.
SELF_DENIAL: Final = (
    r"\bik (?:ben|was) (?:\w+ )?(?:niet|geen|nooit)((?: \w+){1,3})",
    r"\bik (?:kan|mag|kon) (?:\w+ )?(?:niet|nooit)((?: \w+){1,3})",
)

#: Een ontkend woord als feit over de ander teruggeven ("je bent er wel klaar voor", "je mag").
AFFIRMATION: Final = (
    r"\b(?:je|jij) (?:bent|kan|kunt|mag|hebt|deed|was|kon) (?:het |er |dat )?(?:wel |echt |"
    r"heus |zeker |absoluut |juist |toch |best )?",
)

#: Correctievormen die tegenbewijs of een oordeel aandragen.
CORRECTION: Final = (
    r"\b(?:dat|het|dit) (?:is|was) (?:toch )?(?:nauwelijks|amper|bijna niet)\b",
    r"\b(?:een|één|1) \w+ (?:zegt|bepaalt|bewijst) (?:toch )?(?:niks|niets|niet)\b",
    r"\b(?:dat|het) weet je (?:toch |helemaal |echt |nog )*niet\b",
    r"\b(?:dat|het) (?:vertelde|zei) je (?:me |mij )?(?:toch )?zelf\b",
    r"\been (?:slechte|luie|waardeloze|egoïstische|egoistische) \w+ (?:zou|doet|maakt|ligt) "
    r"(?:zich )?(?:\w+ )?(?:niet|geen|nooit)\b",
    r"\bdan je (?:haar|hem|ze|jezelf) (?:credit )?geeft\b",
    r"\bis (?:haar|zijn|hun) (?:taak|werk|verantwoordelijkheid|probleem),? niet (?:die van jou|de "
    r"jouwe|jouw)\b",
)

#: Woorden die een samenvatting tot oordeel maken: een dubbele maat, de schuld elders leggen.
VERDICT: Final = (
    r"\btelt (?:het )?(?:dus )?alleen(?: maar)? als\b",
    # "dus het gemak van de specialist ging voor je patiënt": iets anders ging voor
    r"(?<!je )(?<!jij )(?<!ik )\b(?:ging|gingen) (?:\w+ )?voor (?:je|jouw|de|het|haar|zijn) "
    r"(?:\w+ )?(?:patiënt|patient|cliënt|client|team|leerling|kind|kinderen|werk|gezondheid|"
    r"zorg)\w*\b",
    r"\bals .{3,40}\bis het \w+ en als\b",
    r"\b(?:en|maar) niet bij (?:jou|jezelf|hoe|wat)\b",
)
