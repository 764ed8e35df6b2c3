"""Dutch patterns of the helper's own voice: their own story, reassurance and correction
(the same shape as ``voice_en``; re-exported by ``lexicon_nl``, which holds the other moves).

Every pattern is a regular-expression fragment over *normalised* text (``segment.normalise``),
found anywhere in a clause. Each is a general form of the move (first person plus past or
experience; comforting, minimising, normalising, promising; contradicting or judging), not a
sentence of the labelled set.
"""

from __future__ import annotations

from typing import Final

#: The helper's own experience.
OWN_STORY: Final = (
    r"\bik (?:had|heb) (?:dat|het|dit|hetzelfde|zoiets|iets dergelijks|precies) (?:ook|zelf|eens|"
    r"toen)",
    r"\bik heb (?:dat|het|dit|zoiets) (?:ook |zelf )?(?:gehad|meegemaakt)",
    r"\b(?:dat|dit|zoiets) (?:had|heb) ik (?:ook|zelf|toen|eens)",
    r"\btoen ik\b",
    r"\bbij mij (?:was|is|ging|werkte|hielp|thuis)",
    r"\bik ken dat\b",
    r"\bherkenbaar\b",
    r"\bik herken (?:dat|het)",
    r"\bik weet nog (?:dat|toen|hoe)",
    r"\bin mijn (?:ervaring|vorige baan|eerste jaar|tijd|geval|eigen)",
    r"\bmijn (?:moeder|vader|man|vrouw|partner|zoon|dochter|baas|collega|zus|broer|vriend|"
    r"vriendin|kinderen|kind|leidinggevende|team|buurvrouw|buurman) (?:had|deed|was|heeft|is|zei|"
    r"ook)\b",
    r"\bik ook\b",
    r"\bzelf had ik\b",
    r"\bik heb ooit\b",
    r"\bik deed (?:toen|dat|het|ook)",
    r"\bik heb ook (?:een|zo)",
    r"\bik heb zelf\b",
    r"\bwat ik (?:toen |zelf )?deed\b",
    r"\bwat mij (?:hielp|heeft geholpen)",
    r"\bmij hielp\b",
    r"\bik was (?:toen|ook|vroeger)\b",
    r"\bvroeger (?:had|deed|was) ik\b",
    r"\bik had ooit\b",
    r"\bik heb dat ook\b",
    r"\bik zat (?:ook|toen)",
    r"\bik worstelde\b",
    r"\b(?:had|deed|was) ik (?:precies |ook |toen |zelf )*(?:zo|ook|dat|hetzelfde)\b",
    r"\bik ben zelf\b",
    r"\btoen mijn\b",
    r"\bvan mij\b",
    r"\b(?:had|deed|was|heb) ik\b.{0,25}\book\b",
    r"\bik \w+ toen\b",
    r"\bvan mij ook\b",
    r"\bik had\b.{0,30}\book\b",
    r"\bmijn (?:eerste|tweede|oude|vorige) (?:afdeling|baan|team|jaar|keer|stage|week|werk|"
    r"maanden?)\b",
    r"\bik weet nog goed\b",
    r"\bbij mij (?:\w+ )?(?:deed|had|was|ging)\b",
    # Algemene vormen: ik plus verleden of ervaring, en de eigen mensen van de helper.
    r"\b(?:mijn|m'n) (?:eigen )?ervaring\b",
    r"\buit (?:eigen )?ervaring\b",
    r"\bik (?:had|heb) (?:precies |ook |zelf |toen |ooit |vroeger |vorig jaar |een keer |eens |"
    r"net )*(?:hetzelfde|zoiets|iets dergelijks|iets vergelijkbaars|precies zo|net zo|dat ook|een "
    r"vergelijkbare|dezelfde|zo'n)\b",
    r"\bik (?:heb|had) (?:\w+ ){0,3}(?:ook|zelf|ooit|vroeger|toen|destijds|jaren|jarenlang|vorig "
    r"jaar|een keer|eens) (?:\w+ ){0,5}(?:ge\w{3,}|meegemaakt|doorgemaakt|ervaren|overwogen|"
    r"verloren)\b",
    r"\bik (?:was|zat|stond|deed|werkte|voelde|worstelde|liep|kreeg|moest|wist|durfde|had|dacht|"
    r"piekerde|sliep|twijfelde|schaamde) (?:\w+ ){0,3}(?:ook|toen|vroeger|destijds|jaren|"
    r"jarenlang|vorig jaar|een keer|eens|zelf)\b",
    r"\b(?:overkwam|gebeurde|overkomt|gebeurt) (?:mij|me)\b",
    r"\b(?:mij|me) (?:ook |toen |een keer |eens |ooit |vroeger |zelf )*(?:overkomen|gebeurd)\b",
    r"\bik (?:zat|stond|was|heb gezeten|heb gestaan) (?:\w+ ){0,3}in (?:precies )?(?:dezelfde|"
    r"hetzelfde|zo'n|een vergelijkbare|een soortgelijke|jouw|die|een zelfde|exact dezelfde)\b",
    r"\b(?:in|op|bij) (?:mijn|m'n) (?:vorige|oude|eerste|vroegere|laatste|toenmalige|eigen) "
    r"(?:\w+ )?(?:baan|werk|team|afdeling|school|stage|praktijk|bedrijf|job|functie|opleiding)\b",
    r"\bbij (?:ons|mij) (?:op (?:de|het|mijn|m'n) \w+|thuis|vroeger|toen|destijds)\b",
    r"\b(?:ken|herken) ik (?:wel|ook|goed|zo|maar al te)\b",
    r"\bik (?:ken|herken) (?:dat|het|dit|die|zo'n) (?:gevoel|wel|ook|zo|goed|maar al te)\b",
    r"\b(?:jaren|maanden|weken) geleden (?:had|was|deed|zat|heb|ben) ik\b",
    r"\bvorig (?:jaar|e week|e maand) (?:had|was|deed|zat|heb|ben) ik\b",
    r"\bvroeger (?:had|deed|was|ging|werkte|zat|vond|moest|dacht|kon|durfde) ik\b",
    r"\bik heb (?:ooit |ook |zelf )?(?:een keer|eens|ooit|vroeger|destijds)\b",
    r"\b(?:mijn|m'n) (?:\w+ )?(?:moeder|vader|man|vrouw|partner|zoon|dochter|baas|collega|zus|"
    r"broer|vriend|vriendin|kinderen|kind|leidinggevende|team|buurvrouw|buurman|ouders|oma|opa|"
    r"mentor|begeleider|stagiair|patiënt|client|cliënt|leerling)s? (?:ging|kreeg|werd|zat|moest|"
    r"liep|had ook|heeft ook|heeft dat|had dat|deed dat|worstelde|maakte|raakte|verloor)\b",
    r"\b(?:een|die) (?:\w+ )?(?:patiënt|patient|cliënt|client|leerling|collega|stagiair|student|"
    r"vriendin|vriend) van mij\b",
    r"\bik heb (?:dat|het|dit|zoiets|hetzelfde) (?:\w+ ){0,2}(?:gehad|meegemaakt|gedaan|"
    r"doorgemaakt|ervaren)\b",
    r"\btoen ik\b",
    # De ik-persoon vertelt over vroeger: "ik" met een verleden tijd, niet over dit gesprek
    # ("ik vroeg", "ik hoorde je", "ik bedoelde" gaan over nu).
    r"\bik (?:(?:ook|toen|vroeger|zelf|altijd|echt|gewoon|eerst|nog|pas|destijds|ooit|daarna|dan|"
    r"net|precies|zo|eigenlijk|juist|wel|niet|nooit|dus|eens|meteen|uiteindelijk) "
    r"){0,3}(?!(?:vroeg|bedoelde|hoorde|merkte|begreep|dacht|vroeg me af|wilde|las|"
    r"zag)\b)(?:\w{2,}(?:de|te)|was|had|zat|ging|kwam|deed|vond|schreef|wist|kreeg|liep|sliep|"
    r"moest|kon|durfde|zei|hield|bleef|werd|stond|nam|gaf|viel|vergat|begon|koos|reed|vocht|sprak|"
    r"brak|lag|zweeg|verloor|verhuisde|zakte|slaagde)\b(?! (?:\w+ )?(?:je|jij|jou|jouw|u|dat je|"
    r"wat je|of je)\b| (?:benieuwd|begrepen|nieuwsgierig|een vraag|even|al)\b)",
    r"\b(?:had|was|zat|ging|deed|kwam|kreeg|moest|werkte|vond|liep|durfde) ik\b(?! (?:\w+ )?(?:je|"
    r"jij|jou|jouw|u)\b)",
    r"\bik (?:heb|ben) (?:\w+ ){0,6}?(?!(?:begrepen|gehoord|gezien|gemerkt|gelezen|genoteerd|"
    r"opgeschreven|gevraagd|benieuwd)\b)(?:ge\w{3,}|\w{2,}(?:ge|be|ver|over|door|op|uit|in|mee|af|"
    r"aan|ont|her|er)\w*(?:d|t|en)|verhuisd|gezakt|vergeten|ontslagen|begonnen)\b(?! (?:\w+ "
    r")?(?:dat je|wat je|hoe je|je|jij|jou|u)\b)",
    r"\bik ben (?:precies |net |ook |helemaal )*(?:hetzelfde|zo|net zo)\b",
    r"\bheb ik (?:ook|zelf|toen|vroeger|ooit|eens)\b",
    r"\bwe (?:\w+ ){1,5}(?:vroeger|destijds|jaren geleden|bij mij|op mijn (?:oude|vorige|"
    r"eerste))\b",
    r"\b(?:mijn|m'n) (?:\w+ )?(?:ouders|moeder|vader|man|vrouw|partner|baas|familie) (?:wilden|"
    r"wilde|vonden|vond|zeiden|zei|verwachtten|dachten)\b",
    r"\bik heb (?:\w+ ){0,4}(?:moeten|kunnen|willen|durven) \w+\b(?! (?:\w+ )?(?:je|jij|jou|u)\b)",
    r"\b(?:de|het) mijne (?:deed|was|had|ging|kreeg)\b",
    r"\b(?:mijn|m'n) (?:\w+ )?(?:oma|opa|tante|oom|neef|nicht|schoonmoeder|schoonvader|ex|"
    r"grootmoeder|grootvader|hond|kat|stiefmoeder|stiefvader) (?:had|deed|was|ging|kreeg|werd|"
    r"heeft ook|had ook|is ook|overleed)\b",
    r"\bde eerste keer (?:dat |toen )?ik\b",
    r"\b(?:mijn|m'n) (?:allereerste|eerste) \w+ (?:was|waren|ging|weet ik|vergeet ik|had ik|deed "
    r"ik)\b",
    r"^(?:zelfde|hetzelfde|idem)(?: hier| bij mij)?$",
    r"\b(?:als|toen ik) (?:nieuweling|student|studente|stagiair|stagiaire|beginner|co-assistent|"
    r"coassistent|starter|jonge \w+|nieuwe \w+|leerling|moeder|vader|ouder)\b.{0,40}\b(?:ik|heb "
    r"ik|had ik|was ik|deed ik)\b",
)

