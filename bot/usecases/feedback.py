"""Feedback in a round: the form each role owes per turn, its submission, what the helper reads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from bot.forms import answer_label, clean_answers, feedback_form
from bot.messages import Action, Card, Field, Notice, Reply, Tone
from bot.model import (
    BRINGER,
    HELPER,
    Actor,
    Channel,
    Feedback,
    Group,
    Member,
    MemberRef,
    Place,
)
from bot.ports import Tx
from bot.rules import ball
from bot.rules.levels import after_rating
from bot.texts import Texts
from bot.usecases.context import Refused
from bot.usecases.kept_text import with_kept
from bot.usecases.observer_counts import observer_card
from bot.usecases.round_base import (
    FORM_FOR_ROLE,
    RoundsBase,
    form_key,
    parse_form_key,
)
from bot.usecases.sharing import share_action

RATING = "S2"  # the self-assessment's "how challenging was this round" (bot.rules.levels)


class FeedbackWork(RoundsBase):
    """Feedback forms, submissions and what the helper receives."""

    async def feedback(
        self,
        actor: Actor,
        place: Place,
        number: int | None = None,
        *,
        group_id: int | None = None,
    ) -> Reply:
        """The feedback due for the member in a group: a form, or what they received."""
        try:
            async with self.store.transaction() as tx:
                _, member, t, group = await self._group_in(
                    tx, actor, place, group_id=group_id, number=number
                )
                role = group.role_of(member.ref)
                if role is None:
                    raise Refused({"": t("feedback.not_member", number=group.number)})
                assert group.id is not None
                every_turn = await tx.feedback.in_groups([group.id])
                observed = [
                    o
                    for o in await tx.observations.of_group(group.id)
                    if o.turn == group.turn and o.finished
                ]
        except Refused as refused:
            return Reply(errors=refused.errors)
        # An earlier turn whose form this member still owes comes first: a swap never makes
        # feedback unreachable.
        for turn in range(1, group.turn + 1):
            role_then = group.role_of(member.ref, turn)
            form_id = FORM_FOR_ROLE[role_then] if role_then else ""
            owed = role_then is not None and not any(
                f.turn == turn and f.giver == member.ref and f.form_id == form_id
                for f in every_turn
            )
            if owed:
                key = form_key(group.id, turn, form_id)
                form = feedback_form(self.catalog, form_id, group.skill_id, t.lang, key)
                if turn < group.turn:
                    form = replace(form, intro=t("feedback.earlier_turn", turn=turn))
                return Reply(form=form)
        given = [f for f in every_turn if f.turn == group.turn]
        if role == HELPER:
            # The automatic observer's card is one more feedback item (bot.usecases.observing).
            # A text its members chose to keep (pasted, or read live) is shown with it.
            seen = tuple(
                replace(
                    with_kept(observer_card(o.counts, group.skill_id, t), o.transcript, t),
                    private=True,
                )
                for o in observed
            )
            received = self._received(group, given, t, empty_note=not seen)
            return Reply(cards=(*received, *seen))
        return Reply(cards=(Card(title=t("feedback.already"), private=True),))

    async def submit_feedback(
        self, actor: Actor, place: Place, key: str, answers: Mapping[str, str]
    ) -> Reply:
        """Store a feedback form. Only the group's member in the right role, once per turn."""
        now = self.clock.now()
        parsed = parse_form_key(key)
        try:
            async with self.store.transaction() as tx:
                if parsed is None:
                    channel = await self.ctx.channel_in(tx, place)
                    member = await self.ctx.member_in(tx, actor)
                    t = self.ctx.texts_for(member, channel)
                    raise Refused({"": t("feedback.unknown_form")})
                group_id, turn, form_id = parsed
                # The form may be submitted anywhere (a DM, a modal): the group's channel counts.
                channel, member, t, group = await self._group_in(
                    tx, actor, place, group_id=group_id
                )
                role = group.role_of(member.ref, turn)
                if role is None:
                    raise Refused({"": t("feedback.not_member", number=group.number)})
                if FORM_FOR_ROLE.get(role) != form_id:
                    raise Refused({"": t("feedback.wrong_form", role=t(f"role.{role}"))})
                # A second submission is refused as such, before its answers are looked at.
                earlier = await tx.feedback.list(group_id, turn)
                if any(f.giver == member.ref and f.form_id == form_id for f in earlier):
                    raise Refused({"": t("feedback.already")})
                form = feedback_form(self.catalog, form_id, group.skill_id, t.lang, key)
                cleaned, problems = clean_answers(form, answers, t)
                if problems:
                    raise Refused({p.field_id: p.message for p in problems})
                stored = Feedback(group_id, turn, form_id, member.ref, cleaned, now)
                if not await tx.feedback.add(stored):
                    raise Refused({"": t("feedback.already")})
                moved = ""
                if form_id == FORM_FOR_ROLE[HELPER]:
                    moved = await self._rated(tx, channel, member.ref, cleaned.get(RATING, ""), t)
                given = await tx.feedback.list(group_id, turn)
                trainers = await tx.cohorts.has_trainers(channel.place)
                helper_seat = group.member_in(HELPER, turn)
                helper = await tx.members.get(helper_seat.member) if helper_seat else None
                notices = self._feedback_notices(group, given, stored, helper, channel, turn)
                ids = await tx.outbox.add(
                    notices, kind="feedback", now=now, local_date=group.local_date
                )
        except Refused as refused:
            return Reply(errors=refused.errors)
        # In a training group: the per-item choice to let the trainers read it.
        offer = (share_action(f"f{group_id}-{turn}-{form_id}", t),) if trainers else ()
        done = Card(
            title=t("feedback.saved"), body=moved, actions=offer, private=True, tone=Tone.SUCCESS
        )
        if form_id == FORM_FOR_ROLE[HELPER]:
            return Reply(cards=(done, *self._received(group, given, t, turn)))
        return Reply(cards=(done,), notices=notices, outbox=ids)

    async def _rated(
        self, tx: Tx, channel: Channel, member: MemberRef, rating: str, t: Texts
    ) -> str:
        """Move the helper's level by their own rating of the round (``bot.rules.levels``);
        what they are told about it ("" when the question was left open)."""
        if not rating:
            return ""
        before = (await self.ctx.levels_in(tx, channel, [member]))[member]
        after = after_rating(before, rating)
        await tx.levels.save(channel.place, member, after)
        if after.level > before.level:
            return t("level.up", level=after.level)
        if after.level < before.level:
            return t("level.down", level=after.level)
        return t("level.same", level=after.level)

    def _feedback_notices(
        self,
        group: Group,
        given: Sequence[Feedback],
        stored: Feedback,
        helper: Member | None,
        channel: Channel,
        turn: int,
    ) -> tuple[Notice, ...]:
        """What the helper gets when a partner's feedback arrives, once the helper wrote their
        own self-assessment (before that, they read it all together afterwards)."""
        helper_done = any(f.form_id == FORM_FOR_ROLE[HELPER] for f in given)
        if stored.form_id == FORM_FOR_ROLE[HELPER] or helper is None or not helper_done:
            return ()
        ht = self.ctx.texts_for(helper, channel)
        # Where the helper gets no direct messages, a pointer in the space says it arrived.
        pointer = Card(title=ht("feedback.arrived", name=helper.display_name))
        return tuple(
            Notice(
                group.place,
                card,
                member=helper.ref,
                group_id=group.id,
                space_members=tuple(s.member for s in group.seats),
                space_title=self._space_title(group, ht),
                fallback=pointer,
            )
            for card in self._received(group, given, ht, turn, empty_note=False, show=stored)
        )

    def _received(
        self,
        group: Group,
        given: Sequence[Feedback],
        t: Texts,
        turn: int | None = None,
        *,
        empty_note: bool = True,
        show: Feedback | None = None,
    ) -> tuple[Card, ...]:
        """The partners' answers, as the helper sees them (member text is marked untrusted):
        first who carried the ball, the helper's own view beside the partners', with one line
        of feed-forward; then each partner's answers with their questions (only ``show``'s,
        when a single new one arrives)."""
        names = {s.member: s.display_name for s in group.seats}
        summary = self._ball_card(group, given, t, turn, names)
        # Everything at once: the summary first. One new answer: one card, the summary in it.
        cards = list(summary) if show is None else []
        for item in given:
            if item.form_id == FORM_FOR_ROLE[HELPER] or (show is not None and item != show):
                continue
            assert group.id is not None
            form = feedback_form(
                self.catalog,
                item.form_id,
                group.skill_id,
                t.lang,
                form_key(group.id, item.turn, item.form_id),
            )
            labels = {f.id: f.label for f in form.fields}
            role = group.role_of(item.giver, turn) or BRINGER
            cards.append(
                Card(
                    title=t(
                        "feedback.from", name=names.get(item.giver, "?"), role=t(f"role.{role}")
                    ),
                    fields=tuple(
                        Field(labels.get(k, k), answer_label(form, k, v), untrusted=True)
                        for k, v in item.answers.items()
                    )
                    + (summary[0].fields if summary and show is not None else ()),
                    body=summary[0].body if summary and show is not None else "",
                    private=True,
                )
            )
        if not cards and empty_note:
            cards.append(Card(title=t("feedback.none_yet"), private=True))
        return tuple(cards)

    def _ball_card(
        self,
        group: Group,
        given: Sequence[Feedback],
        t: Texts,
        turn: int | None,
        names: Mapping[MemberRef, str],
    ) -> tuple[Card, ...]:
        """Who did the thinking and who came up with the next step, in everyone's view, and
        the feed-forward they lead to (``bot.rules.ball``); none before a partner answered."""
        own: tuple[str | None, str | None] = (None, None)
        partners: list[tuple[str, tuple[str | None, str | None]]] = []
        for item in given:
            seen = ball.view(item.form_id, item.answers)
            if item.form_id == FORM_FOR_ROLE[HELPER]:
                own = seen
            else:
                role = group.role_of(item.giver, turn) or BRINGER
                who = t("ball.partner", name=names.get(item.giver, "?"), role=t(f"role.{role}"))
                partners.append((who, seen))
        line = ball.feed_forward(own, [seen for _, seen in partners])
        if line is None:
            return ()

        def said(answer: str | None) -> str:
            return t(f"ball.answer.{answer}") if answer else "—"

        fields = tuple(
            Field(
                t(question),
                " · ".join(
                    [
                        t("ball.you", answer=said(own[index])),
                        *(f"{who}: {said(seen[index])}" for who, seen in partners),
                    ]
                ),
            )
            for index, question in enumerate(("ball.thinking", "ball.next_step"))
        )
        tip = self.catalog.skill(group.skill_id).solo_micro.get(t.lang)
        return (
            Card(
                title=t("ball.title"),
                body=t(f"ball.ff.{line}", tip=tip),
                fields=fields,
                actions=(Action(f"redo:{group.id}", t("action.redo")),),
                private=True,
            ),
        )
