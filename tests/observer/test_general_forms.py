"""The general forms of the moves: new wordings, not sentences of the labelled sets."""

from __future__ import annotations

import pytest

from bot.observer import label_turn


@pytest.mark.parametrize(
    ("lang", "text", "label"),
    [
        ("en", "no worries, these things take time", "reassurance"),
        ("en", "you're not the only one who feels like that", "reassurance"),
        ("en", "it happens, we've all been there", "reassurance"),
        ("nl", "geeft niks joh", "reassurance"),
        ("nl", "dat overkomt de beste", "reassurance"),
        ("nl", "dat hoort erbij in je eerste jaar", "reassurance"),
        ("en", "i remember feeling exactly like that", "own_story"),
        ("en", "i panicked before every exam in my first year", "own_story"),
        ("nl", "ik zat vorig jaar in precies dezelfde situatie", "own_story"),
        ("nl", "ik huilde de eerste week elke avond", "own_story"),
        ("en", "you seem really frustrated about it", "snapshot"),
        ("nl", "dat moet zwaar zijn", "snapshot"),
        ("en", "honestly you're selling yourself short", "correction"),
        ("nl", "je doet jezelf tekort", "correction"),
        ("en", "we're nearly out of time", "time_frame"),
        ("nl", "voor we stoppen, wat neem je mee?", "time_frame"),
        ("en", "which day was the least hectic this week?", "earlier_success"),
        ("nl", "wanneer lukte het je wel om nee te zeggen?", "earlier_success"),
        ("en", "tell her tomorrow", "advice"),
        ("nl", "je kunt het beste even wachten", "advice"),
    ],
)
def test_a_general_form_is_found(lang: str, text: str, label: str) -> None:
    assert label in label_turn(text, lang), text


@pytest.mark.parametrize(
    ("lang", "text", "label"),
    [
        ("en", "i was wondering what you think about that", "own_story"),
        ("en", "have i got that right?", "own_story"),
        ("nl", "ik was benieuwd hoe dat ging", "own_story"),
        ("nl", "dat is niet erg duidelijk voor mij", "reassurance"),
        ("en", "you must be exhausted", "advice"),
        ("en", "when you were in that situation what did you do", "own_story"),
    ],
)
def test_a_look_alike_is_not_the_move(lang: str, text: str, label: str) -> None:
    assert label not in label_turn(text, lang), text


def test_denying_the_others_own_word_is_a_correction() -> None:
    assert "correction" in label_turn("you're not lazy at all", "en", "i'm just lazy")
    assert "correction" in label_turn("helemaal niet dom", "nl", "ik voel me zo dom")
    # after a question the denial answers it, and a word they denied themselves is theirs
    assert "correction" not in label_turn("not weird at all", "en", "is it weird that i cried?")
    assert "correction" not in label_turn("so you're not sleeping", "en", "i'm not sleeping")


def test_a_rhetorical_question_is_a_correction_not_a_question() -> None:
    assert label_turn("how could you have known?", "en") == {"correction"}
    assert label_turn("hoe had je dat moeten weten?", "nl") == {"correction"}


def test_and_you_after_a_question_is_a_question_of_its_own() -> None:
    labels = label_turn("how is she taking it? and you?", "en")
    assert labels == {"open_question", "stacked_questions"}
    assert label_turn("hoe gaat ze ermee om? en jij?", "nl") == labels