#: Comforting, minimising, promising it will be fine.
REASSURANCE: Final = (
    r"\bkomt (?:\w+ )?(?:\w+ )?goed\b",
    r"\bgeen zorgen\b",
    r"\bmaak je (?:maar |nou |niet zo'?n )?geen zorgen",
    r"\bniet (?:zo )?(?:piekeren|druk maken|ongerust)",
    r"\bniks aan de hand\b",
    r"\bniets aan de hand\b",
    r"\b(?:dat|het|dit) is (?:heel |helemaal |best |toch |echt |gewoon |ook |zo )*(?:normaal|"
    r"logisch|begrijpelijk|menselijk|niet erg|niet zo erg|oké|prima|niet gek)\b"
    # "dat is niet erg duidelijk": "erg" is "very" before an adjective
    r"(?! \w+(?:ig|lijk|baar|isch|ief)\b| (?:duidelijk|handig|goed|slim|fijn|leuk|veel|groot|"
    r"sterk|slecht|lang|moeilijk|makkelijk|zinvol|nuttig)\b)",
    r"\bheel (?:normaal|logisch|begrijpelijk|menselijk)\b",
    r"\b(?:dat|het) overkomt iedereen\b",
    r"\b(?:iedereen|ieder) (?:heeft|voelt|doet|maakt|kent|worstelt|twijfelt)",
    r"\bdat heeft iedereen\b",
    r"\bje (?:kunt|kan) (?:dit|het|dat)(?: echt| best| heus| wel)?\s*(?:$|[.!,])",
    r"\b(?:dat|het) (?:lukt|gaat) (?:je |jou )?(?:vast |heus |zeker |echt )?(?:wel|lukken)\b",
    r"\bje (?:gaat het|redt het|komt er) (?:vast |heus |zeker |echt )?(?:wel )?(?:redden|wel|uit|"
    r"doorheen)?",
    r"\bhet valt (?:vast |heus |best |echt )?(?:wel )?mee\b",
    r"\bvalt (?:wel |best )?mee\b",
    r"\bhet is maar\b",
    r"\b(?:het|dat) gaat (?:vast |heus |echt |zeker )?(?:wel )?over\b",
    r"\bniet het einde van de wereld\b",
    r"\bkop op\b",
    r"\bje doet het (?:hartstikke |heel |super |echt |best |prima )?(?:goed|prima)\b",
    r"\bik weet (?:zeker|het zeker) dat\b",
    r"\bik ben (?:ervan )?overtuigd\b",
    r"\bvast wel\b",
    r"\bheus wel\b",
    r"\bsterkte\b",
    r"\bje bent (?:echt |heus |zeker |ook )*niet de enige\b",
    r"\bje staat er niet alleen",
    r"\bzit wel snor\b",
    r"\bdat gaat (?:je )?(?:vast |zeker )?(?:wel )?lukken",
    r"\bdat loopt (?:vast |wel )*goed af",
    r"\bniet (?:zo )?druk\b",
    r"\bkijk (?:mij|me|naar mij) (?:nu|eens)\b",
    r"\bgeen probleem\b",
    r"\b(?:je )?hoeft (?:je )?(?:echt )?(?:geen|niet) (?:sorry|excuses|te verontschuldigen)",
    r"\boverkomt (?:ons|iedereen|jullie)",
    r"\bniet (?:zo )?zorgen\b",
    r"\bwent (?:wel |vanzelf|snel)",
    r"\bje bent (?:ook )?maar een mens\b",
    r"\boverkomt ieder",
    r"\bdat is wat telt\b",
    r"\bdat hoeft (?:echt |helemaal )?niet\b",
    r"\b(?:dat|het) gaat (?:hier |echt |heus )*niet gebeuren\b",
    # Algemene vormen: "geeft niks", "niet erg", normaliseren ("komt vaak voor"), niet de enige.
    r"\bgeeft (?:toch |helemaal |echt |ook )?(?:niks|niet|niets)\b(?! (?:om|mee|aan|op|veel)\b)",
    r"\bmaakt (?:toch |helemaal |echt |ook )?(?:niks|niet|niets) uit\b",
    r"\bniet (?:zo )?erg(?:\s*$|(?= (?:hoor|joh|als|dat|om|hè|he|toch)\b)|(?=,))",
    r"\bhelemaal niet erg\b",
    r"\bgeen (?:punt|ramp|schande|probleem|drama|man overboord)\b",
    r"\b(?:overkomt|gebeurt|kan) (?:\w+ )?(?:de beste|iedereen|ieder\w*|ons allemaal|ons allen|"
    r"veel mensen|de meeste mensen|zoveel mensen|zo veel mensen)\b",
    r"\bkan (?:iedereen|de beste|ons allemaal|elk\w*) (?:\w+ )?(?:gebeuren|overkomen)\b",
    r"\b(?:iedereen|ieder\w*|de meeste mensen|veel mensen|zoveel mensen|we allemaal|wij allemaal|"
    r"ons allemaal) (?:\w+ )?(?:wel eens|weleens|soms|ooit|in het begin|in het begin ook|"
    r"hetzelfde|dat|zo)\b",
    r"\b(?:we|wij) hebben (?:dat )?allemaal\b",
    r"\b(?:we|wij) (?:\w+ )?allemaal (?:wel )?(?:eens|weleens|gehad|meegemaakt|doorheen|mee)\b",
    r"\bkomt (?:heel |echt |best |erg |zo |vrij |ontzettend |super )?(?:vaak|veel) voor\b",
    r"\b(?:heel|helemaal|volkomen|hartstikke|best|vrij|echt|zo) (?:gewoon|gangbaar|begrijpelijk|"
    r"logisch|normaal|menselijk|te begrijpen)\s*$",
    r"^(?:ook |heel |best |wel |echt |nogal |toch )?(?:logisch|begrijpelijk|normaal|menselijk|"
    r"niet gek|niet raar|niet vreemd) (?:dat|hoor|toch|joh|als)\b",
    r"\b(?:dat|het|die|dit) mag (?:er )?(?:best |gerust |ook |echt |gewoon |er )*(?:er zijn|best|"
    r"gerust)\b",
    r"\bhoort (?:er )?(?:ook |gewoon |echt )?(?:er)?bij\b",
    r"\b(?:wordt|gaat) (?:vanzelf |echt |heus |vast |wel |steeds |echt wel )*(?:makkelijker|beter|"
    r"minder|lichter|wennen)\b",
    r"\b(?:dat|het) (?:went|slijt|zakt) (?:wel|vanzelf|echt|heus|snel)\b",
    r"\bje (?:bent|staat) (?:echt |heus |zeker |ook |heus )*niet (?:de (?:enige|eerste|laatste)|"
    r"alleen)\b",
    r"\bniemand (?:is|doet|kan|weet|heeft|verwacht|verwachtte)\b.{0,30}\b(?:perfect|meteen|direct|"
    r"foutloos|in één keer|in een keer|vanaf dag één|vanaf het begin|alles)\b",
    r"\bniemand is perfect\b",
    r"\b(?:niks|niets) (?:verkeerd|fout)(?: gedaan)?\b",
    r"\b(?:zo|snel|vast|heus|allang|morgen|volgende week) (?:weer )?vergeten\b",
    r"\b(?:hoeft|hoef) (?:je )?(?:echt |helemaal |toch )?(?:niet|geen) (?:te )?(?:schamen|"
    r"schuldig|zorgen|zorgen te maken|druk|sorry|excuses|bang|te verontschuldigen)\b",
    r"\bmaak je (?:daar |er |daarover |erover )?(?:maar |nou |echt |toch )?(?:niet|geen) (?:zo "
    r")?(?:druk|zorgen)\b",
    r"\b(?:ach|och|ah) joh\b",
    r"\brustig maar\b",
    r"\bje gaat het (?:\w+ ){0,2}(?:goed|prima|fantastisch|geweldig|top|super) doen\b",
    r"\b(?:ze|hij|zij|iedereen|ze allemaal|je team|niemand) (?:\w+ )?(?:begrijpt|begrijpen|snapt|"
    r"snappen|vergeet|vergeten|neemt|nemen) (?:het |dat |je dat |jou dat )?(?:wel|heus|vast|echt|"
    r"niet kwalijk)\b",
    r"\bkwalijk nemen\b",
    r"\bik beloof\b",
    r"\b(?:ik weet|ik ben) (?:het |er )?(?:zeker|overtuigd|ervan overtuigd)\b",
    r"\bje doet (?:echt |heus |gewoon )?(?:je best|wat je kan|wat je kunt|alles wat je kan|het "
    r"goed|het prima)\b",
    r"\b(?:je|jij) bent (?:ook )?(?:maar )?(?:een )?mens\b",
    r"\bnatuurlijk ben je (?:zenuwachtig|bang|moe|onzeker|gespannen|boos|verdrietig|nerveus)\b",
    r"\bgeen zorg\b",
    r"\bkomt (?:echt |heus |vast |wel )*vanzelf\b",
    r"\bniemand (?:zal |gaat |die )?(?:je |jou )?(?:dat |het )?(?:veroordelen|veroordeelt|kwalijk|"
    r"let|merkt|raar)\b",
    r"\bniemand (?:kent|weet|kan|doet|onthoudt) (?:alle|alles|dat|dit|het)\b",
    r"\bniemand is (?:er )?(?:aan )?(?:overleden|doodgegaan|dood)\b",
    r"\b(?:elke|iedere) \w+ (?:heeft|krijgt|maakt|doet|kent|gaat|voelt|worstelt)\b",
    r"\b(?:veel|zoveel|zo veel|de meeste|heel veel) (?:mensen|collega's|verpleegkundigen|artsen|"
    r"studenten|ouders|managers|docenten|\w+s) (?:\w+ )?(?:huilen|doen|voelen|hebben|worstelen|"
    r"vinden|krijgen|maken|twijfelen|vergeten|klappen)\b",
    r"\bniet (?:\w+ )?(?:raar|gek|vreemd)(?: hoor| joh)?\s*(?:$|,)",
    r"\bgeen (?:haast|stress|paniek|nood)\b",
    r"\bneem (?:gerust |rustig |maar |alle )*(?:je|de) tijd\b",
    r"\b(?:gaat|zal) (?:je|jou) (?:\w+ ){0,2}(?:af|lukken)\b",
    r"\b(?:overkomt|gebeurt) (?:\w+ )?de besten\b",
    r"\b(?:dat|het) is (?:toch |echt |helemaal |ook )?(?:geen|niet) (?:\w+ )?(?:misdaad|schande|"
    r"ramp|zonde|gênant|schandalig|drama)\b",
    r"\b(?:veel|zoveel|zo veel|heel veel|de meeste|genoeg) (?:mensen|\w+en|\w+s) (?!(?:\w+ "
    r")?(?:je|jou|jouw)\b)\w+en\b",
    r"\b(?:veel |zo(?:veel)? |nog )?meer dan je (?:denkt|zou denken)\b",
    r"\bzo gaat (?:dat|het) (?:nu eenmaal|gewoon|vaak|altijd|meestal)\b",
    r"\b(?:hoort|horen) (?:er )?(?:ook |gewoon |echt )?(?:er)?bij\b",
    r"\bje hebt (?:het )?(?:precies |helemaal )?(?:goed|juist|prima) gedaan\b",
    r"\b(?:en )?(?:al zou|zelfs als) (?:ze|hij|zij|het|dat|je)\b",
    r"\b(?:dat|het) gaat (?:ze|hij|zij|niemand|die) (?:echt |heus |vast )?niet doen\b",
    r"\bnee joh\b",
    r"\bniet te (?:laat|oud|jong)\b",
    r"\b(?:natuurlijk|tuurlijk) niet\b",
    r"\b(?:iedereen|we allemaal|wij allemaal) (?:\w+ )?(?:twijfelt|twijfelen|worstelt|worstelen|"
    r"vergist|faalt|maakt fouten|begint|klunst)\b",
    r"\bwen(?:nen|t) (?:er )?(?:\w+ )?aan\b",
    r"\b(?:pittig|zwaar|lastig|moeilijk|spannend|eng) maar (?:het kan|te doen|doenbaar|haalbaar|"
    r"het lukt|het is te doen|het gaat)\b",
    r"\bhet kan (?:echt |heus |best )?(?:wel)?\s*$",
    r"\b(?:een )?(?:normale|logische|begrijpelijke|menselijke|gezonde|gewone) (?:reactie|reflex|"
    r"gevoel|gedachte|fase|zaak)\b",
    r"\bje hebt (?:alle|het volste|ieder|elk) recht\b",
    r"\bniemand (?:heeft )?(?:er )?(?:zelfs |eens |ooit )?(?:naar )?(?:gevraagd|gemerkt|op gelet|"
    r"iets van gezegd)\b",
    r"\b(?:dat|het) (?:gaat|komt|loopt) (?:je |jou )?(?:vast |heus |zeker |echt |wel )*(?:prima|"
    r"goed|lukken)\b(?! (?:\w+ )?(?:met|tussen)\b)",
    r"\bvalt (?:\w+ ){0,2}mee\b",
    # Een verhaal dat goed afloopt: het ging over.
    r"\b(?:het|dat|ze|hij|zij) (?:\w+ )?(?:hield op|ging over|werd beter|waaide over|kwam goed|"
    r"liep goed af|trok bij)\b",
    r"\b(?:hield|ging|waaide) het (?:\w+ )?(?:op|over)\b",
    r"\b(?:later|achteraf|uiteindelijk) (?:was|werd|ging|bleek) (?:hij|ze|zij|het) (?:\w+ "
    r")?(?:top|prima|goed|beter|fantastisch|geweldig)\b",
    r"\b(?:de )?(?:mooiste|beste|leukste) (?:tijd|jaren|beslissing) van mijn leven\b",
)

