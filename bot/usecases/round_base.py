"""The shared part of pair practice: form keys, and the group a request is about."""

from __future__ import annotations

from datetime import date, timedelta

from bot.messages import Action
from bot.model import (
    BRINGER,
    HELPER,
    OBSERVER,
    Actor,
    Channel,
    Group,
    Member,
    Place,
)
from bot.parsing import number_in
from bot.ports import Tx
from bot.practice import Practice
from bot.texts import Texts
from bot.usecases.context import Refused

FORM_FOR_ROLE = {HELPER: "self_assessment", BRINGER: "partner", OBSERVER: "observer"}
FORM_KEY_PREFIX = "fb"
NEWS_KEEPS = timedelta(days=1)  # how long "your round did not happen" is worth delivering


def form_key(group_id: int, turn: int, form_id: str) -> str:
    """The id of a feedback form: it carries what the submission needs, so it survives restarts."""
    return f"{FORM_KEY_PREFIX}:{group_id}:{turn}:{form_id}"


def parse_form_key(key: str) -> tuple[int, int, str] | None:
    """``(group_id, turn, form_id)`` from a form id, or None when it is not a feedback form."""
    parts = key.split(":")
    if len(parts) != 4 or parts[0] != FORM_KEY_PREFIX:
        return None
    group_id, turn = number_in(parts[1]), number_in(parts[2])
    if group_id is None or turn is None:
        return None
    return group_id, turn, parts[3]


class RoundsBase:
    """What every part of pair practice shares: the context, and finding the group a
    request is about."""

    def __init__(self, practice: Practice) -> None:
        self.practice = practice
        self.ctx = practice.context  # channel and member lookup, texts, zones, refusals
        self.store = practice.store
        self.catalog = practice.catalog
        self.clock = practice.clock

    async def _today(self, tx: Tx, actor: Actor, place: Place) -> tuple[Channel, Member, date]:
        channel = await self.ctx.channel_in(tx, place)
        member = await self.ctx.member_in(tx, actor)
        return channel, member, self.ctx.local_date(channel)

    def _names(self, group: Group, t: Texts, turn: int | None = None) -> str:
        roles = [(group.role_of(s.member, turn), s.display_name) for s in group.seats]
        order = {HELPER: 0, BRINGER: 1, OBSERVER: 2}
        roles.sort(key=lambda r: order.get(r[0] or "", 3))
        return ", ".join(f"{name} ({t(f'role.{role}')})" for role, name in roles)

    def _space_title(self, group: Group, t: Texts) -> str:
        return t("round.space_title", number=group.number)

    async def _group_in(
        self,
        tx: Tx,
        actor: Actor,
        place: Place,
        *,
        group_id: int | None = None,
        number: int | None = None,
        for_update: bool = False,
    ) -> tuple[Channel, Member, Texts, Group]:
        """The group a request is about, with its channel, the member and their texts.

        By ``group_id`` (a button carries it; the group's own channel then applies), by
        ``number`` in today's round, the group whose practice space ``place`` is, or else the
        member's own group today. Refuses (rolls back)
        when there is none; membership is the caller's check.
        """
        group: Group | None = None
        if group_id is None and number is None:
            # Typed in a practice space (a Slack group DM, a Discord thread): that group.
            spaced = await tx.groups.with_space(place.platform, place.workspace, place.channel)
            if spaced is not None and spaced.id is not None:
                group_id = spaced.id
        if group_id is not None:
            group = await tx.groups.get(group_id, for_update=for_update)
            same_workspace = group is not None and (
                (group.place.platform, group.place.workspace) == (place.platform, place.workspace)
            )
            if group is None or not same_workspace:
                group = None
            else:
                place = group.place
        channel = await self.ctx.channel_in(tx, place)
        member = await self.ctx.member_in(tx, actor)
        t = self.ctx.texts_for(member, channel)
        today = self.ctx.local_date(channel)
        if group_id is not None:
            if group is None:
                raise Refused({"": t("feedback.unknown_form")})
        elif number is not None:
            today_groups = await tx.groups.list(place, today)
            group = next((g for g in today_groups if g.number == number), None)
            if group is None:
                raise Refused({"": t("feedback.no_such_group", number=number)})
        else:
            group = await tx.groups.group_of(place, today, member.ref)
            if group is None and not await tx.rounds.claimed(place, today):
                raise Refused({"": t("round.not_paired_yet", time=_hhmm(channel))})
            if group is None:
                raise Refused({"": t("round.no_group")})
            if for_update and group.id is not None:
                group = await tx.groups.get(group.id, for_update=True) or group
        return channel, member, t, group

    @staticmethod
    def _group_actions(group: Group, t: Texts, *, outcome_only: bool = False) -> tuple[Action, ...]:
        """Buttons for a group's space; each carries the group id and re-checks who clicks."""
        verbs = (
            ("done", "notdone")
            if outcome_only
            else ("brief", "feedback", "swap", "done", "notdone")
        )
        return tuple(Action(f"{verb}:{group.id}", t(f"action.{verb}")) for verb in verbs)


def _hhmm(channel: Channel) -> str:
    return channel.pairing_time.strftime("%H:%M")
