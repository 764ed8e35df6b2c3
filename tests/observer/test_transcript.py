"""Parsing a pasted role-play into turns, and finding the helper."""

from __future__ import annotations

import pytest

from bot.observer.transcript import (
    MAX_CHARS,
    MAX_TURNS,
    TranscriptError,
    Turn,
    helper_of,
    parse_transcript,
)


def test_named_lines_with_spaces_unicode_and_continuations() -> None:
    text = (
        "Anna de Vries: hoi, waar wil je het over hebben?\n"
        "Zoë Çelik: mijn stagiair\n"
        "komt steeds te laat\n"
        "\n"
        "Anna de Vries: mm\n"
        "**Zoë Çelik:** ja\n"
        "- Anna de Vries (helper): en toen?\n"
    )
    assert parse_transcript(text) == [
        Turn("Anna de Vries", "hoi, waar wil je het over hebben?"),
        Turn("Zoë Çelik", "mijn stagiair\nkomt steeds te laat"),
        Turn("Anna de Vries", "mm"),
        Turn("Zoë Çelik", "ja"),
        Turn("Anna de Vries", "en toen?"),
    ]


def test_a_name_seen_once_among_regular_speakers_is_text() -> None:
    text = "A: hi\nB: well\nNote: this is hard\nA: go on\nB: ok"
    turns = parse_transcript(text)
    assert [t.speaker for t in turns] == ["A", "B", "A", "B"]
    assert turns[1].text == "well\nNote: this is hard"


def test_consecutive_lines_of_one_speaker_make_one_turn() -> None:
    turns = parse_transcript("Jo: hi\nJo: how are you?\nSam: fine")
    assert turns == [Turn("Jo", "hi\nhow are you?"), Turn("Sam", "fine")]


def test_without_names_paragraphs_alternate() -> None:
    text = "what brings you here?\n\nmy team\nis a mess\n\nmm"
    assert parse_transcript(text) == [
        Turn("A", "what brings you here?"),
        Turn("B", "my team\nis a mess"),
        Turn("A", "mm"),
    ]


def test_without_names_or_paragraphs_lines_alternate() -> None:
    assert parse_transcript("hi\nhello\nhow are you\r\nfine") == [
        Turn("A", "hi"),
        Turn("B", "hello"),
        Turn("A", "how are you"),
        Turn("B", "fine"),
    ]


def test_the_helper_is_the_named_speaker_else_the_first() -> None:
    turns = parse_transcript("Sam: i have a problem\nAnna: tell me")
    assert helper_of(turns) == "Sam"
    assert helper_of(turns, "anna ") == "Anna"
    with pytest.raises(TranscriptError, match="no speaker 'Piet'"):
        helper_of(turns, "Piet")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("  \n\n ", "empty"),
        ("Anna: hi\nAnna: still me", "only one speaker"),
        ("just one line", "only one speaker"),
        ("x" * (MAX_CHARS + 1), "too long"),
        ("\n".join(f"{'AB'[i % 2]}: turn {i}" for i in range(MAX_TURNS + 1)), "turns"),
    ],
)
def test_what_is_no_role_play(text: str, reason: str) -> None:
    with pytest.raises(TranscriptError, match=reason):
        parse_transcript(text)
