"""Who carried the ball: the helper's and the partners' answers to "who did most of the
thinking" and "who came up with the next step", side by side, and the one line of feed-forward
they lead to.

Every form asks both questions on the same scale (the issue-bringer, both, the helper), so the
helper's own view can be set beside their partners'. The feed-forward, in order: a partner saw
the helper carry the ball (doing the thinking or bringing the next step) → ``KEPT``; else the
helper saw themselves give more back than a partner did → ``DIFFERS``; else a partner saw it
shared → ``SHARED``; else the partners saw the issue-bringer do both → ``BACK``; no partner
answers yet → no line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

BRINGER_SIDE, BOTH, HELPER_SIDE = "inbrenger", "samen", "helper"
SCALE = (BRINGER_SIDE, BOTH, HELPER_SIDE)
# Answers stored before both questions shared one scale ("ik" was the issue-bringer's "me").
LEGACY = {"ik": BRINGER_SIDE, "de_helper": HELPER_SIDE}

#: The field of each question in each form (form id → field id).
THINKING = {"self_assessment": "S3", "partner": "P3", "observer": "O6"}
NEXT_STEP = {"self_assessment": "S4", "partner": "P8", "observer": "O7"}
QUESTIONS = (THINKING, NEXT_STEP)

KEPT, DIFFERS, SHARED, BACK = "kept", "differs", "shared", "back"

__all__ = ["BACK", "DIFFERS", "KEPT", "QUESTIONS", "SHARED", "feed_forward", "view"]


def view(form_id: str, answers: Mapping[str, str]) -> tuple[str | None, str | None]:
    """One form's answers to (thinking, next step) on the shared scale (None: not answered)."""
    found: list[str | None] = []
    for question in QUESTIONS:
        raw = answers.get(question.get(form_id, ""), "")
        value = LEGACY.get(raw, raw)
        found.append(value if value in SCALE else None)
    return found[0], found[1]


def feed_forward(
    own: tuple[str | None, str | None], partners: Sequence[tuple[str | None, str | None]]
) -> str | None:
    """The feed-forward for the helper (see the module docstring), or None."""
    seen = [answer for views in partners for answer in views if answer is not None]
    if not seen:
        return None
    if HELPER_SIDE in seen:
        return KEPT
    rank = SCALE.index
    for mine, theirs in zip(own, zip(*partners, strict=False), strict=False):
        if mine is None:
            continue
        if any(t is not None and rank(t) > rank(mine) for t in theirs):
            return DIFFERS
    if BOTH in seen:
        return SHARED
    return BACK
