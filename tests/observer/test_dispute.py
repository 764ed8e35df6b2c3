"""Disputing the other's view (``bot.observer.dispute_*``): what makes a correction, and the
look-alikes that do not. Own sentences, not from the labelled set."""

from __future__ import annotations

import pytest

from bot.observer import label_turn


@pytest.mark.parametrize(
    ("lang", "context", "text"),
    [
        # a flat denial of a claim, alone or opening the clause
        ("en", "i'm the worst intern you've ever had", "nope."),
        ("en", "i'm the slowest one on the team", "lol no, you set the pace last month"),
        ("nl", "ik ben de slechtste van de groep", "welnee"),
        ("nl", "iedereen vindt me saai", "echt niet, ze vragen juist naar jou"),
        # a reframe
        ("en", "i keep nagging the doctor", "that's not nagging, that's advocating for them"),
        ("en", "i cried at work, so unprofessional", "crying doesn't make you unprofessional"),
        ("nl", "ik ben gewoon lui", "lui is het niet, je bent uitgeput"),
        # new evidence after a sweeping claim, with a tag or as a negative question
        (
            "en",
            "nobody here notices my work",
            "the director thanked you in the meeting, didn't he?",
        ),
        ("en", "i'm useless in emergencies", "didn't you run the resus last friday?"),
        ("nl", "ik kan niet presenteren", "je hebt vorige maand voor 60 man gesproken, toch?"),
        # the other's word asked back, then the evidence against it
        ("en", "everyone here is smarter than me", "smarter? you've been here two weeks"),
        # chat "ur" for "you're"
        ("en", "i'm just slower than the rest", "ur not slower, ur more careful"),
    ],
)
def test_disputing_the_others_view_is_a_correction(lang: str, context: str, text: str) -> None:
    assert "correction" in label_turn(text, lang, context), text


@pytest.mark.parametrize(
    ("lang", "context", "text"),
    [
        ("en", "i always get the worst shifts", "that is interesting"),
        ("en", "i failed the exam", "you call it a failure"),
        ("en", "my patient died last night", "oh no. how are you doing?"),
        ("en", "i think i want to quit", "since when do you feel like this?"),
        ("en", "i think i know what i'll do", "good. 5 min left, let's sum up"),
        ("nl", "ik ben kapot na 4 nachten", "kan je niet vragen om max 3 nachten achter elkaar"),
        ("nl", "sinds vorige week slaap ik slecht", "sinds wanneer is dat zo?"),
        # a "no" to a worry comforts
        ("en", "i'm scared she'll report me", "nah, she won't. you documented everything"),
        ("nl", "ik ben bang dat ze me gaat aangeven", "nee joh, dat gaat ze niet doen"),
    ],
)
def test_a_look_alike_is_no_correction(lang: str, context: str, text: str) -> None:
    assert "correction" not in label_turn(text, lang, context), text


@pytest.mark.parametrize(
    ("lang", "context", "text"),
    [
        (
            "en",
            "i'm worried the scan will show something",
            "whatever it shows, we'll face it together",
        ),
        ("nl", "ik ben bang dat het team gaat staken", "joh, dat went bijna altijd na een week"),
        ("en", "i'm scared she'll report me", "nah, she won't"),
    ],
)
def test_a_no_or_comfort_after_a_worry_is_reassurance(lang: str, context: str, text: str) -> None:
    assert "reassurance" in label_turn(text, lang, context), text
