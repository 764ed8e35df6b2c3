"""Dutch patterns of a summary: how it opens and ends, and the words
that make it a verdict (the same shape as ``summary_en``;
re-exported by ``lexicon_nl``, which holds the other moves).

Every pattern is a regular-expression fragment over *normalised* text (``segment.normalise``).
"""

from __future__ import annotations

from typing import Final

#: Words that put a verdict in a summary: then it is a correction, not a snapshot.
VERDICT: Final = (
    r"\beigenlijk gewoon\b",
    r"\bover je heen\b",
    r"\boverdreven\b",
    r"\boverdrijf\w*",
    r"\bte (?:streng|zacht|gevoelig)\b",
    # "je maakt het te veel": een oordeel; "het wordt je te veel": een gevoel
    r"\b(?:je bent|jij bent|ben je|je maakt het|maak je het|je doet) (?:\w+ )?te (?:veel|hard)\b",
    r"\bvermijd\w*",
    r"\bweg(?:loopt|gelopen|rent|vlucht)\b",
    r"\bgewoon (?:overal|alles|altijd)\b",
    r"\blaat je (?:\w+ ){0,3}(?:gebruiken|afschepen|inpakken|ompraten|ondersneeuwen)\b",
    r"\b(?:ontloop|ontwijk|ontvlucht)\w*\b",
    r"\bnet als (?:vorige|vorig|altijd|elke)\b",
    r"\b(?:aan (?:zijn|haar|hun) lot overgelaten|in de steek (?:ge)?laten|laten vallen|"
    r"afgeschoven)\b",
)

#: Eindes die een zin tot samenvatting maken ("…, als ik je goed begrijp", "…, zo zie jij
#: haar"): aan het eind van een zin.
SNAPSHOT_TAIL: Final = (
    r",? als ik (?:je|jou|het) (?:goed )?(?:begrijp|hoor|versta)",
    r",? (?:is dat|zo) (?:hoe )?(?:zie|ervaar|voel) (?:je|jij) (?:het|haar|hem|ze|dat|dit)",
    r",? (?:klopt dat|heb ik dat goed|begrijp ik dat goed)",
    r",? (?:volgens jou|in jouw ogen|zoals jij het ziet|zo zie jij het)",
    r"(?<=\w) dus",  # "schaamte dus": the other's word, named back
)

