"""Each of the twelve moves, recognised in chat-style English and Dutch (examples written for
these tests, not taken from the labelled set)."""

from __future__ import annotations

import pytest

from bot.observer import LABELS, label_turn

# (language, context, helper's turn, expected labels)
EXAMPLES: list[tuple[str, str, str, set[str]]] = [
    # advice
    (
        "en",
        "my boss keeps emailing me at night",
        "you should turn off your notifications",
        {"advice"},
    ),
    ("en", "", "honestly just tell her no", {"advice"}),
    ("en", "", "if i were you i'd book a day off", {"advice"}),
    ("nl", "mijn baas mailt me 's avonds", "je moet gewoon je meldingen uitzetten", {"advice"}),
    ("nl", "", "bel haar morgen even op", {"advice"}),
    ("nl", "", "als ik jou was zou ik een dag vrij nemen", {"advice"}),
    # advice as a question
    ("en", "", "have you thought about asking for a mentor?", {"advice_as_question"}),
    ("en", "", "what if you just skipped that meeting", {"advice_as_question"}),
    ("en", "", "wouldn't it help to write it down first?", {"advice_as_question"}),
    ("en", "", "could you not just say you're busy?", {"advice_as_question"}),
    ("nl", "", "heb je al gedacht aan een mentor?", {"advice_as_question"}),
    ("nl", "", "wat als je die vergadering gewoon overslaat", {"advice_as_question"}),
    ("nl", "", "zou het niet helpen om het eerst op te schrijven?", {"advice_as_question"}),
    ("nl", "", "kun je niet gewoon zeggen dat je het druk hebt?", {"advice_as_question"}),
    # open question
    ("en", "", "what makes monday mornings so heavy?", {"open_question"}),
    ("en", "", "how do u notice that", {"open_question"}),
    ("nl", "", "wat maakt de maandag zo zwaar?", {"open_question"}),
    ("nl", "", "hoe merk je dat", {"open_question"}),
    # closed question
    ("en", "", "do you still work with her", {"closed_question"}),
    ("en", "", "how long exactly?", {"closed_question"}),
    ("nl", "", "heb je al met haar gepraat", {"closed_question"}),
    ("nl", "", "hoeveel mensen zitten er in je team?", {"closed_question"}),
    # stacked questions
    ("en", "", "what happened next? and how did you feel?", {"open_question", "stacked_questions"}),
    (
        "nl",
        "",
        "wat gebeurde er toen? en was je boos?",
        {"open_question", "closed_question", "stacked_questions"},
    ),
    # snapshot
    (
        "en",
        "i'm exhausted and my manager never listens",
        "so you're exhausted and you feel unheard. have i got that right?",
        {"snapshot"},
    ),
    (
        "nl",
        "ik ben uitgeput en mijn manager luistert nooit",
        "dus je bent uitgeput en je voelt je niet gehoord. klopt dat?",
        {"snapshot"},
    ),
    # earlier success
    ("en", "", "was there a time when this went better?", {"closed_question", "earlier_success"}),
    (
        "en",
        "",
        "what helped you the last time this happened?",
        {"open_question", "earlier_success"},
    ),
    ("nl", "", "wanneer ging het wel beter?", {"closed_question", "earlier_success"}),
    ("nl", "", "wat deed je de vorige keer dat het lukte?", {"open_question", "earlier_success"}),
    # own story
    ("en", "", "when i was a new manager i had exactly that too", {"own_story"}),
    ("nl", "", "ik had dat ook toen ik net begon", {"own_story"}),
    # reassurance
    ("en", "", "no worries, it'll all work out", {"reassurance"}),
    ("nl", "", "komt wel goed joh, maak je geen zorgen", {"reassurance"}),
    # correction
    ("en", "", "come on, you're not a bad nurse", {"correction"}),
    ("en", "", "that's not true, you're way too hard on yourself", {"correction"}),
    ("nl", "", "dat is niet waar, je bent te streng voor jezelf", {"correction"}),
    ("nl", "", "kom op, je bent echt geen slechte verpleegkundige", {"correction"}),
    # time frame
    ("en", "", "we have about ten minutes left", {"time_frame"}),
    (
        "en",
        "",
        "five minutes left, what do you want to take away?",
        {"time_frame", "open_question"},
    ),
    ("nl", "", "we hebben nog 10 min", {"time_frame"}),
    (
        "nl",
        "",
        "we hebben nog een kwartier, waar wil je het over hebben?",
        {"time_frame", "open_question"},
    ),
    # minimal encourager
    ("en", "", "Mm.", {"minimal_encourager"}),
    ("en", "", "go on", {"minimal_encourager"}),
    ("en", "", "and then?", {"minimal_encourager"}),
    ("nl", "", "mm, ga door", {"minimal_encourager"}),
    ("nl", "", "En toen?", {"minimal_encourager"}),
]


@pytest.mark.parametrize(("lang", "context", "text", "expected"), EXAMPLES)
def test_example(lang: str, context: str, text: str, expected: set[str]) -> None:
    assert label_turn(text, lang, context) == expected


def test_every_label_has_an_example_in_both_languages() -> None:
    for lang in ("nl", "en"):
        covered = set().union(*(e for la, _, _, e in EXAMPLES if la == lang))
        assert covered == set(LABELS), lang


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "u ok?? 😟", {"closed_question"}),
        ("en", "idk tbh, what do u think happened", {"open_question"}),
        ("nl", "idd. en hoe voelde dat", {"open_question"}),
        ("nl", "miss ff met haar praten?", {"advice"}),
        ("nl", "HEB JE AL MET HAAR GEPRAAT", {"closed_question"}),
        ("en", "whats going on for you rn :)", {"open_question"}),
    ],
)
def test_chat_style(lang: str, text: str, expected: set[str]) -> None:
    assert label_turn(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "context", "text", "expected"),
    [
        ("en", "", "how about a short walk at lunch?", {"advice_as_question"}),
        ("en", "", "could you tell me a bit about your team", {"open_question"}),
        ("en", "", "has this happened before?", {"closed_question", "earlier_success"}),
        ("nl", "", "slaap je wel goed de laatste tijd", {"closed_question"}),
        ("nl", "", "je zou met je leidinggevende kunnen praten", {"advice"}),
        ("nl", "", "misschien eens een wandeling maken tussen de middag?", {"advice"}),
        ("nl", "", "kun je daar wat meer over vertellen", {"open_question"}),
        ("nl", "", "waar ben je bang voor", {"open_question"}),
        ("nl", "hij schreeuwde", "hij schreeuwde. waar iedereen bij was?", {"closed_question"}),
        ("en", "", 'i\'m the director now. "could you take on the budget review?"', set()),
    ],
)
def test_word_order_and_invitations(lang: str, context: str, text: str, expected: set[str]) -> None:
    assert label_turn(text, lang, context) == expected
