"""The shared context of the use cases: lookup of the channel and member of a request, their
texts and time zone, refusals, and the once-only ledger of platform requests.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.access import Action, Role, allows
from bot.clock import Clock
from bot.messages import Reply
from bot.model import (
    WEEKDAYS_MON_FRI,
    Actor,
    Channel,
    Level,
    Member,
    MemberRef,
    Place,
)
from bot.parsing import (
    InputError,
    clean_name,
    parse_timezone,
)
from bot.ports import PENDING_REQUEST, Store, Tx
from bot.rules.levels import clamp as clamp_level
from bot.texts import Texts, language_for
from bot.usecases.picks import PickBook
from content import Catalog


@dataclass(frozen=True, slots=True)
class ChannelDefaults:
    """What a channel starts with before anyone changes its settings."""

    timezone: str = "UTC"
    language: str = "en"
    nudge_time: time = time(9, 0)
    weekdays: frozenset[int] = WEEKDAYS_MON_FRI


class Refused(Exception):
    """Raised inside a transaction to roll it back and answer with errors instead."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        super().__init__("refused")
        self.errors = dict(errors)


class Context:
    """What every use case opens with: the store, the catalog and the clock; the channel and the
    member of a request, their texts and time zone; refusals. Built once by ``Practice``."""

    def __init__(
        self,
        store: Store,
        catalog: Catalog,
        clock: Clock,
        defaults: ChannelDefaults | None = None,
        *,
        grace: timedelta = timedelta(hours=2),
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.clock = clock
        self.defaults = defaults or ChannelDefaults()
        self.grace = grace  # after midnight, a reflection still counts for the day before
        self.picks = PickBook(catalog, self.channel_in)
        # Platforms whose adapter passes on what is typed in practice spaces (the automatic
        # observer's live reading); each adapter adds itself when it can (bot.usecases.observing).
        self.live_platforms: set[str] = set()

    async def channel_in(self, tx: Tx, place: Place, *, for_update: bool = False) -> Channel:
        """The channel inside ``tx``, created with the defaults on first use."""
        channel = await tx.channels.get(place, for_update=for_update)
        if channel is None:
            channel = await tx.channels.add(self.default_channel(place))
            # Its scheduled work counts from now on (not from whenever a tick first sees it).
            await tx.work.set_cursor(place, self.clock.now(), earlier_only=True)
            if for_update:
                channel = await tx.channels.get(place, for_update=True) or channel
        return channel

    def live_reading(self, platform: str) -> bool:
        """Whether what members type in this platform's practice spaces reaches ballback."""
        return platform in self.live_platforms

    async def member_in(self, tx: Tx, actor: Actor, *, for_update: bool = False) -> Member:
        """The acting member inside ``tx``, created on first use; keeps their name current."""
        member = await tx.members.get(actor.ref, for_update=for_update)
        name = clean_name(actor.display_name)
        if member is None:
            timezone = actor.timezone if actor.timezone and _zone_ok(actor.timezone) else None
            member = await tx.members.add(
                Member(ref=actor.ref, display_name=name, timezone=timezone)
            )
            if for_update:
                member = await tx.members.get(actor.ref, for_update=True) or member
        elif member.display_name != name and name:
            member = replace(member, display_name=name)
            await tx.members.save(member)
        return member

    @staticmethod
    async def levels_in(
        tx: Tx, channel: Channel, refs: Sequence[MemberRef]
    ) -> dict[MemberRef, Level]:
        """Each member's practice level in the channel: their own, else the channel's."""
        stored = await tx.levels.get_many(channel.place, refs)
        start = Level(clamp_level(channel.difficulty))
        return {ref: stored.get(ref, start) for ref in refs}

    def texts_for(self, member: Member | None, channel: Channel | None) -> Texts:
        """UI texts in the member's language, else the channel's."""
        return Texts(self.catalog, language_for(member, channel, self.defaults.language))

    @staticmethod
    def zone_of(member: Member | None, channel: Channel) -> ZoneInfo:
        """The zone a member's days are counted in: their own, else the channel's."""
        return ZoneInfo((member.timezone if member else None) or channel.timezone)

    def local_date(self, channel: Channel, at: datetime | None = None) -> date:
        """The channel's local date at ``at`` (default: now)."""
        return (at or self.clock.now()).astimezone(ZoneInfo(channel.timezone)).date()

    def default_channel(self, place: Place) -> Channel:
        """A channel with the defaults, as it is before anyone changes its settings."""
        d = self.defaults
        return Channel(
            place=place,
            timezone=d.timezone,
            language=d.language,
            nudge_time=d.nudge_time,
            weekdays=d.weekdays,
        )

    async def zone_for(self, actor: Actor, place: Place) -> ZoneInfo:
        """The time zone the member's days are counted in (their own, else the channel's)."""
        async with self.store.transaction() as tx:
            channel = await self.channel_in(tx, place)
            member = await self.member_in(tx, actor)
        return self.zone_of(member, channel)

    async def language_for(self, actor: Actor, place: Place) -> str:
        """The language the member is answered in."""
        async with self.store.transaction() as tx:
            channel = await tx.channels.get(place)
            member = await tx.members.get(actor.ref)
        return self.texts_for(member, channel).lang

    @staticmethod
    async def roles_of(tx: Tx, actor: Actor, place: Place) -> frozenset[Role]:
        """The actor's roles in the channel (``bot.access``)."""
        roles = {Role.MEMBER}
        if actor.is_operator:
            roles.add(Role.OPERATOR)
        if actor.is_platform_admin:
            roles |= {Role.WORKSPACE_ADMIN, Role.CHANNEL_ADMIN}
        elif await tx.admins.is_admin(place, actor.ref):
            roles.add(Role.CHANNEL_ADMIN)
        cohort = await tx.cohorts.get(place)
        if cohort is not None and actor.ref in cohort.trainers:
            roles.add(Role.TRAINER)
        return frozenset(roles)

    async def allows(self, tx: Tx, actor: Actor, place: Place, action: Action) -> bool:
        """Whether the actor may do ``action`` in the channel (``bot.access.MATRIX``)."""
        return allows(await self.roles_of(tx, actor, place), action)

    @contextmanager
    def once(self, key: str) -> Iterator[None]:
        """Handle the platform request ``key`` at most once, at no extra transaction: the first
        write transaction of the work done inside this block claims the key in the same
        transaction (``bot.ports.PENDING_REQUEST``). A re-delivery raises ``AlreadyHandled``
        there; work that fails claims nothing, so the platform's retry is handled."""
        token = PENDING_REQUEST.set((key, self.clock.now()))
        try:
            yield
        finally:
            PENDING_REQUEST.reset(token)

    async def first_time(self, key: str) -> bool:
        """True the first time a platform request key is seen (retries, double deliveries)."""
        async with self.store.transaction() as tx:
            return await tx.requests.claim(key, self.clock.now())

    async def handling_failed(self, key: str) -> None:
        """Release a key claimed by ``first_time`` whose handling failed: the platform's retry
        of the request is then handled instead of ignored as a duplicate."""
        async with self.store.transaction() as tx:
            await tx.requests.release(key)

    def refusal(self, key: str) -> Reply:
        """A refusal in the default language, for a request too odd to look anyone up."""
        return Reply(errors={"": self.text(key, self.defaults.language)})

    def text(self, key: str, lang: str, **params: object) -> str:
        """A UI text, for adapters that need one outside a use case."""
        return self.catalog.text(key, lang, **params)


def _zone_ok(name: str) -> bool:
    try:
        parse_timezone(name)
    except InputError:
        return False
    return True
