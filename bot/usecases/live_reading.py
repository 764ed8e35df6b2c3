"""Live reading of a group's practice space by the automatic observer, once every member agreed.

- ``/practice observe live``: asks the group, in its space, whether ballback may read it;
  each member answers "no", "yes" (read, keep only the counts) or "yes, and keep the text
  with our feedback" (the asker answers by asking: ``observe live keep`` for keep). Answers
  may change; ``/practice observe off`` (or the "No" button) stops it for the whole group.
  Until everyone agreed nothing is read.
- What is heard in the space while reading is on (the adapters pass it on): the helper's
  turns are labelled and counted, the other's last message is kept as context only; at
  ``/practice done`` the card is posted and the context dropped.
- Only while every member chose keep is each turn also kept, as ``Name: text``
  (``bot.usecases.kept_text``); it stays with the observation after done and is shown in the
  helper's feedback view. Anyone moving away from keep drops what was kept at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from bot.messages import Action, Card, Notice, Reply, Tone
from bot.model import (
    HELPER,
    LIVE_KEEP,
    LIVE_NO,
    LIVE_YES,
    Actor,
    Group,
    MemberRef,
    Observation,
    Place,
)
from bot.ports import Tx
from bot.texts import Texts
from bot.usecases.context import Refused
from bot.usecases.kept_text import TRANSCRIPT_KEPT, kept_line, kept_with
from bot.usecases.observer_counts import guess_language, observer_card
from bot.usecases.round_base import RoundsBase

CONTEXT_KEPT = 2000  # characters of the other's last message kept as context while live
LIVE_WORDS = ("live", "on", "aan")  # ask the group, answering yes (with KEEP_WORDS: keep)
KEEP_WORDS = ("keep", "bewaar", "bewaren")
#: A plain answer typed (the console's way to press a button).
ANSWER_WORDS = {
    **dict.fromkeys(("yes", "ja"), LIVE_YES),
    **dict.fromkeys(KEEP_WORDS, LIVE_KEEP),
    **dict.fromkeys(("no", "nee", "off", "uit", "stop"), LIVE_NO),
}
#: The member's own card after answering.
YOUR_ANSWER = {
    LIVE_NO: "observe.you_declined",
    LIVE_YES: "observe.you_agreed",
    LIVE_KEEP: "observe.you_keep",
}


class LiveReading(RoundsBase):
    """Live reading of a group's practice space, with every member's consent."""

    async def consent(
        self,
        actor: Actor,
        place: Place,
        *,
        answer: str,
        group_id: int | None = None,
        ask: bool = False,
    ) -> Reply:
        """The member's answer to live reading of their group's space: ``LIVE_NO`` (stops it
        for the group), ``LIVE_YES`` (read, keep only the counts) or ``LIVE_KEEP`` (and keep
        the text, once everyone chose that). A repeated answer is refused, a changed one taken;
        anything other than keep drops the text kept so far. With ``ask`` the others are asked
        in the space."""
        now = self.clock.now()
        try:
            async with self.store.transaction() as tx:
                # The group's row stays locked until the end: a message read at the same time
                # (heard) waits, so kept text never outlives the answer that took it back.
                channel, member, t, group = await self._group_in(
                    tx, actor, place, group_id=group_id, for_update=True
                )
                if group.id is None or group.role_of(member.ref) is None:
                    raise Refused({"": t("feedback.not_member", number=group.number)})
                if not self.ctx.live_reading(group.place.platform):
                    raise Refused({"": t("observe.live_off")})
                earlier = await tx.observations.answers(group.id)
                if earlier.get(member.ref) == answer and not ask:
                    raise Refused({"": t("observe.answered")})
                await tx.observations.answer(group.id, member.ref, answer)
                answers = {**earlier, member.ref: answer}
                # The text is kept only while everyone chooses so: privacy wins at once.
                dropped = answer != LIVE_KEEP and await _drop_kept(tx, group.id, now)
                gt = self.ctx.texts_for(None, channel)
                posted = self._answered_card(
                    group, member.display_name, answer, answers, gt, ask=ask, dropped=dropped
                )
                notice = self._in_space(group, posted, gt)
                ids = await tx.outbox.add(
                    [notice], kind="observer", now=now, local_date=group.local_date
                )
        except Refused as refused:
            return Reply(errors=refused.errors)
        mine = Card(
            title=t(YOUR_ANSWER[answer]),
            body=t("observe.explain", limit=TRANSCRIPT_KEPT),
            private=True,
            tone=Tone.SUCCESS,
        )
        return Reply(cards=(mine,), notices=(notice,), outbox=ids)

    def _answered_card(
        self,
        group: Group,
        name: str,
        answer: str,
        answers: Mapping[MemberRef, str],
        t: Texts,
        *,
        ask: bool,
        dropped: bool,
    ) -> Card:
        """What the space is told after ``name`` answered (``t``: the channel's language)."""
        explain = t("observe.explain", limit=TRANSCRIPT_KEPT)
        if answer == LIVE_NO:
            return Card(
                title=t("observe.stopped", name=name),
                body=t("observe.text_dropped") if dropped else "",
            )
        if keeping(group, answers):
            return Card(title=t("observe.reading_keep"), body=explain)
        if dropped:
            return Card(title=t("observe.unkept", name=name))
        everyone = reading(group, answers)
        if ask and not (everyone and answer == LIVE_YES):
            # Also while reading: the others get the buttons to choose keep as well.
            assert group.id is not None
            return Card(
                title=t("observe.ask", name=name),
                body=explain,
                actions=tuple(
                    Action(f"observe:{choice}:{group.id}", t(f"action.observe_{choice}"))
                    for choice in (LIVE_YES, LIVE_KEEP, LIVE_NO)
                ),
            )
        if answer == LIVE_KEEP:
            return Card(title=t("observe.agreed_keep", name=name))
        if everyone:
            return Card(title=t("observe.reading"), body=explain)
        return Card(title=t("observe.agreed", name=name))

    async def heard(
        self, actor: Actor, place: Place, text: str, *, space: str | None = None
    ) -> bool:
        """A message typed in a practice space (``space``: its ref on the platform; None:
        the member's group today in ``place``, as the console's ``/say``). Read only while
        every member of the group agreed and the round's card is not out yet: the helper's
        turn is labelled and counted, the other's kept as context; while everyone chose
        keep, the turn is also added to the kept text (``bot.usecases.kept_text``). True when
        it was read."""
        from bot.observer.classify import label_turn
        from bot.observer.labels import QUESTION_LABELS
        from bot.observer.segment import words

        now = self.clock.now()
        async with self.store.transaction() as tx:
            found = await self._space_group(tx, actor, place, space)
            if found is None or found.id is None or found.outcome is not None:
                return False
            # Locked, as consent and done lock it: they wait for this message, or it for them.
            group = await tx.groups.get(found.id, for_update=True)
            if group is None or group.id is None or group.outcome is not None:
                return False
            answers = await tx.observations.answers(group.id)
            if not reading(group, answers):
                return False  # without everyone's consent nothing is read
            role = group.role_of(actor.ref)
            if role is None:
                return False
            channel = await self.ctx.channel_in(tx, group.place)
            stored = await tx.observations.get(group.id, group.turn)
            observed = stored or Observation(group.id, group.turn, "live", channel.language, {})
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
            kept = None  # not everyone chose keep: nothing of the text stays
            if keeping(group, answers):
                name = next(s.display_name for s in group.seats if s.member == actor.ref)
                kept = kept_with(
                    observed.transcript,
                    kept_line(name or actor.display_name, text),
                    gap=stored is not None,  # turns were read (and only counted) before
                )
            changed = replace(observed, counts=counts, context=context, transcript=kept)
            await tx.observations.save(changed, now)
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


def keeping(group: Group, answers: Mapping[MemberRef, str]) -> bool:
    """Whether what is read is also kept: every member chose keep."""
    return all(answers.get(s.member) == LIVE_KEEP for s in group.seats)


def live_answer(text: str) -> tuple[str, bool] | None:
    """``(answer, ask)`` for the words after ``observe``: ``live`` (yes, and ask the group),
    ``live keep`` (keep, and ask), ``off``, or a plain answer as the buttons give it (``yes``,
    ``keep``, ``no``). None when the words are none of these."""
    words = text.casefold().split()
    if words and words[0] in LIVE_WORDS:
        if len(words) == 1:
            return LIVE_YES, True
        if len(words) == 2 and words[1] in KEEP_WORDS:
            return LIVE_KEEP, True
        return None
    if len(words) == 1 and words[0] in ANSWER_WORDS:
        return ANSWER_WORDS[words[0]], False
    return None


async def _drop_kept(tx: Tx, group_id: int, now: datetime) -> bool:
    """Drop the text kept while reading the group's space live (a pasted role-play's text
    is its paster's choice and stays); whether there was any."""
    dropped = False
    for observed in await tx.observations.of_group(group_id):
        if observed.source == "live" and observed.transcript is not None:
            await tx.observations.save(replace(observed, transcript=None), now)
            dropped = True
    return dropped


async def finish_live(tx: Tx, group: Group, t: Texts, now: datetime) -> Sequence[Card]:
    """At ``done``: the card of each live observation of the group still open, marked
    finished (its context dropped). Called inside the outcome's transaction."""
    if group.id is None:
        return []
    finished = []
    for observed in await tx.observations.of_group(group.id):
        if observed.finished or observed.source != "live":
            continue
        # A kept text stays with the observation (everyone chose so); it is shown in the
        # helper's feedback view, not in the space.
        done = replace(observed, finished=True, context="")
        await tx.observations.save(done, now)
        card = observer_card(done.counts, group.skill_id, t)
        if done.transcript:
            card = replace(card, body=f"{card.body}\n{t('observe.kept_with_feedback')}")
        finished.append(card)
    return finished
