"""One line of feed-forward for the helper: chosen from the tally and the day's skill.

``feed_forward`` returns a UI text key and its values, never the text itself, so each adapter
renders it in the member's language (``content/data/ui/*.yaml``, keys ``observer.ff.*``). Per
skill it looks at the move that skill is about:

- ``handen`` (sit on your hands): advice in any form, ``advice + advice_as_question``;
- ``fotos`` (taking photos): the snapshots;
- ``stilte`` (let silence work): the encouragers and the turns without a question;
- ``al-geweest`` (you've been there before): the questions about an earlier success;
- ``tijd-heilig`` (make the time sacred): naming or guarding the time;
- ``kwartje`` (seeing the penny drop): the carried moves (advice, reassurance, correction)
  that can step on an insight, else the room given with encouragers and snapshots;
- ``aardappel`` (keep the potato hot): reassurance (it cools the issue), then advice (it takes
  the issue over);
- ``alles-mag`` (everything is allowed): corrections and reassurance;
- ``een-keer`` (it only happens once): stacked questions, then the helper's own stories.

Any other skill (or none) gets the general line: the ball-back figure, then the open share.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.observer.labels import (
    ADVICE,
    ADVICE_AS_QUESTION,
    CORRECTION,
    EARLIER_SUCCESS,
    MINIMAL_ENCOURAGER,
    OWN_STORY,
    REASSURANCE,
    SNAPSHOT,
    STACKED_QUESTIONS,
    TIME_FRAME,
)
from bot.observer.skills import SKILLS
from bot.observer.tally import Tally

__all__ = ["SKILLS", "FeedForward", "feed_forward"]

#: Below this ball-back figure the general line asks to give more back.
BALL_BACK_LOW = 0.5
#: Below this share of open questions the general line asks for more open ones.
OPEN_SHARE_LOW = 0.5


@dataclass(frozen=True, slots=True)
class FeedForward:
    """A UI text key (``observer.ff.…``) and the values its text is formatted with."""

    key: str
    values: Mapping[str, int | str] = field(default_factory=dict)


def _either(name: str, n: int, **values: int) -> FeedForward:
    """``observer.ff.<name>.none`` when ``n`` is 0, else ``….some`` with ``n``."""
    if n == 0:
        return FeedForward(f"observer.ff.{name}.none", values)
    return FeedForward(f"observer.ff.{name}.some", {"n": n, **values})


def feed_forward(tally: Tally, skill: str | None = None) -> FeedForward:
    """The one line of feed-forward for ``tally`` on the day of ``skill`` (a skill id; None or
    an unknown id: the general line)."""
    counts = tally.counts
    if tally.helper_turns == 0:
        return FeedForward("observer.ff.empty")
    if skill == "handen":
        return _either("handen", counts[ADVICE] + counts[ADVICE_AS_QUESTION])
    if skill == "fotos":
        return _either("fotos", counts[SNAPSHOT])
    if skill == "al-geweest":
        return _either("al_geweest", counts[EARLIER_SUCCESS])
    if skill == "tijd-heilig":
        return _either("tijd_heilig", counts[TIME_FRAME])
    if skill == "stilte":
        quiet = {"quiet": tally.quiet_turns, "turns": tally.helper_turns}
        return _either("stilte", counts[MINIMAL_ENCOURAGER], **quiet)
    if skill == "kwartje":
        if tally.carried:
            return FeedForward("observer.ff.kwartje.carried", {"n": tally.carried})
        room = counts[MINIMAL_ENCOURAGER] + counts[SNAPSHOT]
        return FeedForward("observer.ff.kwartje.room", {"n": room})
    if skill == "aardappel":
        if counts[REASSURANCE]:
            return FeedForward("observer.ff.aardappel.cooled", {"n": counts[REASSURANCE]})
        taken = counts[ADVICE] + counts[ADVICE_AS_QUESTION]
        if taken:
            return FeedForward("observer.ff.aardappel.taken", {"n": taken})
        return FeedForward("observer.ff.aardappel.hot")
    if skill == "alles-mag":
        return _either("alles_mag", counts[CORRECTION] + counts[REASSURANCE])
    if skill == "een-keer":
        if counts[STACKED_QUESTIONS]:
            return FeedForward("observer.ff.een_keer.stacked", {"n": counts[STACKED_QUESTIONS]})
        if counts[OWN_STORY]:
            return FeedForward("observer.ff.een_keer.story", {"n": counts[OWN_STORY]})
        return FeedForward("observer.ff.een_keer.present")
    return _general(tally)


def _general(tally: Tally) -> FeedForward:
    """The line for a day without a skill rule: first the ball, then the open questions."""
    if tally.ball_back is not None and tally.ball_back < BALL_BACK_LOW:
        return FeedForward("observer.ff.general.carried", {"n": tally.carried})
    if tally.open_share is not None and tally.open_share < OPEN_SHARE_LOW:
        return FeedForward("observer.ff.general.closed", {"n": tally.counts["closed_question"]})
    return FeedForward("observer.ff.general.good")