#: Openings of a summary of what the other said or shows.
SNAPSHOT_OPENER: Final = (
    r"(?:dat|het|dit) klinkt\b",
    r"dus (?:\d|als|wanneer)",
    r"(?:je|jij) (?:vindt|vind|denkt|wilt|wil|concludeert|blijft)\b",
    r"dus (?:jij|je|u|het|wat|eigenlijk|als ik|aan de ene kant|enerzijds|ze|hij|zij|jullie|er|de|"
    r"een|jouw)",
    r"als ik je (?:goed )?(?:begrijp|hoor|beluister|versta)",
    r"als ik het (?:goed )?(?:begrijp|hoor|samenvat)",
    r"je zegt\b",
    r"je zei\b",
    r"jij zegt\b",
    r"wat ik (?:hoor|zie|begrijp)",
    r"ik hoor (?:je|jou|dat)",
    r"ik zie (?:je|jou|dat je)",
    r"het klinkt (?:alsof|als|dat)",
    r"klinkt\b(?! (?:goed|prima|top|mooi|fijn|leuk|slim|als een plan|logisch|redelijk)\b)",
    r"je voelt je\b",
    r"je bent (?:moe|boos|verdrietig|bang|bezorgd|onzeker|teleurgesteld|gefrustreerd|uitgeput|op|"
    r"verscheurd|in de war|zoekende|aan het twijfelen)",
    r"je twijfelt\b",
    r"je vindt (?:het|dat)",
    r"je merkt\b",
    r"je wil(?:t)? (?:graag|eigenlijk)",
    r"samengevat",
    # "en daarna voel je je rot", "en dat doet pijn": wat er voor de ander op volgt, benoemd
    r"(?:daarna|toen|achteraf|en daarna|en dan) (?:voel|vind|denk|baal|schaam|twijfel|pieker) je\b",
    r"(?:dat|het) (?:doet (?:je )?(?:pijn|zeer)|raakt je|knaagt)\b",
    r"(?:je|jij) \w+ dus\b",  # "je slaapt dus bijna niet"
    r"(?:het )?lijkt (?:wel )?(?:alsof|of)\b",
    # "dus maanden nachtdiensten en geen weekend": elke bewering die met "dus" opent en niets
    # vraagt of voorstelt (vragen en advies worden eerder gelezen)
    r"dus\b(?!,? (?:wat|hoe|waarom|wie|waar|wanneer|welke|ben|heb|kun|kan|wil|zou|moet|ga|laten|"
    r"probeer|misschien|nou|ja|oke|ok)\b)",
    r"kortom",
    r"even (?:samenvatten|kijken of ik)",
    r"je vertelt\b",
    r"je vertelde\b",
    r"je noemt\b",
    r"je noemde\b",
    r"je beschrijft\b",
    r"aan de ene kant",
    r"enerzijds",
    r"een deel van je",
    r"het lijkt alsof",
    r"je maakt je zorgen",
    r"je hebt het gevoel",
    r"je zit (?:er )?(?:mee|vast|klem)",
    # Algemene vormen: een benoemd gevoel of toestand van de ander ("je lijkt", "dat moet … zijn").
    r"(?:dat|het|dit) moet (?:wel |echt |best |toch |heel |erg |ontzettend |behoorlijk |nogal |zo "
    r")*\w+ (?:zijn|voelen|geweest|voelen)\b",
    r"moet (?:wel |echt |best |toch |heel |erg |ontzettend |behoorlijk |nogal )*\w+ (?:zijn|"
    r"geweest|voelen)\b",
    r"(?:dat|het|dit) lijkt me\b(?! (?:goed|beter|slim|verstandig|handig|een goed|een idee|een "
    r"optie)\b)",
    r"lijkt me\b(?! (?:goed|beter|slim|verstandig|handig|een goed|een idee|een optie)\b)",
    r"(?:je|jij|u) (?:lijkt|klinkt|oogt)\b",
    r"(?:het|dat) voelt (?:alsof|als|dat|voor jou)\b",
    r"(?:je|jij|u) (?:baalt|balt|worstelt|twijfelt|piekert|vraagt je af|zoekt|mist|schaamt|ergert|"
    r"irriteert|voelt|merkt|ziet (?:er )?tegenop|draagt|loopt|staat|weet|durft|hebt|heb|zit|maakt "
    r"je|vindt|vind|wilt|wil|hoopt|wenst|gelooft|verwacht|denkt|snapt|begrijpt|ervaart|krijgt|"
    r"houdt|blijft)\b",
    r"(?:je|jij|u) bent (?:erg |heel |zo |echt |best |nogal |een beetje |wat |behoorlijk |ook |"
    r"nog )?(?:moe|boos|verdrietig|bang|bezorgd|onzeker|teleurgesteld|gefrustreerd|uitgeput|op|"
    r"verscheurd|in de war|zoekende|aan het|eenzaam|zenuwachtig|gespannen|overweldigd|geïrriteerd|"
    r"geirriteerd|geraakt|gekwetst|beschaamd|schuldig|radeloos|wanhopig|er klaar mee|klaar mee|"
    r"het zat|kapot|leeg|opgebrand|overbelast|trots|opgelucht|ongerust|nerveus|jaloers|alleen|"
    r"bezig|gestrest|verward|verbaasd|geschrokken|van slag|ontdaan|klaar met|moe van|bang dat|"
    r"bang om|niet zeker)\b",
    r"dus (?:vooral|eigenlijk|het|daar|die|dat|nu|op dit moment|ergens|enerzijds)\b",
    r"in (?:andere|jouw) woorden",
    r"wat (?:je|jij) (?:zegt|bedoelt|vertelt|beschrijft) is\b",
    r"je bedoelt\b",
    r"ik (?:kan me (?:voorstellen|indenken)|stel me voor)\b",
    r"(?:je|jij) (?:hebt|heb) (?:het|er) (?:\w+ )?(?:zwaar|moeilijk|lastig|druk|gevoel|moeite|"
    r"genoeg|veel)\b",
    r"(?:je|jouw|jou) (?:grootste |echte |belangrijkste )?(?:zorg|angst|vraag|twijfel|probleem|"
    r"wens|frustratie|dilemma|gevoel) is\b",
    r"dus\b",
    r"een deel van (?:jou|je)\b",
    r"(?:je|jouw) (?:hoofd|gevoel|hart|verstand|lijf|lichaam|buik) (?:zegt|wil|weet|voelt|vertelt|"
    r"is)\b",
    r"(?:je|jouw|het|de|dat|die) \w+ (?:vind|wil|mis|zie|ken|haat|doe) (?:je|jij)\b",
    r"alsof\b",
)
