"""A member's practice level in a channel (1-3): how hard the issue-bringer makes it.

A member starts at the channel's level. Their self-assessment after each round they helped in
moves it: "too easy" twice in a row raises it by one, "too hard" lowers it by one at once
(someone struggling should not have to say so twice), "just right" keeps it and starts the
count of "too easy" again. A member may also set it. It stays within 1..3.
"""

from __future__ import annotations

from bot.model import Level

LOWEST, HIGHEST = 1, 3
TOO_EASY, JUST_RIGHT, TOO_HARD = "te_makkelijk", "goed_pittig", "te_moeilijk"  # choice ids (S2)
EASY_TO_RISE = 2  # "too easy" answers in a row that raise the level

__all__ = ["HIGHEST", "JUST_RIGHT", "LOWEST", "TOO_EASY", "TOO_HARD", "Level", "after_rating"]


def clamp(level: int) -> int:
    """``level`` within ``LOWEST..HIGHEST``."""
    return min(max(level, LOWEST), HIGHEST)


def after_rating(current: Level, rating: str) -> Level:
    """The level after a self-assessment answered ``rating`` (an unknown or empty rating, an
    optional question left open, changes nothing)."""
    level = clamp(current.level)
    if rating == TOO_HARD:
        return Level(clamp(level - 1), 0)
    if rating == JUST_RIGHT:
        return Level(level, 0)
    if rating == TOO_EASY:
        easy = current.easy + 1
        if easy >= EASY_TO_RISE:
            return Level(clamp(level + 1), 0)
        return Level(level, easy)
    return Level(level, current.easy)
