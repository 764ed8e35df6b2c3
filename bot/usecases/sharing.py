"""Sharing with the trainers: a member lets the trainers of their training group read one of
their reflections or feedback forms, item by item, and can stop any time.

Nothing is shared by default. The choice is offered on the card that confirms a reflection or
a feedback form in a training group's channel (a ``share:trainers <key>`` button), and
``/practice share trainers|stop|list`` does the same by hand. Only the author changes an
item; the trainers read shared items in their report (``bot.usecases.trainer_report``).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.forms import answer_label, feedback_form, reflection_form_of
from bot.messages import Action, Card, Field, Reply, Tone
from bot.model import Actor, Place, SharedItem
from bot.texts import Texts
from bot.usecases.context import Context, Refused

SHARE_WITH_TRAINERS = ("trainers", "trainer")
STOP_SHARING = ("stop",)
LIST_SHARED = ("list", "lijst")
SHOWN_AT_MOST = 20  # items listed in chat; the rest are counted


def share_action(key: str, t: Texts) -> Action:
    """The button that shares an item with the trainers."""
    return Action(f"share:trainers {key}", t("action.share_trainers"))


def stop_action(key: str, t: Texts) -> Action:
    """The button that stops sharing an item with the trainers."""
    return Action(f"share:stop {key}", t("action.share_stop"))


def item_fields(ctx: Context, item: SharedItem, lang: str) -> tuple[Field, ...]:
    """The item's answers with their questions in ``lang`` (member text, untrusted)."""
    catalog = ctx.catalog
    known = item.skill_id is None or item.skill_id in catalog.skill_ids
    if item.kind == "reflection":
        form = reflection_form_of(catalog, item.answers, item.skill_id, lang) if known else None
    else:
        form = (
            feedback_form(catalog, item.form_id, item.skill_id or "", lang, "") if known else None
        )
    labels = {f.id: f.label for f in form.fields} if form is not None else {}
    return tuple(
        Field(labels.get(k, k), answer_label(form, k, v) if form else v, untrusted=True)
        for k, v in item.answers.items()
        if v.strip()
    )


def item_title(item: SharedItem, t: Texts) -> str:
    """What the item is, for its author and its readers."""
    return t(f"sharing.kind.{item.kind}", name=item.name, day=item.day.isoformat())


class Sharing:
    """``/practice share trainers|stop|list`` and the buttons that do the same."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    async def command(self, actor: Actor, place: Place, text: str) -> Reply | None:
        """A ``share`` command's words about the trainers; None when they are not about
        the trainers (the caller shares a reflection in the channel, as before)."""
        words = text.split()
        verb = words[0].casefold() if words else ""
        key = words[1] if len(words) == 2 else None
        if verb in LIST_SHARED and len(words) == 1:
            return await self.listed(actor, place)
        if verb in SHARE_WITH_TRAINERS and len(words) <= 2:
            return await self.change(actor, place, key, shared=True)
        if verb in STOP_SHARING and len(words) <= 2:
            if key is None:
                return await self.listed(actor, place)
            return await self.change(actor, place, key, shared=False)
        if verb in (*LIST_SHARED, *SHARE_WITH_TRAINERS, *STOP_SHARING):
            return self.ctx.refusal("error.share_usage")
        return None

    async def change(self, actor: Actor, place: Place, key: str | None, *, shared: bool) -> Reply:
        """Share one of the member's items with the trainers of the channel it belongs to
        (``key`` None: their latest reflection here), or stop sharing it."""
        try:
            async with self.ctx.store.transaction() as tx:
                member = await self.ctx.member_in(tx, actor)
                channel = await tx.channels.get(place)
                t = self.ctx.texts_for(member, channel)
                if key is None:
                    written = [r for r in await tx.reflections.list(member.ref) if r.place == place]
                    if not written:
                        raise Refused({"": t("share.none")})
                    key = f"r{written[-1].id}"
                item = await tx.shares.item(key, member.ref)
                if item is None:
                    raise Refused({"": t("sharing.not_yours")})
                cohort = await tx.cohorts.get(item.place)
                if shared and (cohort is None or not cohort.trainers):
                    raise Refused({"": t("sharing.no_trainers")})
                changed = await tx.shares.set(item.key, member.ref, shared)
                names = []
                if cohort is not None and cohort.trainers:
                    found = await tx.members.get_many(cohort.trainers)
                    names = sorted(m.display_name for m in found.values())
        except Refused as refused:
            return Reply(errors=refused.errors)
        if shared:
            title = t("sharing.done" if changed else "sharing.already", names=", ".join(names))
            action = stop_action(item.key, t)
        else:
            title = t("sharing.stopped" if changed else "sharing.not_shared")
            action = share_action(item.key, t) if cohort is not None else None
        card = Card(
            title=title,
            body=item_title(item, t),
            actions=(action,) if action else (),
            private=True,
            tone=Tone.SUCCESS,
        )
        return Reply(cards=(card,))

    async def listed(self, actor: Actor, place: Place) -> Reply:
        """What the member shares with the trainers of this channel, each with a button to
        stop sharing it."""
        async with self.ctx.store.transaction() as tx:
            member = await self.ctx.member_in(tx, actor)
            channel = await tx.channels.get(place)
            items: Sequence[SharedItem] = await tx.shares.of_member(member.ref, place)
        t = self.ctx.texts_for(member, channel)
        if not items:
            return Reply(cards=(Card(title=t("sharing.nothing"), private=True),))
        cards = [Card(title=t("sharing.list_title", n=len(items)), private=True)]
        for item in items[-SHOWN_AT_MOST:]:
            cards.append(
                Card(
                    title=item_title(item, t),
                    fields=item_fields(self.ctx, item, t.lang),
                    actions=(stop_action(item.key, t),),
                    private=True,
                )
            )
        return Reply(cards=tuple(cards))
