"""Who carried the ball, and the feed-forward it leads to."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.rules.ball import BACK, DIFFERS, KEPT, SHARED, feed_forward, view

ANSWER = st.sampled_from(["inbrenger", "samen", "helper", None])
VIEW = st.tuples(ANSWER, ANSWER)


def test_each_form_is_read_on_the_same_scale() -> None:
    assert view("self_assessment", {"S3": "helper", "S4": "samen"}) == ("helper", "samen")
    assert view("partner", {"P3": "inbrenger", "P8": "helper"}) == ("inbrenger", "helper")
    assert view("observer", {"O6": "samen"}) == ("samen", None)
    assert view("partner", {"P3": "ik"}) == ("inbrenger", None)  # stored before the change
    assert view("partner", {"P3": "odd"}) == (None, None)


def test_the_feed_forward_in_order() -> None:
    back = ("inbrenger", "inbrenger")
    assert feed_forward(back, []) is None
    assert feed_forward(back, [(None, None)]) is None
    assert feed_forward(back, [("inbrenger", "helper")]) == KEPT
    assert feed_forward(back, [("samen", "inbrenger")]) == DIFFERS
    assert feed_forward(("samen", "samen"), [("samen", "inbrenger")]) == SHARED
    assert feed_forward((None, None), [back, back]) == BACK


@given(VIEW, st.lists(VIEW, max_size=2))
def test_a_partner_who_saw_the_helper_carry_it_always_wins(
    own: tuple[str | None, str | None], partners: list[tuple[str | None, str | None]]
) -> None:
    line = feed_forward(own, partners)
    seen = [a for v in partners for a in v if a is not None]
    assert (line is None) == (not seen)
    if "helper" in seen:
        assert line == KEPT
    elif line is not None:
        assert line in (DIFFERS, SHARED, BACK)
