"""The one-time time-zone notice, for platforms that never tell a member's time zone.

Discord gives no user time zone, so a member's days follow the channel's zone until they set
their own. The first answer they get says so, once per member and workspace (across
instances: the claim is in the request ledger), never again once they have a zone.
"""

from __future__ import annotations

from bot.model import Actor, Place
from bot.practice import Practice


class ZoneNotice:
    """Decides whether a member gets the notice; remembers in memory who needs none."""

    def __init__(self, practice: Practice, *, command: str) -> None:
        self.practice = practice
        self.command = command  # how the platform spells the command, e.g. "/practice"
        self._known: set[tuple[str, str, str]] = set()  # (platform, workspace, user)

    async def once(self, actor: Actor, place: Place) -> str | None:
        """The notice (plain text, to be escaped by the adapter) if this member has no zone of
        their own and was never told; else None."""
        key = (place.platform, place.workspace, actor.user)
        if not place.workspace or key in self._known:
            return None
        practice = self.practice
        async with practice.store.read() as tx:
            member = await tx.members.get(actor.ref)
            channel = await tx.channels.get(place)
        self._known.add(key)
        if member is not None and member.timezone:
            return None
        claim = f"{place.platform}:tz-notice:{place.workspace}:{actor.user}"
        if not await practice.context.first_time(claim):
            return None
        zone = channel.timezone if channel is not None else practice.defaults.timezone
        t = practice.context.texts_for(member, channel)
        return t("settings.tz_notice", timezone=zone, command=self.command)