#: Contradicting or judging the other's view of themselves or the situation.
CORRECTION: Final = (
    r"\b(?:dat|het) (?:is|klopt) (?:toch |echt |gewoon |helemaal )*(?:niet waar|niet|onzin|"
    r"overdreven|niet eerlijk)\b(?! (?:erg|zo erg|gek|makkelijk|niks|raar)\b)",
    r"\bdat klopt (?:toch |echt |gewoon )?niet\b",
    r"\bje bent (?:echt |veel |wel |toch |gewoon )*(?:te|veel te) (?:streng|hard|kritisch)(?: "
    r"voor| op)? (?:jezelf|jij zelf)",
    r"\bte (?:streng|hard|kritisch) voor jezelf\b",
    r"\bkom (?:op|nou)\b",
    r"\bonzin\b",
    r"\bdoe (?:niet|nou niet) zo\b",
    r"\bben je gek\b",
    r"\bnatuurlijk (?:kun|ben|kan|heb|doe|mag|bent|kunt) je\b",
    r"\bje overdrijft\b",
    r"\bje moet (?:niet zo|jezelf niet)",
    r"\bzo erg is het (?:toch |nou |ook )?niet",
    r"\bwelnee\b",
    r"\bach (?:nee|kom|welnee)\b",
    r"\bje bent (?:toch |helemaal |echt )*(?:geen|niet) (?:\w+ )?(?:mislukkeling|loser|slechte|"
    r"slecht|dom|lui|zwak|egoïstisch|egoistisch|een|waardeloos|gek|raar|incompetent|onaardig)",
    r"\bdat moet je niet (?:zo )?(?:zien|denken|zeggen)",
    r"\bje weet (?:toch )?(?:best|zelf|ook) (?:wel )?dat\b",
    r"\bdat (?:zie|denk) je (?:echt )?verkeerd",
    r"\bdat ben je (?:toch )?(?:helemaal )?niet\b",
    r"\bik denk (?:het )?niet dat dat (?:waar|zo) is",
    r"\bdat is (?:gewoon )?de draak\b",
    r"\bje bent (?:toch )?(?:helemaal )?niet\b",
    r"\bniet alles is\b",
    r"\bhet is niet jouw schuld\b",
    r"\b(?:het|dat) ligt (?:echt |helemaal |toch )?niet aan jou\b",
    r"(?<!^)(?<!dat je )(?<!waarom )\bjuist\b(?! (?:begrepen|gehoord|ja|nee|een goed|blij|voor|"
    r"fijn|goed|heel normaal|normaal))",
    r"\bis toch (?:geen|niet)\b",
    r"\bhoef je niet (?:aan )?te twijfelen\b",
    r"\b(?:te |wel |erg |heel |zo |best )?streng voor jezelf\b",
    # Algemene vormen: de kijk van de ander ontkennen, hun zelfkritiek beoordelen, tegenbewijs.
    r"\b(?:zie|bekijk) ik (?:\w+ ){0,2}anders\b",
    r"\bik (?:zie|bekijk) (?:dat|het|dit) (?:\w+ )?anders\b",
    r"\bdenk ik (?:\w+ )?anders over\b",
    r"\bik ben het (?:daar |er |hier )?(?:niet mee eens|oneens)\b",
    r"\b(?:niet|on)eerlijk (?:tegenover|naar|voor|tegen) jezelf\b",
    r"\b(?:dat|het) vind ik (?:\w+ )?(?:niet (?:eerlijk|waar|terecht)|onterecht|onzin|"
    r"overdreven)\b",
    r"\bjezelf (?:\w+ )?(?:tekort|te kort|naar beneden|omlaag)\b",
    r"\b(?:dat|het|dit) is (?:toch |echt |helemaal |gewoon |juist )*geen (?:falen|mislukking|"
    r"zwakte|schande|fout|teken van zwakte|luiheid)\b",
    r"\bmaar (?:je|jij) (?:hebt|heb|deed|kon|durfde) (?:\w+ ){0,4}(?:wel|toch|juist)\b",
    r"\b(?:je|jij) (?:hebt|heb) (?:het|dat|dit) (?:toch |al |wel |ook |eerder |vaker |eens |"
    r"vorige keer |vorig jaar )+(?:gedaan|gekund|laten zien|geflikt|gered|bewezen|overleefd)\b",
    r"\b(?:dat|dit) is (?:\w+ ){0,2}(?:streng|hard|kritisch|negatief|zwart-wit|zwart wit|"
    r"overdreven|onterecht|oneerlijk)\b(?! (?:voor|van|tegen) (?:hem|haar|ze|hen|die)\b)",
    r"\b(?:streng|hard|kritisch|negatief|oneerlijk) (?:voor|tegen|over|naar) jezelf\b",
    r"\b(?:meer|beter) dan je (?:denkt|zelf denkt|zelf ziet|jezelf geeft)\b",
    r"\bwie zegt (?:dat|dan)\b",
    r"\bnee(?:,)? (?:dat is|je bent|het is) (?:echt |helemaal |toch )?niet\b",
    r"\bje bent (?:toch |helemaal |echt |absoluut |zeker |heus )*(?:geen|niet) (?:\w+ "
    r")?(?:mislukkeling|loser|dom|lui|zwak|waardeloos|incompetent|slecht\w*|sukkel|watje)\b",
    r"\b(?:dat|het) is (?:toch |echt |helemaal )?niet (?:jouw|je) (?:taak|verantwoordelijkheid|"
    r"probleem|schuld|werk|pakkie-an)\b",
    r"\bmaakt (?:je|jou) (?:nog |echt |toch )?(?:geen|niet) (?:slecht\w*|minder|zwak\w*|lui\w*|"
    r"dom\w*|egoïst\w*)\b",
    r"\b(?:dat|het) (?:zei|zeg|vertelde|liet) je (?:net |toch |zelf )*(?:zelf|net|toch)\b",
    r"\bzei je (?:net |toch )?zelf\b",
    r"\b(?:nooit|altijd|niemand|iedereen|alles|niks|niets) is (?:wel |nogal |best |heel |erg |een "
    r")*(?:groot|grote|sterk|stellig|absoluut|zwaar)\b",
    r"\b(?:een )?drama van\b",
    r"\b(?:precies|exact) wat (?:je|jij) (?:moest|had moeten|hoorde te) doen\b",
    r"\bdat was (?:precies |echt |helemaal )?(?:de |het )?(?:juiste|goede|beste) (?:keuze|"
    r"beslissing|stap|ding)\b",
    r"\b(?:dat |het )?(?:verpest|verprutst|verknalt|verknoeit) (?:je|jij) (?:\w+ )?niet\b",
    r"\bje hebt (?:\w+ )?(?:niks|niets|helemaal niks|helemaal niets) (?:verpest|verprutst|"
    r"verknald|kapotgemaakt)\b",
    r"\bzegt (?:niks|niets) over (?:jou|je)\b",
    r"\bje hebt (?:precies )?(?:het juiste|de juiste keuze|het goede) gedaan\b",
    r"\b\w+ is (?:echt |wel |nogal |een beetje )?(?:te sterk|overdreven|een groot woord|een sterk "
    r"woord|een lange tijd)\b",
    r"\b(?:je bent|ben je) (?:\w+ )?(?:niet|nooit) te (?:laat|oud|jong)\b",
    r"\b(?:voelt|lijkt|klinkt) (?:misschien |wel )?zo,? maar\b",
)
