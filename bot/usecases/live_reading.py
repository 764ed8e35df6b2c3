"""Live reading of a group's practice space by the automatic observer, once every member agreed.

- ``/practice observe live``: asks the group, in its space, whether ballback may read it;
  each member answers once per round (the asker agrees by asking). ``/practice observe off``
  (or the "No" button) stops it for the whole group. Until everyone agreed nothing is read.
- What is heard in the space while reading is on (the adapters pass it on): the helper's
  turns are labelled and counted, the other's last message is kept as context only; at
  ``/practice done`` the card is posted and the context dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from bot.messages import Action, Card, Notice, Reply, Tone
from bot.model import HELPER, LIVE_NO, LIVE_YES, Actor, Group, MemberRef, Observation, Place
from bot.ports import Tx
from bot.texts import Texts
from bot.usecases.context import Refused
from bot.usecases.observer_counts import guess_language, observer_card
from bot.usecases.round_base import RoundsBase

CONTEXT_KEPT = 2000  # characters of the other's last message kept as context while live


class LiveReading(RoundsBase):
    """Live reading of a group's practice space, with every member's consent."""

    async def consent(
        self,
        actor: Actor,
        place: Place,
        *,
        agreed: bool,
        group_id: int | None = None,
        ask: bool = False,
    ) -> Reply:
        """The member's answer to live reading of their group's space (once per round; a
        "no" stops it for the group). With ``ask`` the others are asked in the space."""
        now = self.clock.now()
        try:
            async with self.store.transaction() as tx:
                channel, member, t, group = await self._group_in(
                    tx, actor, place, group_id=group_id, for_update=True
                )
                if group.id is None or group.role_of(member.ref) is None:
                    raise Refused({"": t("feedback.not_member", number=group.number)})
                if not self.ctx.live_reading(group.place.platform):
                    raise Refused({"": t("observe.live_off")})
                answer = LIVE_YES if agreed else LIVE_NO
                earlier = await tx.observations.answers(group.id)
                if earlier.get(member.ref) == answer and not ask:
                    raise Refused({"": t("observe.answered")})
                await tx.observations.answer(group.id, member.ref, answer)
                answers = {**earlier, member.ref: answer}
                gt = self.ctx.texts_for(None, channel)
                everyone = reading(group, answers)
                if not agreed:
                    posted = Card(title=gt("observe.stopped", name=member.display_name))
                elif everyone:
                    posted = Card(title=gt("observe.reading"), body=gt("observe.explain"))
                elif ask:
                    posted = Card(
                        title=gt("observe.ask", name=member.display_name),
                        body=gt("observe.explain"),
                        actions=(
                            Action(f"observe:yes:{group.id}", gt("action.observe_yes")),
                            Action(f"observe:no:{group.id}", gt("action.observe_no")),
                        ),
                    )
                else:
                    posted = Card(title=gt("observe.agreed", name=member.display_name))
                notice = self._in_space(group, posted, gt)
                ids = await tx.outbox.add(
                    [notice], kind="observer", now=now, local_date=group.local_date
                )
        except Refused as refused:
            return Reply(errors=refused.errors)
        mine = Card(
            title=t("observe.you_agreed" if agreed else "observe.you_declined"),
            body=t("observe.explain"),
            private=True,
            tone=Tone.SUCCESS,
        )
        return Reply(cards=(mine,), notices=(notice,), outbox=ids)

    async def heard(
        self, actor: Actor, place: Place, text: str, *, space: str | None = None
    ) -> bool:
        """A message typed in a practice space (``space``: its ref on the platform; None:
        the member's group today in ``place``, as the console's ``/say``). Read only while
        every member of the group agreed and the round's card is not out yet: the helper's
        turn is labelled and counted, the other's kept as context. True when it was read."""
        from bot.observer.classify import label_turn
        from bot.observer.labels import QUESTION_LABELS
        from bot.observer.segment import words

        now = self.clock.now()
        async with self.store.transaction() as tx:
            group = await self._space_group(tx, actor, place, space)
            if group is None or group.id is None or group.outcome is not None:
                return False
            if not reading(group, await tx.observations.answers(group.id)):
                return False  # without everyone's consent nothing is read
            role = group.role_of(actor.ref)
            if role is None:
                return False
            channel = await self.ctx.channel_in(tx, group.place)
            observed = await tx.observations.get(group.id, group.turn) or Observation(
                group.id, group.turn, "live", channel.language, {}
            )
            if observed.finished or observed.source != "live":
                return False
            counts = dict(observed.counts)
            n = len(words(text.casefold()))
            counts["all_words"] = counts.get("all_words", 0) + n
            context = observed.context
            if role == HELPER:
                lang = guess_language(text, observed.lang)
                labels = label_turn(text, lang, context)  # it reads at most 4,000 characters
                for label in labels:
                    counts[label] = counts.get(label, 0) + 1
                counts["helper_turns"] = counts.get("helper_turns", 0) + 1
                counts["quiet_turns"] = counts.get("quiet_turns", 0) + (
                    not labels & QUESTION_LABELS
                )
                counts["helper_words"] = counts.get("helper_words", 0) + n
            else:
                context = text[-CONTEXT_KEPT:]
            await tx.observations.save(replace(observed, counts=counts, context=context), now)
        return True

    async def say(self, actor: Actor, place: Place, text: str) -> int | None:
        """The console's ``/say``: the member speaks in their group's practice space today.
        The number of that group (None: no group today); what is said is read as ``heard``
        (only with everyone's consent)."""
        async with self.store.transaction() as tx:
            group = await self._space_group(tx, actor, place, None)
        if group is None:
            return None
        await self.heard(actor, place, text)
        return group.number

    async def _space_group(
        self, tx: Tx, actor: Actor, place: Place, space: str | None
    ) -> Group | None:
        if space is not None:
            return await tx.groups.with_space(place.platform, place.workspace, space)
        channel = await self.ctx.channel_in(tx, place)
        return await tx.groups.group_of(place, self.ctx.local_date(channel), actor.ref)

    def _in_space(self, group: Group, card: Card, t: Texts) -> Notice:
        return Notice(
            group.place,
            card,
            group_id=group.id,
            space_members=tuple(s.member for s in group.seats),
            space_title=self._space_title(group, t),
        )


def reading(group: Group, answers: Mapping[MemberRef, str]) -> bool:
    """Whether the group's space is read: every member answered, and none said no."""
    return all(answers.get(s.member, LIVE_NO) != LIVE_NO for s in group.seats)


async def finish_live(tx: Tx, group: Group, t: Texts, now: datetime) -> Sequence[Card]:
    """At ``done``: the card of each live observation of the group still open, marked
    finished (its context dropped). Called inside the outcome's transaction."""
    if group.id is None:
        return []
    finished = []
    for observed in await tx.observations.of_group(group.id):
        if observed.finished or observed.source != "live":
            continue
        done = replace(observed, finished=True, context="")
        await tx.observations.save(done, now)
        finished.append(observer_card(done.counts, group.skill_id, t))
    return finished
