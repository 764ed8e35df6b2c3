"""What the automatic observer's counts stand for (``bot.observer``): the ``Tally`` rebuilt
from stored counts, the card that shows them, and a guess of a text's language. Shared by the
pasted role-play (``bot.usecases.observing``) and live reading (``bot.usecases.live_reading``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from bot.messages import Card
from bot.texts import Texts

if TYPE_CHECKING:  # the rules are compiled on first use (bot.observer), not at import
    from bot.observer.tally import Tally

#: The figures a ``Tally`` is rebuilt from, next to the label counts.
FIGURES = ("helper_turns", "quiet_turns", "helper_words", "all_words")


def tally_of_counts(counts: Mapping[str, int]) -> Tally:
    """The ``Tally`` the stored counts stand for."""
    from bot.observer.labels import LABELS
    from bot.observer.tally import Tally

    return Tally(
        counts={label: int(counts.get(label, 0)) for label in LABELS},
        **{name: int(counts.get(name, 0)) for name in FIGURES},
    )


def counts_of_tally(tally: Tally) -> dict[str, int]:
    """What is stored of a ``Tally``: its label counts and figures, nothing written."""
    from bot.observer.labels import LABELS

    stored = {label: int(tally.counts[label]) for label in LABELS}
    stored.update({name: int(getattr(tally, name)) for name in FIGURES})
    return stored


def observer_card(counts: Mapping[str, int], skill_id: str | None, t: Texts) -> Card:
    """The tally card in ``t``'s language: the moves seen and one line of feed-forward for
    the day's skill. It holds counts and ballback's own words only."""
    from bot.observer.card import tally_lines
    from bot.observer.feedforward import feed_forward

    tally = tally_of_counts(counts)
    title, *lines = tally_lines(tally, feed_forward(tally, skill_id), t)
    return Card(title=title, body="\n".join(lines))


def guess_language(text: str, default: str) -> str:
    """ "nl" or "en" by the commonest function words of each; ``default`` on a tie."""
    words = text.casefold().split()
    dutch = sum(w in _DUTCH for w in words)
    english = sum(w in _ENGLISH for w in words)
    if dutch > english:
        return "nl"
    if english > dutch:
        return "en"
    return default


_DUTCH_WORDS = (
    "de het een en ik je jij u wat hoe is niet dat van op voor met zijn ook maar als er nog"
    " wel toen heb hebt heeft kun kan wil waarom"
)
_ENGLISH_WORDS = (
    "the a an and i you what how is not that of on for with are also but if there still then"
    " have has can could would why do did"
)
_DUTCH = frozenset(_DUTCH_WORDS.split())
_ENGLISH = frozenset(_ENGLISH_WORDS.split())
