"""Reflections and streaks: the daily reflection written privately, shared on request, and the
streak it counts for.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta

from bot.forms import (
    MONTHLY_WORDS,
    WEEKLY_WORDS,
    clean_answers,
    daily_reflection_form,
    monthly_reflection_form,
    reflection_form_of,
    weekly_reflection_form,
)
from bot.messages import Action, Card, Field, Form, Notice, Reply, Tone
from bot.model import (
    Actor,
    Channel,
    Member,
    Place,
    Reflection,
)
from bot.pictures import heatmap
from bot.rules.streak import (
    Mark,
    advance,
    credited_day,
    current_at,
    marks,
)
from bot.usecases.context import Context, Refused
from bot.usecases.sharing import share_action
from bot.usecases.streaks import calendar_of, day_states, recomputed

STREAK_LOOKBACK = 28  # days whose forgiven and excused days /streak lists
STREAK_PICTURE = "streak.png"  # the heat-map's file name wherever it is sent


class ReflectionsUseCase:
    """The daily reflection (form, submission, sharing) and the streak it builds."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        # A form only depends on (skill, language, habit): kept so the hot path skips a rebuild.
        self._forms: dict[tuple[str, str, str | None], Form] = {}

    async def reflection_form(self, actor: Actor, place: Place, which: str = "") -> Reply:
        """The daily reflection form for today's skill, in the member's language; with
        ``which`` "week" the weekly reflection (offered on the week's last practice day)."""
        async with self.ctx.store.transaction() as tx:
            channel = await self.ctx.channel_in(tx, place)
            member = await self.ctx.member_in(tx, actor)
            pick = await self.ctx.picks.pick_in(tx, place, self.ctx.local_date(channel))
        t = self.ctx.texts_for(member, channel)
        wanted = which.strip().lower()
        if wanted in WEEKLY_WORDS:
            return Reply(form=weekly_reflection_form(self.ctx.catalog, t.lang))
        if wanted in MONTHLY_WORDS:
            return Reply(form=monthly_reflection_form(self.ctx.catalog, t.lang))
        if wanted:
            return Reply(errors={"": t("error.reflect_usage")})
        return Reply(form=self._reflection_form(pick.skill_id, t.lang, pick.habit_id))

    def _reflection_form(self, skill_id: str, lang: str, habit_id: str | None = None) -> Form:
        form = self._forms.get((skill_id, lang, habit_id))
        if form is None:
            form = self._forms[(skill_id, lang, habit_id)] = daily_reflection_form(
                self.ctx.catalog, skill_id, lang, habit_id
            )
        return form

    async def reflect(
        self,
        actor: Actor,
        place: Place,
        answers: Mapping[str, str],
        *,
        weekly: bool = False,
        monthly: bool = False,
    ) -> Reply:
        """Store a daily (or, with ``weekly`` or ``monthly``, that) reflection privately and
        update the streak: each counts for its day.

        Empty required answers, over-long answers and unknown fields are refused with one
        message per field; then nothing is stored.
        """
        now = self.ctx.clock.now()
        try:
            async with self.ctx.store.transaction() as tx:
                channel = await self.ctx.channel_in(tx, place)
                member = await self.ctx.member_in(tx, actor, for_update=True)
                t = self.ctx.texts_for(member, channel)
                pick = await self.ctx.picks.pick_in(tx, place, self.ctx.local_date(channel, now))
                if weekly:
                    form = weekly_reflection_form(self.ctx.catalog, t.lang)
                elif monthly:
                    form = monthly_reflection_form(self.ctx.catalog, t.lang)
                else:
                    form = self._reflection_form(pick.skill_id, t.lang, pick.habit_id)
                cleaned, problems = clean_answers(form, answers, t)
                if problems:
                    raise Refused({p.field_id: p.message for p in problems})
                zone = self.ctx.zone_of(member, channel)
                day = credited_day(now, zone, self.ctx.grace)
                reflection_id = await tx.reflections.add(
                    Reflection(
                        member=member.ref,
                        place=place,
                        day=day,
                        created_at=now,
                        answers=cleaned,
                        skill_id=None if weekly or monthly else pick.skill_id,
                    )
                )
                trainers = await tx.cohorts.has_trainers(place)
                last = member.streak.last_day
                calendar = await calendar_of(
                    tx,
                    member,
                    place,
                    channel=channel,
                    until=day if last is None or day >= last else None,
                )
                if last is None or day >= last:
                    streak = advance(member.streak, day, calendar)
                else:  # written for an earlier day than the last counted one: start over
                    streak = await recomputed(tx, member, calendar)
                await tx.members.save(replace(member, streak=streak))
        except Refused as refused:
            return Reply(errors=refused.errors)
        current = current_at(streak, credited_day(now, zone, self.ctx.grace), calendar)
        body = (
            t("reflect.saved.same_day", day=day.isoformat())
            if streak == member.streak
            else t("reflect.saved.body", day=day.isoformat(), current=current)
        )
        saved = Card(
            title=t("reflect.saved.title"),
            body=body,
            actions=(
                Action(f"share:{reflection_id}", t("action.share")),
                # In a training group: the per-item choice to let the trainers read it.
                *((share_action(f"r{reflection_id}", t),) if trainers else ()),
            ),
            private=True,
            tone=Tone.SUCCESS,
        )
        return Reply(cards=(saved,))

    async def share(self, actor: Actor, place: Place, reflection_id: int | None = None) -> Reply:
        """Share one of the member's own reflections in the channel it was written in: the one
        with ``reflection_id``, else their latest in ``place``. Only its author may share it,
        once; the answers are shown as the member wrote them (untrusted, escaped)."""
        try:
            async with self.ctx.store.transaction() as tx:
                member = await self.ctx.member_in(tx, actor)
                here = await tx.channels.get(place)
                t = self.ctx.texts_for(member, here)
                if reflection_id is None:
                    written = [r for r in await tx.reflections.list(member.ref) if r.place == place]
                    reflection = written[-1] if written else None
                else:
                    reflection = await tx.reflections.get(reflection_id)
                if reflection is None or reflection.id is None:
                    raise Refused({"": t("share.none")})
                if reflection.member != member.ref:
                    raise Refused({"": t("share.not_yours")})
                if not await tx.reflections.mark_shared(reflection.id):
                    raise Refused({"": t("share.already")})
                channel = await tx.channels.get(reflection.place)
                public = self._shared_card(member, reflection, channel)
                notice = Notice(reflection.place, public)
                ids = await tx.outbox.add(
                    [notice], kind="share", now=self.ctx.clock.now(), local_date=reflection.day
                )
        except Refused as refused:
            return Reply(errors=refused.errors)
        done = Card(title=t("share.done"), private=True, tone=Tone.SUCCESS)
        return Reply(cards=(done,), notices=(notice,), outbox=ids)

    def _shared_card(self, member: Member, reflection: Reflection, channel: Channel | None) -> Card:
        """A shared reflection as the channel sees it: in the channel's language, the answers
        as written (untrusted)."""
        ct = self.ctx.texts_for(None, channel)
        labels: dict[str, str] = {}
        if reflection.skill_id is None or reflection.skill_id in self.ctx.catalog.skill_ids:
            form = reflection_form_of(
                self.ctx.catalog, reflection.answers, reflection.skill_id, ct.lang
            )
            labels = {f.id: f.label for f in form.fields}
        return Card(
            title=ct("share.title", name=member.display_name, day=reflection.day.isoformat()),
            fields=tuple(
                Field(labels.get(k, k), v, untrusted=True) for k, v in reflection.answers.items()
            ),
        )

    async def streak(self, actor: Actor, place: Place) -> Reply:
        """The member's current, longest and total streak (never shaming), the days of the
        last four weeks that were forgiven or excused, shown as such, and a heat-map of their
        last 26 weeks (``Card.image_png``), all from one read of the store."""
        now = self.ctx.clock.now()
        async with self.ctx.store.transaction() as tx:
            channel = await self.ctx.channel_in(tx, place)
            member = await self.ctx.member_in(tx, actor)
            calendar = await calendar_of(tx, member, place, channel=channel)
            days = [r.day for r in await tx.reflections.list(member.ref)]
        t = self.ctx.texts_for(member, channel)
        today = credited_day(now, self.ctx.zone_of(member, channel), self.ctx.grace)
        state = member.streak
        current = current_at(state, today, calendar)
        if state.total == 0:
            body = t("streak.none")
        elif current == 0:
            body = t("streak.restart")
        elif state.last_day == today:
            body = t("streak.done_today")
        else:
            body = t("streak.keep_going")
        fields = [
            Field(t("streak.current"), t("streak.days", n=current)),
            Field(t("streak.longest"), t("streak.days", n=state.longest)),
            Field(t("streak.total"), t("streak.days", n=state.total)),
        ]
        first, last = heatmap.window(today)
        seen = marks(days, calendar, first, last, today)
        listed_from = today - timedelta(days=STREAK_LOOKBACK - 1)
        for mark, key in ((Mark.FORGIVEN, "streak.forgiven"), (Mark.EXCUSED, "streak.excused")):
            shown = [
                d.isoformat() for d, m in seen.items() if m is mark and listed_from <= d <= today
            ]
            if shown:
                fields.append(Field(t(key, n=calendar.forgive_per_week), ", ".join(shown)))
        # Drawn off the event loop: encoding the PNG is most of its few milliseconds.
        picture = await asyncio.to_thread(heatmap.render_heatmap, day_states(seen, today), today, t)
        card = Card(
            title=t("streak.title"),
            body=body,
            fields=tuple(fields),
            private=True,
            image_png=picture,
            image_name=STREAK_PICTURE,
        )
        return Reply(cards=(card,))
