"""The counts of a known role-play, the tally card, and the feed-forward per skill."""

from __future__ import annotations

import pytest

from bot.observer.analysis import analyse
from bot.observer.card import tally_lines
from bot.observer.feedforward import FeedForward, feed_forward
from bot.observer.labels import LABELS
from bot.observer.skills import SKILLS
from bot.observer.tally import Tally, tally
from bot.observer.transcript import parse_transcript
from bot.texts import Texts
from content import load_catalog

ROLE_PLAY = """\
Helper: hi, what would you like to talk about?
Sam: my intern keeps arriving late
Helper: mm
Sam: every day, twenty minutes
Helper: have you thought about telling him?
Sam: not yet
Helper: you should just tell him tomorrow
Sam: ok
Helper: was there a time when he was on time?
"""


def test_the_counts_of_a_known_role_play() -> None:
    turns = parse_transcript(ROLE_PLAY)
    counted = tally(turns, "Helper", "en")
    assert counted.counts == dict.fromkeys(LABELS, 0) | {
        "open_question": 1,
        "closed_question": 1,
        "advice_as_question": 1,
        "advice": 1,
        "minimal_encourager": 1,
        "earlier_success": 1,
    }
    assert counted.helper_turns == 5
    assert counted.quiet_turns == 2  # "mm" and the advice
    assert counted.questions == 2
    assert counted.open_share == 0.5
    assert (counted.given, counted.carried) == (2, 2)
    assert counted.ball_back == 0.5
    assert (counted.helper_words, counted.all_words) == (30, 42)
    assert counted.word_share == pytest.approx(30 / 42)


def test_analyse_does_it_all_at_once() -> None:
    result = analyse(ROLE_PLAY, "en", skill="handen")
    assert result.helper == "Helper"
    assert len(result.labelled) == 5
    assert result.labelled[1].context == "my intern keeps arriving late"
    assert result.feed == FeedForward("observer.ff.handen.some", {"n": 2})
    with pytest.raises(ValueError, match="nl or en"):
        analyse(ROLE_PLAY, "fr")


def test_a_tally_without_questions_or_moves() -> None:
    empty = Tally()
    assert empty.open_share is None and empty.ball_back is None and empty.word_share is None
    assert feed_forward(empty, "handen") == FeedForward("observer.ff.empty")


def _tally(**counts: int) -> Tally:
    return Tally(counts=dict.fromkeys(LABELS, 0) | counts, helper_turns=6, quiet_turns=2)


@pytest.mark.parametrize(
    ("skill", "counts", "key", "values"),
    [
        ("handen", {"advice": 2, "advice_as_question": 1}, "handen.some", {"n": 3}),
        ("handen", {"open_question": 4}, "handen.none", {}),
        ("fotos", {"snapshot": 2}, "fotos.some", {"n": 2}),
        ("fotos", {}, "fotos.none", {}),
        ("stilte", {"minimal_encourager": 3}, "stilte.some", {"n": 3, "quiet": 2, "turns": 6}),
        ("stilte", {}, "stilte.none", {"quiet": 2, "turns": 6}),
        ("al-geweest", {"earlier_success": 1}, "al_geweest.some", {"n": 1}),
        ("al-geweest", {}, "al_geweest.none", {}),
        ("tijd-heilig", {"time_frame": 2}, "tijd_heilig.some", {"n": 2}),
        ("tijd-heilig", {}, "tijd_heilig.none", {}),
        ("kwartje", {"advice": 1, "correction": 1}, "kwartje.carried", {"n": 2}),
        ("kwartje", {"minimal_encourager": 2, "snapshot": 1}, "kwartje.room", {"n": 3}),
        ("aardappel", {"reassurance": 2, "advice": 1}, "aardappel.cooled", {"n": 2}),
        ("aardappel", {"advice": 1}, "aardappel.taken", {"n": 1}),
        ("aardappel", {"open_question": 3}, "aardappel.hot", {}),
        ("alles-mag", {"correction": 1, "reassurance": 1}, "alles_mag.some", {"n": 2}),
        ("alles-mag", {}, "alles_mag.none", {}),
        ("een-keer", {"stacked_questions": 2, "own_story": 1}, "een_keer.stacked", {"n": 2}),
        ("een-keer", {"own_story": 1}, "een_keer.story", {"n": 1}),
        ("een-keer", {}, "een_keer.present", {}),
        (None, {"advice": 3, "open_question": 1}, "general.carried", {"n": 3}),
        (None, {"closed_question": 3, "open_question": 1}, "general.closed", {"n": 3}),
        ("no-such-skill", {"open_question": 3}, "general.good", {}),
    ],
)
def test_feed_forward_per_skill(
    skill: str | None, counts: dict[str, int], key: str, values: dict[str, int]
) -> None:
    assert feed_forward(_tally(**counts), skill) == FeedForward(f"observer.ff.{key}", values)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_feed_forward_and_card_renders(lang: str) -> None:
    t = Texts(load_catalog(), lang)
    cases = [(_tally(), None), (Tally(), None)] + [
        (_tally(**counts), skill)
        for skill in SKILLS
        for counts in ({}, {"advice": 1, "reassurance": 1, "stacked_questions": 1, "own_story": 1})
    ]
    for counted, skill in cases:
        lines = tally_lines(counted, feed_forward(counted, skill), t)
        assert all(line.strip() and "{" not in line for line in lines)


def test_the_card_in_dutch() -> None:
    result = analyse(ROLE_PLAY, "en", skill="fotos")
    lines = tally_lines(result.tally, result.feed, Texts(load_catalog(), "nl"))
    assert lines[0] == "Wat de observator zag"
    assert lines[1] == "5 beurten van jou, 2 zonder vraag"
    assert "  advies als vraag: 1" in lines
    assert "open vragen: 50% van je vragen" in lines
    assert "bal terug: 50% (2 teruggegeven, 2 overgenomen)" in lines
    assert "jouw deel van de woorden: 71%" in lines
    assert lines[-1].startswith("Voor de volgende keer: Je maakte nog geen foto")


def test_the_feed_forward_knows_the_contents_skills() -> None:
    # bot.observer.skills keeps its own copy so `ballback observe --help` loads no schema.
    from bot.observer.skills import SKILLS
    from content.schema_base import SKILL_IDS

    assert SKILLS == SKILL_IDS
