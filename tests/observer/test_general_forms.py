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
