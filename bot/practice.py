"""The core's use cases, built once over one shared context.

Each area has its own module under ``bot/usecases/``: ``daily`` (today's pick and scenario,
the nudge, a preview), ``reflections`` (the daily reflection, sharing, the streak),
``preferences`` (settings and pauses), ``admin`` (report, grants, setup) and ``overview``
(home and help); ``context`` is what they share. Every use case takes the ``Actor`` and
``Place`` an adapter translated from a platform event and answers with a neutral ``Reply``;
each runs in one store transaction, so a refused request leaves nothing behind.
"""

from __future__ import annotations

from datetime import timedelta

from bot.clock import Clock
from bot.ports import Store
from bot.usecases.admin import Admin
from bot.usecases.context import ChannelDefaults, Context
from bot.usecases.daily import Daily
from bot.usecases.overview import Overview
from bot.usecases.preferences import Preferences
from bot.usecases.reflections import ReflectionsUseCase
from content import Catalog

__all__ = ["ChannelDefaults", "Practice"]


class Practice:
    """The use cases by area, sharing one ``Context``. Built once by the composition root and
    shared by every adapter; it holds no logic of its own."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        clock: Clock,
        defaults: ChannelDefaults | None = None,
        *,
        grace: timedelta = timedelta(hours=2),
    ) -> None:
        self.context = Context(store, catalog, clock, defaults, grace=grace)
        self.daily = Daily(self.context)
        self.reflections = ReflectionsUseCase(self.context)
        self.preferences = Preferences(self.context)
        self.admin = Admin(self.context, self.preferences)
        self.overview = Overview(self.context)

    @property
    def store(self) -> Store:
        """The store every use case works in."""
        return self.context.store

    @property
    def catalog(self) -> Catalog:
        """The content catalog."""
        return self.context.catalog

    @property
    def clock(self) -> Clock:
        """The one clock."""
        return self.context.clock

    @property
    def defaults(self) -> ChannelDefaults:
        """What a new channel starts with."""
        return self.context.defaults
