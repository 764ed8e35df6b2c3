"""A member's level moves with their self-assessments and stays within 1..3."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.model import Level
from bot.rules.levels import JUST_RIGHT, TOO_EASY, TOO_HARD, after_rating

RATINGS = st.sampled_from([TOO_EASY, JUST_RIGHT, TOO_HARD, "", "odd"])


def test_twice_too_easy_raises_and_too_hard_lowers() -> None:
    once = after_rating(Level(1), TOO_EASY)
    assert once == Level(1, 1)
    assert after_rating(once, TOO_EASY) == Level(2, 0)
    assert after_rating(once, JUST_RIGHT) == Level(1, 0)  # "in a row": the count starts again
    assert after_rating(Level(2, 1), TOO_HARD) == Level(1, 0)
    assert after_rating(Level(3, 1), TOO_EASY) == Level(3, 0)  # no level above 3
    assert after_rating(Level(1), TOO_HARD) == Level(1, 0)
    assert after_rating(Level(2, 1), "") == Level(2, 1)  # the question left open


@given(st.integers(-5, 9), st.lists(RATINGS, max_size=40))
def test_the_level_stays_within_one_to_three_and_moves_by_one(
    start: int, ratings: list[str]
) -> None:
    level = Level(start)
    previous = min(max(start, 1), 3)
    for rating in ratings:
        level = after_rating(level, rating)
        assert 1 <= level.level <= 3 and 0 <= level.easy < 2
        assert abs(level.level - previous) <= 1
        if rating != TOO_EASY:
            assert level.level <= previous
        previous = level.level
