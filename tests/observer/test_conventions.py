"""The labelling conventions, and that ``label_turn`` takes any text without raising."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.observer import LABELS, QUESTION_LABELS, label_turn


def test_advice_as_question_is_not_also_open_or_closed() -> None:
    for lang, text in [
        ("en", "have you considered taking a day off?"),
        ("en", "why don't you talk to her first?"),
        ("nl", "heb je er al aan gedacht om een dag vrij te nemen?"),
        ("nl", "zou je niet eerst met haar praten?"),
    ]:
        labels = label_turn(text, lang)
        assert labels == {"advice_as_question"}, text


def test_minimal_encourager_is_exclusive() -> None:
    for lang, text in [("en", "Mm. Go on."), ("en", "and then?"), ("nl", "Mm, en toen?")]:
        assert label_turn(text, lang) == {"minimal_encourager"}, text


def test_repeating_the_others_words_is_an_encourager() -> None:
    assert label_turn("froze", "en", "nothing, i just froze") == {"minimal_encourager"}
    assert label_turn("je bevroor", "nl", "niks, ik bevroor gewoon") == {"minimal_encourager"}


def test_two_questions_are_stacked_and_keep_their_own_labels() -> None:
    labels = label_turn("how did that go? did she answer?", "en")
    assert labels == {"open_question", "closed_question", "stacked_questions"}
    one = label_turn("how did that go?", "en")
    assert "stacked_questions" not in one


def test_questions_without_question_marks_are_found() -> None:
    assert label_turn("heb je al met haar gepraat", "nl") == {"closed_question"}
    assert label_turn("wat deed je toen en hoe voelde dat", "nl") == {"open_question"}
    assert label_turn("do you still want that job", "en") == {"closed_question"}


def test_a_statement_opening_like_a_question_is_no_question() -> None:
    assert "closed_question" not in label_turn("when i was a student i had that too", "en")
    assert "open_question" not in label_turn("wat je vertelt raakt me", "nl")


def test_earlier_success_comes_with_a_question_kind() -> None:
    for lang, text in [
        ("en", "when did it go better?"),
        ("en", "has there ever been a week you managed it?"),
        ("nl", "wanneer lukte het wel?"),
        ("nl", "is er een keer geweest dat het minder erg was?"),
    ]:
        labels = label_turn(text, lang)
        assert "earlier_success" in labels, text
        assert labels & {"open_question", "closed_question"}, text


def test_a_rhetorical_tag_makes_a_correction_not_a_question() -> None:
    assert label_turn("you've done this before, haven't you?", "en") == {"correction"}
    assert label_turn("je bent gewoon moe, toch?", "nl") == {"correction"}
    assert label_turn("dat heb je vorige week ook gedaan, niet dan?", "nl") == {"correction"}


def test_a_snapshots_check_is_not_a_closed_question() -> None:
    context = "i work every weekend and my kids barely see me"
    labels = label_turn(
        "so you work every weekend and miss your kids. is that right?", "en", context
    )
    assert labels == {"snapshot"}
    context = "ik werk elk weekend en mijn kinderen zien me nauwelijks"
    labels = label_turn("dus je werkt elk weekend en mist je kinderen, klopt dat?", "nl", context)
    assert labels == {"snapshot"}


def test_the_context_makes_a_mirror_a_snapshot() -> None:
    context = "she is tired and the family wants everything done"
    text = "she's tired and the family wants everything done. and you're caught between"
    assert "snapshot" in label_turn(text, "en", context)
    assert "snapshot" not in label_turn("she's tired", "en", "")


def test_an_unknown_language_is_refused() -> None:
    for lang in ("de", "", "NL", "english"):
        with pytest.raises(ValueError, match="nl or en"):
            label_turn("hi", lang)


@pytest.mark.parametrize(
    "text",
    ["", " ", "\x00", "\ud800", "\udfff?", "?" * 10_000, "mm " * 100_000, "🙂🙂🙂", "\n\n\n"],
)
def test_odd_text_never_raises(text: str) -> None:
    for lang in ("nl", "en"):
        assert label_turn(text, lang, text) <= set(LABELS)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=300),
    context=st.text(max_size=200),
    lang=st.sampled_from(["nl", "en"]),
)
def test_any_text_gives_known_labels_by_the_conventions(text: str, context: str, lang: str) -> None:
    labels = label_turn(text, lang, context)
    assert isinstance(labels, frozenset)
    assert labels <= set(LABELS)
    if "minimal_encourager" in labels:
        assert labels == {"minimal_encourager"}
    if "earlier_success" in labels:
        assert labels & {"open_question", "closed_question"}
    if "stacked_questions" in labels:
        assert labels & QUESTION_LABELS


# Words and marks chat turns are made of, shuffled into turns by hypothesis.
CHAT = (
    "wat hoe heb je al gedacht aan dus jij zegt klopt dat toch mm en toen what how have you "
    "thought about so right komt goed no worries we hebben nog 10 min when i was ? . , ! 😊 "
    "idd ff miss tbh u ok niet dan haven't"
)
WORDS = st.sampled_from(CHAT.split())


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(WORDS, max_size=25),
    lang=st.sampled_from(["nl", "en"]),
)
def test_chat_like_text_keeps_the_conventions(words: list[str], lang: str) -> None:
    labels = label_turn(" ".join(words), lang, " ".join(reversed(words)))
    assert labels <= set(LABELS)
    if "minimal_encourager" in labels:
        assert labels == {"minimal_encourager"}
    if "earlier_success" in labels:
        assert labels & {"open_question", "closed_question"}
