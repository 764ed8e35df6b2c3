"""The one-time time-zone notice, for platforms that never tell a member's time zone.

Discord gives no user time zone, so a member's days follow the channel's zone until they set
their own. The first answer they get says so, once per member and workspace (across
instances: the claim is in the request ledger, under a key that names the member; forgetting
the member releases it, ``bot.mydata``), never again once they have a zone.
"""

from __future__ import annotations

from bot.messages import Reply
from bot.model import Actor, MemberRef, Place
from bot.practice import Practice


def notice_key(ref: MemberRef) -> str:
    """The request-ledger key that records the notice was given to the member."""
    return f"{ref.platform}:tz-notice:{ref.workspace}:{ref.user}"


class ZoneNotice:
    """Decides whether a member gets the notice; remembers in memory who needs none."""

    def __init__(self, practice: Practice, *, command: str) -> None:
        self.practice = practice
        self.command = command  # how the platform spells the command, e.g. "/practice"
        self._known: set[tuple[str, str, str]] = set()  # (platform, workspace, user)

    async def once(self, actor: Actor, place: Place, answering: Reply | None = None) -> str | None:
        """The notice (plain text, to be escaped by the adapter) if this member has no zone of
        their own and was never told; else None. Never with the answer to a member's
        ``forget`` (``answering``): it would claim a key that names them again."""
        key = (place.platform, place.workspace, actor.user)
        if answering is not None and answering.forgotten:
            self._known.discard(key)  # a new start: told again when they come back
            return None
        if not place.workspace or key in self._known:
            return None
        practice = self.practice
        async with practice.store.read() as tx:
            member = await tx.members.get(actor.ref)
            channel = await tx.channels.get(place)
        self._known.add(key)
        if member is not None and member.timezone:
            return None
        claim = notice_key(MemberRef(place.platform, place.workspace, actor.user))
        if not await practice.context.first_time(claim):
            return None
        zone = channel.timezone if channel is not None else practice.defaults.timezone
        t = practice.context.texts_for(member, channel)
        return t("settings.tz_notice", timezone=zone, command=self.command)