@pytest.mark.parametrize(
    ("lang", "context", "text"),
    [
        ("en", "the meeting ran late again", "that's annoying, right"),
        ("en", "i don't know if i should tell her", "you don't have to decide today, right?"),
        ("nl", "de vergadering liep weer uit", "dat is balen, he"),
        ("nl", "is het raar dat ik moest huilen?", "helemaal niet raar, dat gebeurt vaker"),
        ("nl", "de kinderen waren druk", "juist, en hoe was dat voor jou?"),
        ("nl", "ik had het eerder moeten zien", "hoe had je het eerder kunnen zien, denk je?"),
        ("nl", "ik had vaker moeten lopen", "je denkt dat je vaker een ronde had moeten lopen"),
        ("en", "i'm not sure i'm cut out for this", "i doubted that every day of my first year"),
        ("en", "i was up the whole night", "the whole night? that sounds exhausting"),
        ("nl", "ik was de hele nacht wakker", "de hele nacht? dat klinkt uitputtend"),
        ("en", "i can't sleep since the accident", "not sleeping for weeks, that's a lot"),
        ("en", "i am so tired", "you just want some rest, right?"),
        ("en", "i can't cope anymore", "you've been carrying this for months"),
        ("en", "i never know what to say to her", "every time you see her you freeze up"),
        ("nl", "ik kan het niet meer aan", "je draagt dit al maanden"),
        ("nl", "ik had haar moeten terugbellen", "je had haar gisteren willen bellen"),
        ("en", "i can't cope", "you've been carrying this for months, right?"),
        ("nl", "ik kan het niet aan", "je draagt dit al maanden, toch?"),
    ],
)
def test_a_tag_or_denial_without_evidence_is_no_correction(
    lang: str, context: str, text: str
) -> None:
    assert "correction" not in label_turn(text, lang, context), text


@pytest.mark.parametrize(
    ("lang", "context", "text"),
    [
        (
            "en",
            "i'm not ready to lead a team",
            "you already ran the ward, you're ready",
        ),
        ("en", "i'm not allowed to say no", "you're allowed to say no"),
        ("en", "i'm just bad at this", "you handled it fine last week, remember?"),
        ("en", "that was luck", "so when it goes well it's luck and when it goes badly it's you"),
        (
            "nl",
            "ik kan niet met boze ouders",
            "vorige week kreeg je hem rustig, weet je nog?",
        ),
        ("nl", "dat was makkelijk", "dus het telt alleen als het moeilijk is, of niet?"),
        (
            "en",
            "i'm just not a school person",
            "you say that before every test and then you pass, right?",
        ),
        ("nl", "ik denk dat ik faal", "je faalt helemaal niet, je hebt een wachtlijst"),
    ],
)
def test_counter_evidence_against_self_doubt_is_a_correction(
    lang: str, context: str, text: str
) -> None:
    assert "correction" in label_turn(text, lang, context), text


@pytest.mark.parametrize(
    ("lang", "context", "text"),
    [
        ("en", "everything is too much", "you're feeling overwhelmed?"),
        ("nl", "alles is te veel", "je voelt je overweldigd?"),
        ("en", "everything is too much", "it feels like too much right now"),
        ("nl", "ik werk nachten en mijn kind is om 7 uur op", "je slaapt dus bijna niet"),
        ("nl", "ik werk nachten en mijn kind is om 7 uur op", "klinkt uitputtend"),
        ("en", "yes", "so months of nights and no weekends. and no end in sight?"),
        ("en", "i cover every gap", "so when someone calls in sick, you're the one who covers"),
        ("en", "yeah. i just froze", "you froze on the spot. what happened after that?"),
        ("nl", "ik klapte helemaal dicht", "je klapte dicht. wat gebeurde er daarna?"),
        ("en", "yeah. but she needs it", "she needs it, in your view"),
        ("en", "i don't want to go back there", "you'd rather not go back?"),
        ("en", "my sister never calls", "it hurts that she doesn't call?"),
        ("nl", "mijn zus belt nooit", "het doet je pijn dat ze niet belt?"),
        ("en", "i snapped at my daughter again", "again. and afterwards you feel awful"),
        ("nl", "ik snauwde weer tegen mijn dochter", "weer. en daarna voel je je rot"),
        ("en", "maybe because i'm young", "young, so you think your age plays a part"),
        ("en", "i sent 12 mails already", "12 mails, and still nothing back"),
        ("nl", "ik heb al 12 mails gestuurd", "12 mails en nog niks terug"),
    ],
)
def test_new_wordings_of_a_snapshot(lang: str, context: str, text: str) -> None:
    assert "snapshot" in label_turn(text, lang, context), text
