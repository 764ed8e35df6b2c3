"""Dutch patterns of naming or guarding the conversation's time (the same shape as ``time_en``;
re-exported by ``lexicon_nl``, which holds the other moves).

Every pattern is a regular-expression fragment over *normalised* text (``segment.normalise``).
"""

from __future__ import annotations

from typing import Final

#: Naming or guarding the time available.
TIME_FRAME: Final = (
    r"\b(?:we|ons|onze|nog|over) .{0,20}\b\d+ ?(?:uur|uurtje)\b",
    r"\bover de tijd\b",
    r"\b(?:zitten|zijn|komen) (?:we )?(?:al |bijna |zo |nu )*(?:aan|door) (?:de|onze) tijd\b",
    r"\b(?:stoppen|afronden|eindigen) (?:we )?(?:om|tot|over)\b",
    r"\b(?:hier|nu) (?:stoppen|afronden)\b",
    r"\bde tijd (?:is|zit|loopt) (?:bijna |er )?(?:om|op|erop|uit)",
    r"\btijd (?:is )?om\b",
    r"\btijd (?:over|genoeg|hebben|voor|nog|om samen|samen)\b",
    r"\bnog (?:even |wat |genoeg )?tijd\b",
    r"\bhoeveel tijd\b",
    r"\bafronden\b",
    r"\bafsluiten\b",
    r"\bwe (?:moeten|gaan) (?:zo |nu |bijna )?(?:stoppen|afronden|afsluiten|eindigen)",
    r"\b(?:we|laten we) .{0,20}\btot (?:\d{1,2}(?:[:.]\d\d)?|half|kwart over|kwart voor)\b",
    r"\b(?:een )?(?:ander|apart|nieuw|later) (?:moment|gesprek|afspraak|tijdstip)\b",
    r"\b(?:maak|plan|prik|zoek|neem) (?:een |wat |even )?(?:tijd|moment|afspraak)\b",
    r"\bdeze (?:tijd|minuten)\b",
    r"\bde tijd die we hebben\b",
    r"\bonze tijd\b",
    r"\bde laatste (?:paar )?minuten\b",
    r"\b(?:morgen|volgende week|straks|later) (?:verder|nog even|op terug|tijd)",
    r"\bkomen we (?:later |morgen |straks )?(?:op )?terug\b",
    r"\bwe hebben nog\b",
    # Algemene vormen: hoeveel tijd er nog is, dat het tijd is om te stoppen, wanneer we eindigen.
    r"\bvoor(?:dat)? we (?:\w+ )?(?:stoppen|afronden|afsluiten|eindigen|ophouden)\b",
    r"\b(?:lopen|loop|liepen|lopen we|zitten we) (?:al |een beetje |wat |nu |echt )*(?:uit|over "
    r"de tijd|over tijd)\b",
    r"\buitlopen\b",
    r"\bklaar (?:om|over|tot|rond) (?:\d|half|kwart|een|twee|vijf|tien)\b",
    r"\b(?:de|onze) tijd (?:vliegt|gaat snel|is beperkt|is kort|dringt|tikt)\b",
    r"\b(?:we hebben|er is|is er) (?:nog )?(?:maar )?(?:weinig|genoeg|beperkt|bijna geen|niet "
    r"veel|wat) tijd\b",
    r"\b(?:het is|is het) (?:bijna |al )?tijd (?:om|voor|dat)\b",
    r"\b(?:ons|het|dit|het eerste|het tweede) (?:gesprek|sessie|uur|overleg) (?:stopt|eindigt|is "
    r"(?:bijna |zo )?(?:om|voorbij|afgelopen)|duurt)\b",
    r"\b(?:eindigen|stoppen|afronden|klaar) (?:rond|om|tegen) (?:\d|half|kwart)\b",
    r"\bhoe lang (?:hebben we|hebben wij|zitten we|hebben we nog)\b",
    r"\b(?:volgende|komende) (?:sessie|afspraak|bijeenkomst|keer|week)\b.{0,20}\b(?:verder|gaan "
    r"we|pakken we|we)\b",
    r"\b(?:laten we|zullen we) (?:het )?(?:hier|daar)(?: ?bij)? (?:laten|stoppen|houden)\b",
    r"\b(?:tijd|minuten) die we (?:nog )?(?:hebben|over hebben)\b",
    r"\bvoor vandaag\b.{0,20}\b(?:stoppen|afronden|klaar|laten|genoeg)\b",
    r"\b(?:zelfde|dezelfde|hetzelfde) tijd(?:stip)? volgende (?:week|keer|maand|sessie)\b",
    r"\b(?:het|een) (?:heel|hele|volle|volledige) uur\b",
    r"\btot (?:\d{1,2}(?:[:.]\d\d)?|half \w+|kwart (?:over|voor) \w+) (?:uur )?(?:hebben|zitten|"
    r"gaan|hebben we)\b",
    r"\b(?:min|minuten|minuutjes|uur|tijd) (?:over|te gaan)\b",
    r"\bvolgende (?:keer|sessie|afspraak) (?:is|wordt)\b",
)

#: A stretch of time: the conversation's only with a word that makes it ours (``TIME_CUE``);
#: "de chirurg om tien minuten vragen" names no time frame.
DURATION: Final = (
    r"\b\d+ ?(?:minuten|minuutjes|minuut|min|seconden)\b",
    r"\b(?:een|één|twee|drie|vier|vijf|tien|vijftien|twintig|dertig|paar|een paar|enkele|nog wat|"
    r"nog een paar) (?:minuten|minuutjes|minuut|kwartier|kwartiertje)\b",
    r"\b(?:een |het )?(?:halfuur|half uur|kwartier|kwartiertje)\b",
    r"\b(?:een|één|anderhalf|twee|drie|heel|hele) (?:uur|uurtje)\b",
    r"\b(?:een )?half uurtje\b",
)

TIME_CUE: Final = (
    r"\b(?:we|wij|ons|onze|nog|over|laatste|eerste|vandaag|nu|zullen|laten we|ik heb|tot|voor we|"
    r"houden|nemen|neem ik|ik neem|vrij|gebruiken|besteden)\b",
    r"\b(?:volgende keer|volgende sessie|volgende week|zoals afgesproken|afgesproken)\b",
)
