"""The tally card as plain text lines, in the reader's language (for the CLI and the console).

The texts are UI keys (``observer.card.*``, ``observer.label.*``, ``observer.ff.*``), looked
up through a ``bot.texts.Texts`` (any ``t(key, **values) -> str`` will do), so the adapters and
the command line say the same in both languages.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.observer.feedforward import FeedForward
from bot.observer.labels import LABELS
from bot.observer.tally import Tally

Translate = Callable[..., str]


def percent(share: float) -> str:
    """A share as a whole percentage: ``0.667`` -> ``"67%"``."""
    return f"{share:.0%}"


def tally_lines(tally: Tally, feed: FeedForward, t: Translate) -> list[str]:
    """The card: a title, the helper's turns, each move seen (in ``LABELS`` order), the open
    share, the ball-back figure, the share of the words, and the feed-forward line."""
    lines = [
        t("observer.card.title"),
        t("observer.card.turns", n=tally.helper_turns, quiet=tally.quiet_turns),
        t("observer.card.moves"),
    ]
    seen = [label for label in LABELS if tally.counts[label]]
    for label in seen:
        name = t(f"observer.label.{label}")
        lines.append("  " + t("observer.card.move", label=name, n=tally.counts[label]))
    if not seen:
        lines.append("  " + t("observer.card.no_moves"))
    if tally.open_share is None:
        lines.append(t("observer.card.open_share_none"))
    else:
        lines.append(t("observer.card.open_share", share=percent(tally.open_share)))
    if tally.ball_back is None:
        lines.append(t("observer.card.ball_back_none"))
    else:
        lines.append(
            t(
                "observer.card.ball_back",
                share=percent(tally.ball_back),
                given=tally.given,
                carried=tally.carried,
            )
        )
    if tally.word_share is not None:
        lines.append(t("observer.card.word_share", share=percent(tally.word_share)))
    lines.append(t("observer.card.next", line=t(feed.key, **feed.values)))
    return lines
